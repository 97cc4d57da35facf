// The kiosk's screens, drawn headless from hand-made states: what a person reads and can press on
// each, that secrets show as dots, that every touch target is large enough, and that nobody's name
// appears while nobody is signed in.
#include <gtest/gtest.h>

#include <cfloat>

#include <fmt/format.h>

#include "kiosk_view.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/widgets/headless.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"

namespace stellwerk::kiosk {
namespace {

void collect(void* user_data, const char* text) { *static_cast<std::string*>(user_data) += text; }

// One headless ImGui context with the kiosk's fonts and theme, and the test locator.
class KioskUi {
 public:
  KioskUi() {
    context_ = ImGui::CreateContext();
    ui::testing::configure_headless_context(ui::ThemeId::light, 1.0f, ImVec2(1280, 800));
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.SetClipboardTextFn = collect;
    io.ClipboardUserData = &text_;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ui::testing::install_locator(&locator_);
  }
  ~KioskUi() {
    ui::testing::install_locator(nullptr);
    ImGui::DestroyContext(context_);
  }
  Intents frame(const KioskState& state) {
    Intents out;
    locator_.clear();
    text_.clear();
    ImGui::NewFrame();
    ImGui::LogToClipboard();
    view_.draw(state, out);
    ImGui::LogFinish();
    ImGui::Render();
    return out;
  }
  Intents click(const KioskState& state, std::string_view identity) {
    Intents out = frame(state);
    const auto rect = locator_.find(identity);
    if (!rect) {
      ADD_FAILURE() << "no item '" << identity << "' on screen";
      return out;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = rect->center();
    for (const bool down : {false, true, false}) {
      io.MouseDown[0] = down;
      for (Intent& i : frame(state)) out.push_back(std::move(i));
    }
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    return out;
  }
  bool shows(std::string_view identity) const { return locator_.find(identity).has_value(); }
  bool reads(std::string_view words) const { return text_.find(words) != std::string::npos; }
  const std::string& text() const { return text_; }
  const ui::testing::ItemLocator& locator() const { return locator_; }

 private:
  ImGuiContext* context_ = nullptr;
  ui::testing::ItemLocator locator_;
  KioskView view_;
  std::string text_;
};

class KioskUiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state_.now = to_instant(Date{date::year{2026} / 12 / 3}, 9 * 60);
    state_.settings.language = i18n::Language::en;
    state_.badge = &badge_;
    state_.pin = &pin_;
    state_.username = &username_;
    state_.password = &password_;
    BuildingToday& today = state_.today;
    today.known = true;
    today.date = Date{date::year{2026} / 12 / 3};
    today.building_id = "bld_rathaus";
    today.building_name = "Rathaus";
    today.opening_hours = OpeningHours{7 * 60, 19 * 60};
    today.floors = {KioskFloor{"fl_eg", "Erdgeschoss", 0, 40, 20}, KioskFloor{"fl_1", "1. OG", 1, 40, 20}};
    today.places = {
        Place{"d1", ResourceType::desk, "E.01", "fl_eg", 2, 2, 2, 1, {}, 1, false, ui::SpotState::free},
        Place{"d2", ResourceType::desk, "E.02", "fl_eg", 5, 2, 2, 1, {}, 1, false, ui::SpotState::booked},
        Place{"d3", ResourceType::desk, "1.01", "fl_1", 2, 2, 2, 1, {}, 1, false, ui::SpotState::free},
        Place{"r1", ResourceType::room, "Saal", "fl_eg", 10, 5, 6, 4, {}, 8, false, ui::SpotState::free},
    };
    today.rooms = {RoomDay{"r1", {BusyTime{to_instant(today.date, 10 * 60), to_instant(today.date, 11 * 60)}}}};
  }

