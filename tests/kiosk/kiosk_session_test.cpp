// The kiosk's session against the real server (in-process, on loopback, seeded with the demo city
// and its kiosk in the Rathaus): what a person at the kiosk sees after each step, and what is left
// of them afterwards. Keys are fed the way a badge reader types them: digits, then Enter.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <sstream>

#include "kiosk_session.hpp"
#include "stellwerk/core/calendar.hpp"
#include "../server/test_server.hpp"
#include "../support/eventually.hpp"

namespace stellwerk::kiosk {
namespace {

using server::testing::TempDir;
using server::testing::TestServer;
using stellwerk::testing::eventually;
using namespace std::chrono_literals;

constexpr const char* kDeviceToken = "demo-kiosk-token";
constexpr const char* kBadge = "1001";  // Alex Demir, PIN 2468
constexpr const char* kPin = "2468";
constexpr const char* kName = "Alex Demir";

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A desk anyone may book: free, and not held for people who need an accessible one.
std::vector<Place>::const_iterator first_free_desk(const std::vector<Place>& places) {
  return std::find_if(places.begin(), places.end(), [](const Place& p) {
    return p.type == ResourceType::desk && p.state == ui::SpotState::free && !p.accessible;
  });
}

class KioskSessionTest : public ::testing::Test {
 protected:
  // Kiosk sessions the server holds for the demo person, read from its database file.
  int kiosk_sessions_of_demo() {
    sqlite3* db = nullptr;
    const std::string file = (server_.data_dir() / "stellwerk-server.db").string();
    EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* count = nullptr;
    sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM sessions WHERE employee_id = 'emp_demo' AND kind = 'kiosk'", -1, &count, nullptr);
    int sessions = -1;
    if (count != nullptr && sqlite3_step(count) == SQLITE_ROW) sessions = sqlite3_column_int(count, 0);
    sqlite3_finalize(count);
    sqlite3_close(db);
    return sessions;
  }

  std::unique_ptr<KioskSession> open(std::string url = {}, std::chrono::seconds idle = 90s) {
    KioskOptions options;
    options.server_url = url.empty() ? fmt::format("http://127.0.0.1:{}", server_.port()) : url;
    options.device_token = Secret{kDeviceToken};
    options.idle_timeout = idle;
    options.facility_pin = Secret{"97531"};
    options.data_dir = data_.path();
    options.version = "test";
    options.settings.language = i18n::Language::en;
    auto session = KioskSession::create(std::move(options), {}, [this] { return server_.clock().now(); });
    EXPECT_TRUE(session.has_value());
    return std::move(*session);
  }

  // Runs update() until no request is on its way: every answer asked for so far is on screen.
  static void settle(KioskSession& kiosk, SteadyTime now = std::chrono::steady_clock::now()) {
    ASSERT_TRUE(eventually([&] {
      kiosk.update(now);
      return !kiosk.waiting();
    }));
  }

  static void type(KioskSession& kiosk, std::string_view keys) {
    for (const char c : keys) kiosk.key_typed(c);
    kiosk.key_enter();
  }

  void sign_in(KioskSession& kiosk) {
    settle(kiosk);
    type(kiosk, kBadge);
    ASSERT_EQ(kiosk.state().screen, Screen::pin);
    type(kiosk, kPin);
    settle(kiosk);
    ASSERT_EQ(kiosk.state().screen, Screen::person) << (kiosk.state().message ? kiosk.state().message->text : "");
  }

