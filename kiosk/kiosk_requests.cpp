// What the kiosk asks the server and what each answer changes on screen (see kiosk_session.hpp).
// Every job below runs on the network thread and returns the change to make on the window's thread.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kiosk_session.hpp"
#include "labels.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/icalendar.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/sync/wire_records.hpp"
#include "stellwerk/wire/codec.hpp"
#include "training/training_status.hpp"

namespace stellwerk::kiosk {
namespace {

using i18n::tr;

// How far ahead the overview lists the person's bookings.
constexpr int kBookingsAhead = 28;

ui::SpotState spot_state(wire::AvailabilityState state) {
  switch (state) {
    case wire::AvailabilityState::free: return ui::SpotState::free;
    case wire::AvailabilityState::mine: return ui::SpotState::mine;
    case wire::AvailabilityState::held: return ui::SpotState::reserved_accessible;
    case wire::AvailabilityState::closed: return ui::SpotState::unavailable;
    // Partly free places are offered by the desktop client's half-day choice; the kiosk books whole days.
    case wire::AvailabilityState::taken:
    case wire::AvailabilityState::partly_free:
    default: return ui::SpotState::booked;
  }
}

std::vector<Place> places_from(const std::vector<wire::AvailabilityResource>& resources) {
  std::vector<Place> places;
  for (const wire::AvailabilityResource& r : resources) {
    places.push_back(Place{r.id, r.type, r.name, r.floor_id, static_cast<float>(r.x), static_cast<float>(r.y),
                           static_cast<float>(r.w), static_cast<float>(r.h), r.features, r.capacity, r.accessible,
                           spot_state(r.state)});
  }
  return places;
}

std::string place_name(const BuildingToday& today, const Id& resource_id) {
  for (const Place& place : today.places) {
    if (place.id == resource_id) return place.name;
  }
  return tr("a place in another building");
}

PersonBooking person_booking(const BuildingToday& today, const wire::Booking& b) {
  return PersonBooking{b.id, b.resource_id, place_name(today, b.resource_id), b.building_id == today.building_id,
                       b.start, b.end, b.state, b.check_in_opens_at, b.release_at};
}

// Everything the overview shows, fetched in one go after sign-in.
struct PersonData {
  DepartmentPolicy policy;
  std::vector<wire::Booking> bookings;
  std::vector<PlanHalfDay> week;
  std::vector<DueTraining> due;
};

ApiResult<PersonData> fetch_person(KioskApi& api, const Secret& token, Date today, const Learner& learner) {
  PersonData data;
  auto policy = api.policy(token);
  if (!policy) return std::unexpected(policy.error());
  const auto read = sync::policy_from_wire(*policy);
  if (!read) return std::unexpected(ApiFailure{ApiFailure::Kind::malformed, 0, {}, "policy", {}});
  data.policy = *read;
  auto bookings = api.bookings(token, today, add_days(today, kBookingsAhead));
  if (!bookings) return std::unexpected(bookings.error());
  data.bookings = std::move(*bookings);
  const Date monday = week_start(today);
  auto workdays = api.workdays(token, monday, add_days(monday, 4));
  if (!workdays) return std::unexpected(workdays.error());
  for (const wire::Workday& w : workdays->workdays) {
    if (w.kind == WorkdayKind::planned) data.week.push_back(PlanHalfDay{w.date, w.half, w.mode});
  }
  auto enrollments = api.enrollments(token);
  if (!enrollments) return std::unexpected(enrollments.error());
  auto courses = api.courses(token);
  if (!courses) return std::unexpected(courses.error());
  std::vector<Course> known;
  for (const wire::Course& c : *courses) {
    if (auto course = sync::course_from_wire(c)) known.push_back(std::move(*course));
  }
  std::vector<Enrollment> mine;
  for (const wire::Enrollment& e : *enrollments) mine.push_back(sync::enrollment_from_wire(e, {}));
  // What Home's "Fällige Schulungen" lists, soonest first (client's training_items: core's
  // mandatory_for and mandatory_due_on); the kiosk shows the dated ones.
  for (const client::TrainingItem& item : client::due_trainings(client::training_items(known, mine, learner, today))) {
    if (item.due_on) data.due.push_back(DueTraining{item.course->title, *item.due_on});
  }
  return data;
}

}  // namespace

BuildingToday building_today(const wire::KioskToday& today) {
  BuildingToday b;
  b.known = true;
  b.date = today.date;
  b.building_id = today.building.id;
  b.building_name = today.building.name;
  if (today.opening_hours) {
    const auto opens = sync::wall_time_from_wire(today.opening_hours->opens);
    const auto closes = sync::wall_time_from_wire(today.opening_hours->closes);
    if (opens && closes) b.opening_hours = OpeningHours{*opens, *closes};
  }
  for (const wire::Floor& f : today.building.floors) {
    b.floors.push_back(KioskFloor{f.id, f.name, f.level, static_cast<float>(f.width_m), static_cast<float>(f.height_m)});
  }
  std::sort(b.floors.begin(), b.floors.end(), [](const KioskFloor& x, const KioskFloor& y) { return x.level < y.level; });
  b.places = places_from(today.resources);
  for (const wire::Timeline& t : today.rooms) {
    RoomDay room{t.resource_id, {}};
    for (const wire::BusyPeriod& p : t.busy) room.busy.push_back(BusyTime{p.start, p.end});
    b.rooms.push_back(std::move(room));
  }
  return b;
}

void save_today(const std::filesystem::path& data_dir, const std::string& json) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  const std::filesystem::path file = data_dir / "kiosk-today.json";
  const std::filesystem::path temporary = data_dir / "kiosk-today.json.tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << json;
    if (!out) return;  // a kiosk without its cache still works; it only starts without a plan
  }
  std::filesystem::rename(temporary, file, ec);
}