  KioskState state_;
  SecretBuffer<kBadgeDigits> badge_;
  SecretBuffer<kPinDigits> pin_;
  SecretBuffer<kTextLength> username_;
  SecretBuffer<kTextLength> password_;
  KioskUi ui_;
};

TEST_F(KioskUiTest, TheIdleScreenCountsFreeDesksPerFloorAndSaysWhenRoomsAreFree) {
  ui_.frame(state_);
  EXPECT_TRUE(ui_.reads("Erdgeschoss: 1 of 2 desks free")) << ui_.text();
  EXPECT_TRUE(ui_.reads("1. OG: 1 of 1 desks free"));
  EXPECT_TRUE(ui_.reads("Saal (8): free now, until 10:00"));
  EXPECT_TRUE(ui_.reads("Thursday, 3 December 2026"));
  EXPECT_TRUE(ui_.reads("Ausweis an das Lesegerät halten"));
  EXPECT_TRUE(ui_.reads("Hold your badge to the reader"));
  EXPECT_TRUE(ui_.shows("kiosk-sign-in"));
  // The plan uses the Desks view's state words.
  EXPECT_TRUE(ui_.reads("free"));
  EXPECT_TRUE(ui_.reads("booked"));
}

TEST_F(KioskUiTest, TheDateIsGermanInGerman) {
  assets::activate_language(i18n::Language::de);
  ui_.frame(state_);
  EXPECT_TRUE(ui_.reads("Donnerstag, 3. Dezember 2026")) << ui_.text();
  assets::activate_language(i18n::Language::en);
}

TEST_F(KioskUiTest, TappingSignInAsksForUserNameAndPassword) {
  const Intents out = ui_.click(state_, "kiosk-sign-in");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<TapSignIn>(out[0]));
}

TEST_F(KioskUiTest, ThePinPadShowsDotsNeverDigitsAndItsKeysType) {
  state_.screen = Screen::pin;
  pin_.push('2');
  pin_.push('4');
  ui_.frame(state_);
  EXPECT_TRUE(ui_.reads(fmt::format("{0} {0} ", ui::icon::dot))) << ui_.text();
  EXPECT_FALSE(ui_.reads("24"));
  const Intents out = ui_.click(state_, "kiosk-digit-7");
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(std::holds_alternative<KeyTyped>(out[0]));
  EXPECT_EQ(std::get<KeyTyped>(out[0]).c, '7');
  const Intents erased = ui_.click(state_, "kiosk-erase");
  ASSERT_EQ(erased.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<KeyErased>(erased[0]));
}

TEST_F(KioskUiTest, TheOnScreenKeyboardTypesCapitalsAfterShift) {
  state_.screen = Screen::password;
  Intents out = ui_.click(state_, "kiosk-key-97");  // a
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(std::get<KeyTyped>(out[0]).c, 'a');
  ui_.click(state_, "kiosk-shift");
  out = ui_.click(state_, "kiosk-key-97");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(std::get<KeyTyped>(out[0]).c, 'A');
}

TEST_F(KioskUiTest, EveryControlIsATouchTarget) {
  for (const Screen screen : {Screen::idle, Screen::pin, Screen::password, Screen::person, Screen::book}) {
    state_.screen = screen;
    if (screen == Screen::person || screen == Screen::book) state_.person = Person{"Alex Demir", {}, {}, {}, {}};
    state_.booking.places = state_.today.places;
    ui_.frame(state_);
    int checked = 0;
    for (const auto& [identity, rect] : ui_.locator().items()) {
      if (!identity.starts_with("kiosk-") || identity.starts_with("kiosk-plan")) continue;
      ++checked;
      EXPECT_GE(rect.max.y - rect.min.y, kTouchTarget) << identity << " on screen " << static_cast<int>(screen);
      EXPECT_GE(rect.max.x - rect.min.x, kTouchTarget) << identity << " on screen " << static_cast<int>(screen);
    }
    EXPECT_GT(checked, 3) << "screen " << static_cast<int>(screen);
  }
}