  TestServer server_;
  TempDir data_{"stellwerk-kiosk-test"};
};

TEST_F(KioskSessionTest, TheIdleScreenShowsTodayInItsBuildingWithoutAnyName) {
  auto kiosk = open();
  settle(*kiosk);
  const KioskState& state = kiosk->state();
  ASSERT_TRUE(state.today.known);
  EXPECT_TRUE(state.online);
  EXPECT_EQ(state.today.building_id, "bld_rathaus");
  EXPECT_FALSE(state.today.floors.empty());
  int desks = 0;
  for (const FloorCount& count : free_desks_per_floor(state.today)) desks += count.desks;
  EXPECT_GT(desks, 0);
  EXPECT_FALSE(rooms_now(state.today, state.now).empty());
  // The cache on disk lets the idle screen start offline; it names places, never people.
  const std::string cache = read_file(data_.path() / "kiosk-today.json");
  EXPECT_NE(cache.find("bld_rathaus"), std::string::npos);
  EXPECT_EQ(cache.find(kName), std::string::npos);
  EXPECT_EQ(cache.find("Maria Brandt"), std::string::npos);
}

TEST_F(KioskSessionTest, BadgeAndPinSignInGreetsThePersonAndWipesWhatWasTyped) {
  auto kiosk = open();
  sign_in(*kiosk);
  const KioskState& state = kiosk->state();
  ASSERT_TRUE(state.person);
  EXPECT_EQ(state.person->display_name, kName);
  EXPECT_TRUE(state.badge->empty());
  EXPECT_TRUE(state.pin->empty());
  EXPECT_EQ(state.badge->view(), "");
  // The trainings due as Home lists them (the same client rule): the course with the city's
  // deadline although not enrolled yet, none of those mandatory for others only.
  const auto due = std::ranges::find(state.person->due, std::string{"Gesund arbeiten am Bildschirm"}, &DueTraining::title);
  ASSERT_NE(due, state.person->due.end());
  EXPECT_EQ(due->due_on, Date{date::year{2026} / 12 / 22});
  for (const DueTraining& training : state.person->due) {
    EXPECT_NE(training.title, "Hybride Teams führen") << "for managers";
    EXPECT_NE(training.title, "Digitale Identität und eID im Bürgerservice") << "for the citizens' office";
  }
}

TEST_F(KioskSessionTest, AWrongPinSaysSoAndManyWrongPinsSayHowLongToWait) {
  auto kiosk = open();
  settle(*kiosk);
  type(*kiosk, kBadge);
  type(*kiosk, "0000");
  settle(*kiosk);
  ASSERT_TRUE(kiosk->state().message);
  EXPECT_EQ(kiosk->state().screen, Screen::pin);
  EXPECT_NE(kiosk->state().message->text.find("not recognised"), std::string::npos) << kiosk->state().message->text;
  for (int i = 0; i < 5; ++i) {
    type(*kiosk, "0000");
    settle(*kiosk);
  }
  ASSERT_TRUE(kiosk->state().message);
  EXPECT_NE(kiosk->state().message->text.find("wait"), std::string::npos) << kiosk->state().message->text;
  EXPECT_NE(kiosk->state().message->text.find("seconds"), std::string::npos) << kiosk->state().message->text;
  EXPECT_FALSE(kiosk->state().person);
}

TEST_F(KioskSessionTest, BookingADeskShowsItAsACalendarEventInAQrCode) {
  auto kiosk = open();
  sign_in(*kiosk);
  kiosk->apply(StartBooking{});
  settle(*kiosk);
  ASSERT_EQ(kiosk->state().screen, Screen::book);
  const auto& places = kiosk->state().booking.places;
  const auto desk = first_free_desk(places);
  ASSERT_NE(desk, places.end());
  kiosk->apply(PickPlace{desk->id});
  kiosk->apply(ConfirmBooking{});
  settle(*kiosk);
  const KioskState& state = kiosk->state();
  ASSERT_EQ(state.screen, Screen::confirmation) << (state.message ? state.message->text : "");
  ASSERT_TRUE(state.confirmation);
  EXPECT_EQ(state.confirmation->place_name, desk->name);
  EXPECT_NE(state.confirmation->icalendar.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_NE(state.confirmation->icalendar.find(desk->name), std::string::npos);
  EXPECT_TRUE(state.confirmation->qr.has_value());
  // The overview lists it, in this building, today.
  kiosk->apply(Back{});
  ASSERT_TRUE(state.person);
  const auto here = std::find_if(state.person->bookings.begin(), state.person->bookings.end(),
                                 [&](const PersonBooking& b) { return b.resource_id == desk->id; });
  ASSERT_NE(here, state.person->bookings.end());
  EXPECT_TRUE(here->here);
}

TEST_F(KioskSessionTest, TodaysBookingHereIsCheckedInThenAnotherIsCancelled) {
  // 07:50 on the server's clock: check-in opens 15 minutes before the day starts at 08:00 (a kiosk
  // session lasts 15 minutes, so the person arrives when it is open).
  server_.clock().advance(50min);
  auto kiosk = open();
  sign_in(*kiosk);
  kiosk->apply(StartBooking{});
  settle(*kiosk);
  const auto& places = kiosk->state().booking.places;
  const auto desk = first_free_desk(places);
  ASSERT_NE(desk, places.end());
  kiosk->apply(PickPlace{desk->id});
  kiosk->apply(ConfirmBooking{});
  settle(*kiosk);
  kiosk->apply(Back{});
  const PersonBooking* today = booking_here_today(kiosk->state());
  ASSERT_NE(today, nullptr);
  kiosk->apply(CheckIn{today->id});
  settle(*kiosk);
  today = booking_here_today(kiosk->state());
  ASSERT_NE(today, nullptr) << (kiosk->state().message ? kiosk->state().message->text : "") << " signed in: " << kiosk->state().person.has_value();
  EXPECT_EQ(today->state, BookingState::checked_in) << (kiosk->state().message ? kiosk->state().message->text : "");

  // Tomorrow's booking is cancelled from the overview.
  kiosk->apply(StartBooking{});
  kiosk->apply(PickDay{add_days(local_date(server_.clock().now()), 1)});
  settle(*kiosk);
  const auto& tomorrow = kiosk->state().booking.places;
  const auto other = first_free_desk(tomorrow);
  ASSERT_NE(other, tomorrow.end());
  kiosk->apply(PickPlace{other->id});
  kiosk->apply(ConfirmBooking{});
  settle(*kiosk);
  kiosk->apply(Back{});
  const auto& bookings = kiosk->state().person->bookings;
  const Date next_day = add_days(local_date(server_.clock().now()), 1);
  const auto on_next_day = [&](const PersonBooking& b) { return b.resource_id == other->id && local_date(b.start) == next_day; };
  const auto booked = std::find_if(bookings.begin(), bookings.end(), on_next_day);
  ASSERT_NE(booked, bookings.end());
  const Id cancelled = booked->id;
  kiosk->apply(CancelBooking{cancelled});
  settle(*kiosk);
  const auto& after = kiosk->state().person->bookings;
  EXPECT_NE(booking_here_today(kiosk->state()), nullptr);  // today's, checked in, stays
  EXPECT_TRUE(std::none_of(after.begin(), after.end(), [&](const PersonBooking& b) { return b.id == cancelled; }))
      << (kiosk->state().message ? kiosk->state().message->text : "");
  ASSERT_TRUE(kiosk->state().message);
  EXPECT_EQ(kiosk->state().message->tone, ui::Tone::ok);
}

TEST_F(KioskSessionTest, DoneSignsOutOnTheServerAndAsksForAFreshProcess) {
  auto kiosk = open();
  sign_in(*kiosk);
  EXPECT_EQ(kiosk_sessions_of_demo(), 1);
  kiosk->apply(Done{});
  EXPECT_FALSE(kiosk->state().person);
  EXPECT_EQ(kiosk->state().screen, Screen::idle);
  settle(*kiosk);
  EXPECT_EQ(kiosk->ending(), KioskSession::Ending::restart);
  // The server holds no session for that person any more.
  EXPECT_EQ(kiosk_sessions_of_demo(), 0);
}

TEST_F(KioskSessionTest, UserNameAndPasswordOpenAKioskSessionThatDoneEnds) {
  auto kiosk = open();
  settle(*kiosk);
  kiosk->apply(TapSignIn{});
  ASSERT_EQ(kiosk->state().screen, Screen::password);
  for (const char c : std::string_view{"demo"}) kiosk->apply(KeyTyped{c});
  kiosk->apply(SwitchField{});
  for (const char c : std::string_view{"demo"}) kiosk->apply(KeyTyped{c});
  kiosk->apply(Submit{});
  settle(*kiosk);
  ASSERT_EQ(kiosk->state().screen, Screen::person) << (kiosk->state().message ? kiosk->state().message->text : "");
  EXPECT_EQ(kiosk->state().person->display_name, kName);
  EXPECT_EQ(kiosk_sessions_of_demo(), 1) << "a kiosk session, bound to this kiosk, not a personal one";
  kiosk->apply(Done{});
  settle(*kiosk);
  EXPECT_EQ(kiosk_sessions_of_demo(), 0);
}

TEST_F(KioskSessionTest, IdleWarnsWithACountdownThenSignsOut) {
  auto kiosk = open({}, 30s);
  sign_in(*kiosk);
  const SteadyTime t0 = std::chrono::steady_clock::now();
  kiosk->touched(t0);
  kiosk->update(t0 + 29s);
  EXPECT_FALSE(kiosk->state().idle_warning);
  kiosk->update(t0 + 30s);
  ASSERT_TRUE(kiosk->state().idle_warning);
  EXPECT_EQ(*kiosk->state().idle_warning, 20s);
  kiosk->update(t0 + 45s);
  EXPECT_EQ(*kiosk->state().idle_warning, 5s);
  // "Continue" keeps the person signed in.
  kiosk->apply(StayOn{});
  kiosk->update(std::chrono::steady_clock::now());
  EXPECT_FALSE(kiosk->state().idle_warning);
  EXPECT_TRUE(kiosk->state().person);
  const SteadyTime t1 = std::chrono::steady_clock::now();
  kiosk->touched(t1);
  kiosk->update(t1 + 50s);
  EXPECT_FALSE(kiosk->state().person);
  EXPECT_EQ(kiosk->state().screen, Screen::idle);
  settle(*kiosk, t1 + 50s);
  EXPECT_EQ(kiosk->ending(), KioskSession::Ending::restart);
}

TEST_F(KioskSessionTest, AHalfTypedPinIsForgottenWhenThePersonWalksAway) {
  auto kiosk = open({}, 30s);
  settle(*kiosk);
  type(*kiosk, kBadge);
  kiosk->key_typed('2');
  kiosk->key_typed('4');
  const SteadyTime t0 = std::chrono::steady_clock::now();
  kiosk->touched(t0);
  kiosk->update(t0 + 31s);
  EXPECT_EQ(kiosk->state().screen, Screen::idle);
  EXPECT_TRUE(kiosk->state().pin->empty());
  EXPECT_TRUE(kiosk->state().badge->empty());
}

TEST_F(KioskSessionTest, BadgeDigitsWithoutEnterAreForgottenBeforeTheNextPerson) {
  auto kiosk = open();
  settle(*kiosk);
  const SteadyTime t0 = std::chrono::steady_clock::now();
  kiosk->touched(t0);
  kiosk->key_typed('4');
  kiosk->key_typed('2');
  kiosk->update(t0 + 4s);
  EXPECT_EQ(kiosk->state().badge->size(), 2u);
  kiosk->update(t0 + 5s);
  EXPECT_TRUE(kiosk->state().badge->empty());
  type(*kiosk, kBadge);  // the next person's badge is read whole
  EXPECT_EQ(kiosk->state().screen, Screen::pin);
}

TEST_F(KioskSessionTest, OfflineTheCachedPlanStaysAndSigningInSaysItNeedsTheServer) {
  { settle(*open()); }  // a first run fills the cache
  auto kiosk = open("http://127.0.0.1:9");  // nothing listens on the discard port
  EXPECT_TRUE(kiosk->state().today.known);  // from the cache, before any answer
  settle(*kiosk);
  EXPECT_FALSE(kiosk->state().online);
  type(*kiosk, kBadge);
  type(*kiosk, kPin);
  settle(*kiosk);
  ASSERT_TRUE(kiosk->state().message);
  EXPECT_NE(kiosk->state().message->text.find("needs the server"), std::string::npos);
  EXPECT_FALSE(kiosk->state().person);
}

TEST_F(KioskSessionTest, OutsideOpeningHoursTheIdleScreenGoesDark) {
  auto kiosk = open();
  settle(*kiosk);
  const SteadyTime t0 = std::chrono::steady_clock::now();
  kiosk->touched(t0);
  kiosk->update(t0 + 91s);
  EXPECT_FALSE(kiosk->state().night);  // 07:00 on a Tuesday: open
  server_.clock().set(to_instant(local_date(server_.clock().now()), 23 * 60));
  kiosk->update(t0 + 92s);
  EXPECT_TRUE(kiosk->state().night);
  kiosk->touched(t0 + 93s);  // touched: awake again for the idle time
  kiosk->update(t0 + 93s);
  EXPECT_FALSE(kiosk->state().night);
}

TEST_F(KioskSessionTest, TheFacilityPinLeavesKioskModeAndAWrongOneDoesNot) {
  auto kiosk = open();
  settle(*kiosk);
  kiosk->leave_requested();
  ASSERT_EQ(kiosk->state().screen, Screen::leave);
  type(*kiosk, "1234");
  EXPECT_EQ(kiosk->ending(), KioskSession::Ending::none);
  ASSERT_TRUE(kiosk->state().message);
  type(*kiosk, "97531");
  EXPECT_EQ(kiosk->ending(), KioskSession::Ending::leave);
}

}  // namespace
}  // namespace stellwerk::kiosk
