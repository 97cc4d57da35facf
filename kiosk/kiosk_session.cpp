// The kiosk's controller: intents, keys, timers and the network thread (see kiosk_session.hpp).
// The requests and what their answers do are in kiosk_requests.cpp.
#include "kiosk_session.hpp"

#include <fmt/format.h>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"

namespace stellwerk::kiosk {

using i18n::tr;

std::expected<std::unique_ptr<KioskSession>, std::string> KioskSession::create(KioskOptions options,
                                                                               std::function<void()> wake, WallClock clock) {
  auto http = net::HttpClient::create(options.server_url, options.transport);
  if (!http) return std::unexpected(fmt::format("--server: {}", http.error().detail));
  KioskApi api{std::move(*http), options.device_token, std::string(i18n::to_code(options.settings.language))};
  if (!clock) clock = [] { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); };
  return std::unique_ptr<KioskSession>(new KioskSession(std::move(options), std::move(api), std::move(wake), std::move(clock)));
}

KioskSession::KioskSession(KioskOptions options, KioskApi api, std::function<void()> wake, WallClock clock)
    : options_(std::move(options)), clock_(std::move(clock)), wake_(std::move(wake)), api_(std::move(api)) {
  if (options_.idle_timeout < kMinimumIdle) options_.idle_timeout = kMinimumIdle;
  state_.settings = options_.settings;
  state_.now = clock_();
  state_.badge = &badge_;
  state_.pin = &pin_;
  state_.username = &username_;
  state_.password = &password_;
  if (auto cached = load_today(options_.data_dir)) state_.today = std::move(*cached);
  last_input_ = std::chrono::steady_clock::now();
  network_ = std::thread([this] { network_loop(); });
}

KioskSession::~KioskSession() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  work_.notify_all();
  if (network_.joinable()) network_.join();
}

bool KioskSession::waiting() const {
  std::lock_guard lock(mutex_);
  return in_flight_ > 0;
}

void KioskSession::post(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
    ++in_flight_;
  }
  work_.notify_one();
}

void KioskSession::network_loop() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    Answer answer = job(api_);
    {
      std::lock_guard lock(mutex_);
      answers_.push_back(std::move(answer));
    }
    if (wake_) wake_();
  }
}

bool KioskSession::update(SteadyTime now) {
  bool changed = false;
  std::deque<Answer> answers;
  {
    std::lock_guard lock(mutex_);
    answers.swap(answers_);
  }
  for (Answer& answer : answers) {
    answer(*this);
    std::lock_guard lock(mutex_);
    --in_flight_;
    changed = true;
  }

  const Instant wall = clock_();
  if (std::chrono::floor<std::chrono::minutes>(wall) != std::chrono::floor<std::chrono::minutes>(state_.now)) changed = true;
  state_.now = wall;
  if (!last_refresh_ || now - *last_refresh_ >= kRefreshEvery) {
    last_refresh_ = now;
    refresh_today();
  }

  // Idle: sign-in screens quietly go back to the idle screen; a signed-in person is warned first.
  const auto idle = std::chrono::duration_cast<std::chrono::seconds>(now - last_input_);
  // A badge reader types its digits and Enter at once: digits left without Enter for a few
  // seconds are a misread, and must not become the start of the next person's badge.
  if (state_.screen == Screen::idle && !badge_.empty() && idle >= kBadgeForgotten) badge_.clear();
  if (state_.screen == Screen::pin || state_.screen == Screen::password || state_.screen == Screen::leave) {
    if (idle >= options_.idle_timeout && !state_.busy) {
      leave_sign_in_screens();
      changed = true;
    }
  } else if (state_.person) {
    std::optional<std::chrono::seconds> warning;
    if (idle >= options_.idle_timeout) warning = std::max(std::chrono::seconds{0}, options_.idle_timeout + kIdleWarning - idle);
    if (warning != state_.idle_warning) changed = true;
    state_.idle_warning = warning;
    if (warning && warning->count() == 0) sign_out();
  }

  // Night: outside the building's opening hours, with nobody there and nobody touching it for
  // the idle time (a touch wakes the screen for that long).
  bool night = false;
  if (state_.today.known && state_.screen == Screen::idle && !state_.person && idle >= options_.idle_timeout) {
    const auto& hours = state_.today.opening_hours;
    const MinuteOfDay minute = local_minute(wall);
    night = state_.today.date == local_date(wall) &&
            (!hours || minute < hours->opens || minute >= hours->closes);
  }
  if (night != state_.night) changed = true;
  state_.night = night;
  return changed;
}

void KioskSession::touched(SteadyTime now) {
  last_input_ = now;
  state_.idle_warning.reset();
}

void KioskSession::set_screen(Screen screen) {
  state_.screen = screen;
  state_.message.reset();
}