std::optional<BuildingToday> load_today(const std::filesystem::path& data_dir) {
  std::ifstream in(data_dir / "kiosk-today.json");
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  const auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded()) return std::nullopt;  // a damaged cache is ignored and replaced by the next answer
  auto today = wire::decode<wire::KioskToday>(json);
  if (!today) return std::nullopt;
  return building_today(*today);
}

void KioskSession::show_failure(const ApiFailure& failure) {
  state_.online = failure.kind != ApiFailure::Kind::offline;
  switch (failure.kind) {
    case ApiFailure::Kind::offline:
      state_.message = Message{state_.person ? tr("The server cannot be reached. Nothing was changed; try again in a moment.")
                                             : tr("Signing in needs the server, which cannot be reached right now. "
                                                  "The plan shows the last known state."),
                               ui::Tone::danger};
      return;
    case ApiFailure::Kind::signed_out:
      state_.message = Message{tr("Your session has ended. Please sign in again."), ui::Tone::warning};
      sign_out();
      return;
    case ApiFailure::Kind::malformed:
      state_.message = Message{tr("The server's answer could not be read. Nothing was changed."), ui::Tone::danger};
      return;
    case ApiFailure::Kind::refused:
      break;
  }
  if (failure.code == "too_many_attempts" && failure.retry_after) {
    state_.message = Message{fmt::format(fmt::runtime(tr("Too many failed attempts. Please wait {} seconds and try again.")),
                                         failure.retry_after->count()),
                             ui::Tone::danger};
  } else if (failure.code == "invalid_credentials") {
    state_.message = Message{state_.screen == Screen::password ? tr("User name or password not recognised.")
                                                               : tr("Badge or PIN not recognised. Please try again."),
                             ui::Tone::danger};
  } else {
    state_.message = Message{client::refusal_text(failure.code, failure.title), ui::Tone::danger};
  }
}

void KioskSession::refresh_today() {
  const std::string version = options_.version;
  const std::filesystem::path data_dir = options_.data_dir;
  post([version, data_dir](KioskApi& api) -> Answer {
    (void)api.heartbeat(version);  // a missed heartbeat shows in the admins' list, nothing else to do
    auto today = api.today();
    if (today) save_today(data_dir, wire::encode(*today).dump());
    return [today = std::move(today)](KioskSession& self) {
      if (!today) {
        if (today.error().kind == ApiFailure::Kind::offline) self.state_.online = false;
        return;
      }
      self.state_.online = true;
      self.state_.today = building_today(*today);
    };
  });
}

void KioskSession::sign_in() {
  if (state_.busy) return;
  if (state_.screen == Screen::leave) {
    const bool right = options_.facility_pin && !pin_.empty() && options_.facility_pin->view() == pin_.view();
    pin_.clear();
    if (right) {
      ending_ = Ending::leave;
    } else {
      state_.message = Message{tr("This is not the facility PIN."), ui::Tone::danger};
    }
    return;
  }
  const bool badge = state_.screen == Screen::pin;
  if (badge ? pin_.empty() : (username_.empty() || password_.empty())) return;
  // Copies as Secrets for the network thread, then the typed buffers are wiped at once.
  Secret first = badge ? badge_.secret() : username_.secret();
  Secret second = badge ? pin_.secret() : password_.secret();
  pin_.clear();
  password_.clear();
  state_.busy = true;
  state_.message.reset();
  post([badge, first = std::move(first), second = std::move(second)](KioskApi& api) -> Answer {
    auto session = badge ? api.sign_in_with_badge(first.view(), second.view())
                         : api.sign_in_with_password(first.view(), second.view());
    return [session = std::move(session)](KioskSession& self) mutable {
      self.state_.busy = false;
      if (!session) {
        self.show_failure(session.error());
        return;
      }
      self.signed_in(std::move(*session));
    };
  });
}

void KioskSession::signed_in(wire::Session session) {
  badge_.clear();
  username_.clear();
  token_ = Secret{std::move(session.token)};
  person_id_ = session.user.id;
  Person person;
  person.display_name = std::move(session.user.display_name);
  person.roles = std::move(session.user.roles);
  person.department_id = std::move(session.user.department_id);
  state_.person = std::move(person);
  state_.online = true;
  set_screen(Screen::person);
  touched(std::chrono::steady_clock::now());
  load_person();
}