TEST_F(KioskUiTest, SignedInThePersonIsGreetedAndCanCheckInToTodaysBookingHere) {
  state_.screen = Screen::person;
  Person person{"Alex Demir", {}, {}, {}, {}};
  const Instant start = to_instant(state_.today.date, 8 * 60);
  person.bookings.push_back(PersonBooking{"bk1", "d1", "E.01", true, start, to_instant(state_.today.date, 17 * 60),
                                          BookingState::booked, start - std::chrono::minutes{15}, start + std::chrono::minutes{30}});
  person.due.push_back(DueTraining{"Datenschutz", Date{date::year{2026} / 12 / 10}});
  state_.person = person;
  ui_.frame(state_);
  EXPECT_TRUE(ui_.reads("Hello, Alex Demir")) << ui_.text();
  EXPECT_TRUE(ui_.reads("Datenschutz: due"));
  EXPECT_TRUE(ui_.reads("7 days left"));
  const Intents out = ui_.click(state_, "kiosk-check-in");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(std::get<CheckIn>(out[0]).booking_id, "bk1");
  const Intents done = ui_.click(state_, "kiosk-done");
  ASSERT_EQ(done.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<Done>(done[0]));
}

TEST_F(KioskUiTest, TheConfirmationShowsTheBookingAndItsQrCode) {
  state_.screen = Screen::confirmation;
  state_.person = Person{"Alex Demir", {}, {}, {}, {}};
  Confirmation confirmation{"E.01", to_instant(state_.today.date, 8 * 60), to_instant(state_.today.date, 17 * 60),
                            "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", {}};
  confirmation.qr = ui::encode_qr(confirmation.icalendar);
  state_.confirmation = confirmation;
  ui_.frame(state_);
  EXPECT_TRUE(ui_.reads("Booked: E.01")) << ui_.text();
  EXPECT_TRUE(ui_.shows("kiosk-qr"));
}

TEST_F(KioskUiTest, OfflineTheIdleScreenSaysWhatStillWorks) {
  state_.online = false;
  ui_.frame(state_);
  EXPECT_TRUE(ui_.reads("Offline: the plan shows the last known state")) << ui_.text();
}

TEST_F(KioskUiTest, TheIdleWarningCountsDownAndContinues) {
  state_.screen = Screen::person;
  state_.person = Person{"Alex Demir", {}, {}, {}, {}};
  state_.idle_warning = std::chrono::seconds{17};
  ui_.frame(state_);  // a new window takes one frame to find its size and place
  EXPECT_TRUE(ui_.shows("kiosk-warning-done"));
  const Intents out = ui_.click(state_, "kiosk-stay");
  ASSERT_FALSE(out.empty());
  EXPECT_TRUE(std::holds_alternative<StayOn>(out.back()));
}

TEST_F(KioskUiTest, BookingOffersTheFreePlacesOfTheFloorAndAsksBeforeBooking) {
  state_.screen = Screen::book;
  state_.person = Person{"Alex Demir", {}, {}, {}, {}};
  state_.booking.day = state_.today.date;
  state_.booking.places = state_.today.places;
  ui_.frame(state_);
  EXPECT_TRUE(ui_.shows("kiosk-place-d1"));
  EXPECT_FALSE(ui_.shows("kiosk-place-d2"));  // booked by someone: not offered
  Intents out = ui_.click(state_, "kiosk-place-d1");
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(std::get<PickPlace>(out.back()).resource_id, "d1");
  state_.booking.selected = Id{"d1"};
  ui_.frame(state_);
  EXPECT_TRUE(ui_.reads("Book E.01 on Thursday, 3 December 2026?")) << ui_.text();
  out = ui_.click(state_, "kiosk-confirm-book");
  ASSERT_FALSE(out.empty());
  EXPECT_TRUE(std::holds_alternative<ConfirmBooking>(out.back()));
}

}  // namespace
}  // namespace stellwerk::kiosk