void KioskSession::leave_sign_in_screens() {
  badge_.clear();
  pin_.clear();
  username_.clear();
  password_.clear();
  state_.typing_password = false;
  set_screen(state_.person ? Screen::person : Screen::idle);
}

void KioskSession::key_typed(char c) {
  if (state_.busy) return;
  switch (state_.screen) {
    case Screen::idle:
      // A badge reader types the badge number: digits, then Enter.
      if (c >= '0' && c <= '9') badge_.push(c);
      break;
    case Screen::pin:
    case Screen::leave:
      if (c >= '0' && c <= '9') pin_.push(c);
      break;
    case Screen::password:
      if (c >= 0x21 && c <= 0x7e) (state_.typing_password ? password_ : username_).push(c);
      break;
    default:
      break;
  }
}

void KioskSession::key_erase() {
  if (state_.screen == Screen::pin || state_.screen == Screen::leave) pin_.pop();
  if (state_.screen == Screen::password) (state_.typing_password ? password_ : username_).pop();
}

void KioskSession::key_enter() {
  if (state_.screen == Screen::idle && !badge_.empty()) {
    set_screen(Screen::pin);
  } else if (state_.screen == Screen::pin || state_.screen == Screen::password || state_.screen == Screen::leave) {
    apply(Submit{});
  }
}

void KioskSession::key_escape() {
  if (state_.screen != Screen::idle) apply(Back{});
  badge_.clear();  // a half-read badge never waits for the next person
}

void KioskSession::leave_requested() {
  if (state_.person || state_.busy) return;
  leave_sign_in_screens();
  set_screen(Screen::leave);
}

void KioskSession::back() {
  switch (state_.screen) {
    case Screen::pin:
    case Screen::password:
    case Screen::leave:
      leave_sign_in_screens();
      break;
    case Screen::book:
    case Screen::confirmation:
      set_screen(Screen::person);
      state_.confirmation.reset();
      break;
    default:
      break;
  }
}

void KioskSession::apply(const Intent& intent) {
  std::visit(
      [this](const auto& i) {
        using T = std::decay_t<decltype(i)>;
        if constexpr (std::is_same_v<T, TapSignIn>) {
          if (!state_.person) set_screen(Screen::password);
        } else if constexpr (std::is_same_v<T, KeyTyped>) {
          key_typed(i.c);
        } else if constexpr (std::is_same_v<T, KeyErased>) {
          key_erase();
        } else if constexpr (std::is_same_v<T, SwitchField>) {
          state_.typing_password = !state_.typing_password;
        } else if constexpr (std::is_same_v<T, Submit>) {
          sign_in();
        } else if constexpr (std::is_same_v<T, Back>) {
          back();
        } else if constexpr (std::is_same_v<T, Done>) {
          sign_out();
        } else if constexpr (std::is_same_v<T, StayOn>) {
          touched(std::chrono::steady_clock::now());
        } else if constexpr (std::is_same_v<T, ToggleContrast>) {
          state_.settings.high_contrast = !state_.settings.high_contrast;
        } else if constexpr (std::is_same_v<T, ToggleLargeText>) {
          state_.settings.large_text = !state_.settings.large_text;
        } else if constexpr (std::is_same_v<T, ToggleSpeech>) {
          state_.settings.speech = !state_.settings.speech;
        } else if constexpr (std::is_same_v<T, SwitchLanguage>) {
          state_.settings.language = state_.settings.language == i18n::Language::de ? i18n::Language::en : i18n::Language::de;
          const std::string code{i18n::to_code(state_.settings.language)};
          post([code](KioskApi& api) -> Answer {
            api.set_language(code);
            return [](KioskSession&) {};
          });
        } else if constexpr (std::is_same_v<T, StartBooking>) {
          if (!state_.person) return;
          set_screen(Screen::book);
          state_.booking = BookingChoice{};
          const auto days = bookable_days(state_.person->policy, state_.now, 1);
          if (days.empty()) {
            state_.message = Message{tr("No day can be booked at the moment."), ui::Tone::neutral};
            return;
          }
          load_places(days.front());
        } else if constexpr (std::is_same_v<T, PickDay>) {
          load_places(i.day);
        } else if constexpr (std::is_same_v<T, PickFloor>) {
          state_.booking.floor_id = i.floor_id;
          state_.booking.selected.reset();
        } else if constexpr (std::is_same_v<T, PickPlace>) {
          state_.booking.selected = i.resource_id.empty() ? std::nullopt : std::optional<Id>{i.resource_id};
        } else if constexpr (std::is_same_v<T, ConfirmBooking>) {
          book();
        } else if constexpr (std::is_same_v<T, CheckIn> || std::is_same_v<T, CancelBooking>) {
          booking_action(i);
        }
      },
      intent);
}

}  // namespace stellwerk::kiosk