void KioskSession::load_person() {
  const Date today = local_date(state_.now);
  if (!state_.person) return;
  post([token = token_, today, roles = state_.person->roles, department = state_.person->department_id](KioskApi& api) -> Answer {
    auto data = fetch_person(api, token, today, Learner{roles, department});
    return [data = std::move(data)](KioskSession& self) {
      if (!self.state_.person) return;  // signed out meanwhile
      if (!data) {
        self.show_failure(data.error());
        return;
      }
      Person& person = *self.state_.person;
      person.policy = data->policy;
      person.bookings.clear();
      for (const wire::Booking& b : data->bookings) {
        if (b.state == BookingState::booked || b.state == BookingState::checked_in) {
          person.bookings.push_back(person_booking(self.state_.today, b));
        }
      }
      person.week = data->week;
      person.due = data->due;
    };
  });
}

void KioskSession::load_places(Date day) {
  if (!state_.person) return;
  state_.booking.day = day;
  state_.booking.loading = true;
  state_.booking.selected.reset();
  const Id building = state_.today.building_id;
  post([token = token_, building, day](KioskApi& api) -> Answer {
    auto availability = api.availability(token, building, day);
    return [availability = std::move(availability), day](KioskSession& self) {
      if (self.state_.booking.day != day) return;  // another day was chosen meanwhile
      self.state_.booking.loading = false;
      if (!availability) {
        self.show_failure(availability.error());
        return;
      }
      self.state_.booking.places = places_from(availability->resources);
    };
  });
}

void KioskSession::book() {
  if (!state_.person || !state_.booking.selected || state_.busy) return;
  const BookingChoice& choice = state_.booking;
  const auto place = std::find_if(choice.places.begin(), choice.places.end(), [&](const Place& p) { return p.id == *choice.selected; });
  if (place == choice.places.end()) return;
  // A desk for the department's whole day; a room for the next hour today, else the first hour of the day.
  const DepartmentPolicy& policy = state_.person->policy;
  Instant start = to_instant(choice.day, policy.day.start);
  Instant end = to_instant(choice.day, policy.day.end);
  if (place->type == ResourceType::room) {
    if (choice.day == local_date(state_.now)) start = std::max(start, Instant{std::chrono::ceil<std::chrono::minutes>(state_.now)});
    end = std::min(end, start + std::chrono::hours{1});
  }
  start = booking_start(start, end, state_.now);
  state_.busy = true;
  const Id resource = place->id;
  const std::string name = place->name;
  const std::string building = state_.today.building_name;
  post([token = token_, resource, start, end, name, building](KioskApi& api) -> Answer {
    auto booked = api.book(token, resource, start, end);
    return [booked = std::move(booked), name, building](KioskSession& self) {
      self.state_.busy = false;
      if (!booked) {
        self.show_failure(booked.error());
        return;
      }
      CalendarEvent event{fmt::format("{}@stellwerk", booked->id), booked->start, booked->end, name, building,
                          tr("Booked at the Stellwerk kiosk"), false};
      Confirmation confirmation{name, booked->start, booked->end, icalendar(std::span{&event, 1}, self.state_.now, "-//Stellwerk//Kiosk//DE"), {}};
      confirmation.qr = ui::encode_qr(confirmation.icalendar);
      self.state_.confirmation = std::move(confirmation);
      self.set_screen(Screen::confirmation);
      self.load_person();
    };
  });
}

void KioskSession::booking_action(const CheckIn& intent) {
  if (!state_.person || state_.busy) return;
  state_.busy = true;
  post([token = token_, id = intent.booking_id](KioskApi& api) -> Answer {
    auto checked = api.check_in(token, id);
    return [checked = std::move(checked)](KioskSession& self) {
      self.state_.busy = false;
      if (!checked) return self.show_failure(checked.error());
      self.state_.message = Message{tr("Checked in. Have a good day!"), ui::Tone::ok};
      self.load_person();
    };
  });
}

void KioskSession::booking_action(const CancelBooking& intent) {
  if (!state_.person || state_.busy) return;
  state_.busy = true;
  post([token = token_, id = intent.booking_id](KioskApi& api) -> Answer {
    auto cancelled = api.cancel(token, id);
    return [cancelled = std::move(cancelled)](KioskSession& self) {
      self.state_.busy = false;
      if (!cancelled) return self.show_failure(cancelled.error());
      self.state_.message = Message{tr("The booking is cancelled; the place is free for others again."), ui::Tone::ok};
      self.load_person();
    };
  });
}

void KioskSession::sign_out() {
  const bool had_session = !token_.empty();
  state_.person.reset();
  state_.confirmation.reset();
  state_.booking = BookingChoice{};
  state_.idle_warning.reset();
  leave_sign_in_screens();
  set_screen(Screen::idle);
  if (!had_session) return;
  // The server ends the session; the window then replaces the process (ending() == restart).
  post([token = std::move(token_)](KioskApi& api) -> Answer {
    (void)api.sign_out(token);  // unreachable: the kiosk session expires by itself within 15 minutes
    return [](KioskSession& self) { self.ending_ = Ending::restart; };
  });
  token_.clear();
  person_id_.clear();
}

}  // namespace stellwerk::kiosk
