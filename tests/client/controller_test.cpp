// Controller and Worker against a real local store in a temporary --data folder, filled from the
// shipped demo file: the first start shows the demo person, buildings and the home floor's desks;
// a planned whole day is saved as two remote halves that survive a restart; choosing another floor
// loads that floor's resources. The UI thread is played by the test, which pumps
// apply_worker_updates() the way the app's loop does, with a timeout instead of a window.
#include <algorithm>
#include <array>
#include <optional>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "controller.hpp"
#include "desks/desk_states.hpp"
#include "fixture_state.hpp"
#include "store_app.hpp"
#include "stellwerk/core/calendar.hpp"
#include "worker.hpp"

namespace stellwerk::client {
namespace {

namespace fs = std::filesystem;

using testing::App;
using testing::TempFolder;

// What the person sees planned for one half: a half-day plan, else the whole-day plan.
bool plans(const AppState& state, Date day, HalfDay half, WorkMode mode) {
  std::optional<WorkMode> seen;
  for (const Workday& w : state.data.workdays) {
    if (w.date != day || w.kind != WorkdayKind::planned) continue;
    if (w.half == half) return w.mode == mode;
    if (w.half == HalfDay::day) seen = w.mode;
  }
  return seen == mode;
}

TEST(ControllerWithStore, FirstStartShowsTheDemoPersonAndTheirHomeFloor) {
  TempFolder data;
  App app(data.path());
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; })) << "no data within 20 s";
  EXPECT_TRUE(app.state.error.empty()) << app.state.error;
  ASSERT_TRUE(app.state.data.me);
  EXPECT_EQ(app.state.data.me->id, "emp-demo");
  EXPECT_EQ(app.state.data.me->display_name, "Alex Demo");
  ASSERT_TRUE(app.state.data.department);
  EXPECT_EQ(app.state.data.department->id, app.state.data.me->department_id);
  ASSERT_FALSE(app.state.data.buildings.empty());
  EXPECT_FALSE(app.state.data.courses.empty());
  EXPECT_FALSE(app.state.data.bookings.empty());

  // Desks opens on the first floor of the person's home building.
  EXPECT_EQ(app.state.desks.building_id, app.state.data.me->home_building_id);
  ASSERT_FALSE(app.state.desks.floor_id.empty());
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.desks.resources_loaded; }))
      << "the floor's resources never arrived";
  EXPECT_FALSE(app.state.desks.resources.empty());
  for (const Resource& r : app.state.desks.resources) EXPECT_EQ(r.floor_id, app.state.desks.floor_id) << r.id;
}

TEST(ControllerWithStore, AWholeRemoteDayShowsBothHalvesAsRemoteAndSurvivesARestart) {
  TempFolder data;
  const Date thursday = add_days(testing::kMonday, 3);
  {
    App app(data.path());
    app.controller.start(fs::path(STELLWERK_DEMO_JSON));
    ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; }));
    ASSERT_TRUE(app.settle());

    app.controller.apply(EditWorkday{thursday, HalfDay::day});
    EXPECT_EQ(app.state.schedule.editing_day, thursday);
    app.controller.apply(PlanWorkday{Workday{thursday, HalfDay::day, WorkMode::remote, WorkdayKind::planned}});
    EXPECT_FALSE(app.state.schedule.editing_day) << "the editor closes once a mode is chosen";
    ASSERT_TRUE(app.pump_until([&](const AppState& s) {
      return plans(s, thursday, HalfDay::am, WorkMode::remote) && plans(s, thursday, HalfDay::pm, WorkMode::remote);
    })) << "the reload after saving does not show both halves as remote";
    EXPECT_TRUE(app.state.error.empty()) << app.state.error;
  }
  // A new start on the same folder (no demo import this time) reads the plan back from disk.
  App again(data.path());
  again.controller.start(std::nullopt);
  ASSERT_TRUE(again.pump_until([](const AppState& s) { return s.data.loaded; }));
  EXPECT_TRUE(plans(again.state, thursday, HalfDay::am, WorkMode::remote));
  EXPECT_TRUE(plans(again.state, thursday, HalfDay::pm, WorkMode::remote));
}

TEST(ControllerWithStore, ReplanningAWholeDayLeavesNoContradictingPlanForThatDay) {
  // The demo plans Thursday of this week as a whole office day. Planning it as a whole remote day
  // must not leave the old plan behind: Home lists every plan of today, and "Whole day: Office"
  // next to "Morning: Remote" contradicts itself.
  TempFolder data;
  const Date thursday = add_days(testing::kMonday, 3);
  App app(data.path());
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; }));
  ASSERT_TRUE(app.settle());
  app.controller.apply(PlanWorkday{Workday{thursday, HalfDay::day, WorkMode::remote, WorkdayKind::planned}});
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return plans(s, thursday, HalfDay::pm, WorkMode::remote); }));
  EXPECT_TRUE(plans(app.state, thursday, HalfDay::am, WorkMode::remote));
  for (const Workday& w : app.state.data.workdays) {
    if (w.date != thursday || w.kind != WorkdayKind::planned) continue;
    EXPECT_EQ(w.mode, WorkMode::remote) << "a planned " << to_string(w.half) << " still says " << to_string(w.mode);
  }
}

TEST(ControllerWithStore, PlanningOneHalfOfAWholeDayKeepsTheOtherHalf) {
  TempFolder data;
  const Date thursday = add_days(testing::kMonday, 3);  // a whole office day in the demo
  App app(data.path());
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; }));
  ASSERT_TRUE(app.settle());
  ASSERT_TRUE(plans(app.state, thursday, HalfDay::pm, WorkMode::office));
  app.controller.apply(PlanWorkday{Workday{thursday, HalfDay::am, WorkMode::leave, WorkdayKind::planned}});
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return plans(s, thursday, HalfDay::am, WorkMode::leave); }));
  EXPECT_TRUE(plans(app.state, thursday, HalfDay::pm, WorkMode::office)) << "the afternoon lost its office plan";
}

TEST(ControllerWithStore, ChoosingAnotherFloorLoadsItsResources) {
  TempFolder data;
  App app(data.path());
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded && s.desks.resources_loaded; }));

  Id other_floor;
  for (const Building& b : app.state.data.buildings) {
    for (const Floor& f : b.floors) {
      if (f.id != app.state.desks.floor_id && b.id == app.state.desks.building_id) other_floor = f.id;
    }
  }
  ASSERT_FALSE(other_floor.empty()) << "the demo home building should have a second floor";
  app.controller.apply(SelectFloor{other_floor});
  EXPECT_EQ(app.state.desks.floor_id, other_floor);
  EXPECT_FALSE(app.state.desks.resources_loaded) << "the old floor's desks are not shown as the new one's";
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.desks.resources_loaded; }));
  EXPECT_FALSE(app.state.desks.resources.empty());
  for (const Resource& r : app.state.desks.resources) EXPECT_EQ(r.floor_id, other_floor) << r.id;
}

TEST(ControllerWithStore, ChoosingAnotherBuildingOpensItsFirstFloor) {
  TempFolder data;
  App app(data.path());
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded && s.desks.resources_loaded; }));
  const Building* other = nullptr;
  for (const Building& b : app.state.data.buildings) {
    if (b.id != app.state.desks.building_id && !b.floors.empty()) other = &b;
  }
  ASSERT_NE(other, nullptr);
  const Id expected_floor = other->floors.front().id;
  app.controller.apply(SelectBuilding{other->id});
  EXPECT_EQ(app.state.desks.floor_id, expected_floor);
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.desks.resources_loaded; }));
  for (const Resource& r : app.state.desks.resources) EXPECT_EQ(r.floor_id, expected_floor) << r.id;
}

TEST(ControllerWithStore, ShowingAnotherWeekStartsOnItsMondayAndClosesTheEditor) {
  TempFolder data;
  App app(data.path());
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; }));
  app.controller.apply(EditWorkday{testing::kToday, HalfDay::am});
  app.controller.apply(ShowWeek{Date{date::year{2026} / 12 / 3}});  // a Thursday
  EXPECT_EQ(app.state.schedule.week_start, Date{date::year{2026} / 11 / 30});
  EXPECT_FALSE(app.state.schedule.editing_day);
  EXPECT_TRUE(app.settle());
}

TEST(ControllerWithStore, EveryLocalChangeIsQueuedAndShowsAsPendingAtOnce) {
  // No sync thread and no server: the changes are written and queued all the same, and the
  // reload after each shows them as pending — the offline-first promise.
  TempFolder data;
  App app(data.path());
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded && s.desks.resources_loaded; }));
  ASSERT_TRUE(app.settle());
  const int before = app.state.data.sync.pending;

  const Date thursday = add_days(testing::kMonday, 3);
  app.controller.apply(PlanWorkday{Workday{thursday, HalfDay::day, WorkMode::remote, WorkdayKind::planned}});
  Id free_desk;
  for (const Resource& r : app.state.desks.resources) {
    const bool mine = std::any_of(app.state.data.bookings.begin(), app.state.data.bookings.end(),
                                  [&](const BookingSummary& b) { return b.booking.resource_id == r.id; });
    if (r.type == ResourceType::desk && !mine) free_desk = r.id;
  }
  ASSERT_FALSE(free_desk.empty());
  const Date friday = add_days(testing::kMonday, 4);
  app.controller.apply(BookResource{free_desk, friday, HalfDay::am});
  const Course* open_course = nullptr;
  for (const Course& c : app.state.data.courses) {
    const bool enrolled = std::any_of(app.state.data.enrollments.begin(), app.state.data.enrollments.end(),
                                      [&](const Enrollment& e) { return e.course_id == c.id; });
    if (!enrolled) open_course = &c;
  }
  ASSERT_NE(open_course, nullptr);
  const Id course_id = open_course->id;
  app.controller.apply(Enroll{course_id});

  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return s.data.sync.pending == before + 3; }));
  ASSERT_TRUE(app.settle());
  const AppState& state = app.state;
  EXPECT_TRUE(state.error.empty()) << state.error;
  EXPECT_NE(std::find(state.data.pending_plan_days.begin(), state.data.pending_plan_days.end(), thursday),
            state.data.pending_plan_days.end());
  const auto booking = std::find_if(state.data.bookings.begin(), state.data.bookings.end(),
                                    [&](const BookingSummary& b) { return b.booking.resource_id == free_desk; });
  ASSERT_NE(booking, state.data.bookings.end());
  EXPECT_TRUE(booking->pending);
  EXPECT_TRUE(booking->booking.id.starts_with("local-"));
  EXPECT_EQ(local_date(booking->booking.start), friday);
  EXPECT_EQ(local_minute(booking->booking.start), 8 * 60) << "the morning slot";
  EXPECT_EQ(local_minute(booking->booking.end), 12 * 60);
  const auto enrolment = std::find_if(state.data.enrollments.begin(), state.data.enrollments.end(),
                                      [&](const Enrollment& e) { return e.course_id == course_id; });
  ASSERT_NE(enrolment, state.data.enrollments.end());
  EXPECT_NE(std::find(state.data.pending_enrollments.begin(), state.data.pending_enrollments.end(), enrolment->id),
            state.data.pending_enrollments.end());

  // Cancelling the booking made offline: still pending, now as a cancellation.
  app.controller.apply(CancelBooking{booking->booking.id});
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return s.data.sync.pending == before + 4; }));
  ASSERT_TRUE(app.settle());
  for (const BookingSummary& b : app.state.data.bookings) {
    if (b.booking.resource_id == free_desk) {
      EXPECT_EQ(b.booking.state, BookingState::cancelled);
      EXPECT_TRUE(b.pending);
    }
  }
}

TEST(ControllerWithStore, SettingsIntentsChangeOnlyTheSettings) {
  TempFolder data;
  App app(data.path());
  app.controller.apply(ChangeLanguage{i18n::Language::en});
  app.controller.apply(ChangeTheme{ui::ThemeId::high_contrast});
  app.controller.apply(ChangeScale{3.0f});
  EXPECT_EQ(app.state.settings.language, i18n::Language::en);
  EXPECT_EQ(app.state.settings.theme, ui::ThemeId::high_contrast);
  EXPECT_FLOAT_EQ(app.state.settings.scale, 2.0f) << "the text size is kept within 100 % … 200 %";
  app.controller.apply(Navigate{ViewId::training});
  EXPECT_EQ(app.state.view, ViewId::training);
  app.state.notice = "n";
  app.state.error = "e";
  app.controller.apply(DismissNotice{});
  EXPECT_TRUE(app.state.notice.empty());
  EXPECT_TRUE(app.state.error.empty());
  EXPECT_TRUE(app.settle());
}

TEST(ControllerWithStore, AnUnreadableDataFolderIsReportedInsteadOfLoadingForever) {
  TempFolder data;
  const fs::path blocked = data.path() / "not-a-folder";
  { std::ofstream(blocked) << "a file where the data folder should be"; }
  App app(blocked);
  app.controller.start(std::nullopt);
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; }))
      << "the UI would wait for data forever";
  EXPECT_FALSE(app.state.error.empty());
}

// --- Desks: intents that change only what is shown -------------------------------------------

TEST(ControllerWithStore, ChooseTimeKeepsTheLastValidRange) {
  TempFolder data;
  App app(data.path());
  app.controller.apply(ChooseTime{TimeChoice::range, MinuteRange{13 * 60, 15 * 60}});
  EXPECT_EQ(app.state.desks.time, TimeChoice::range);
  EXPECT_EQ(app.state.desks.range.start, 13 * 60);
  EXPECT_EQ(app.state.desks.range.end, 15 * 60);
  app.controller.apply(ChooseTime{TimeChoice::range, MinuteRange{16 * 60, 15 * 60}});
  EXPECT_EQ(app.state.desks.range.start, 13 * 60) << "an end before the start is not taken";
  app.controller.apply(ChooseTime{TimeChoice::range, MinuteRange{23 * 60, 25 * 60}});
  EXPECT_EQ(app.state.desks.range.end, 15 * 60) << "past midnight is not taken";
  app.controller.apply(ChooseTime{TimeChoice::am, MinuteRange{0, 0}});
  EXPECT_EQ(app.state.desks.time, TimeChoice::am);
  EXPECT_EQ(app.state.desks.range.start, 13 * 60) << "a slot leaves the range for later";
  EXPECT_TRUE(app.settle());
}

TEST(ControllerWithStore, FeatureFiltersAndOnlyFreeToggle) {
  TempFolder data;
  App app(data.path());
  app.controller.apply(ToggleFeatureFilter{"monitor"});
  app.controller.apply(ToggleFeatureFilter{"quiet"});
  EXPECT_EQ(app.state.desks.required_features, (std::vector<std::string>{"monitor", "quiet"}));
  app.controller.apply(ToggleFeatureFilter{"monitor"});
  EXPECT_EQ(app.state.desks.required_features, (std::vector<std::string>{"quiet"}));
  app.controller.apply(ToggleOnlyFree{});
  EXPECT_TRUE(app.state.desks.only_free);
  app.controller.apply(ToggleOnlyFree{});
  EXPECT_FALSE(app.state.desks.only_free);
  EXPECT_TRUE(app.settle());
}

TEST(ControllerWithStore, LayoutSelectionAndReportStayUntilChanged) {
  TempFolder data;
  App app(data.path());
  app.controller.apply(ChooseLayout{DeskLayout::rooms});
  EXPECT_EQ(app.state.desks.layout, DeskLayout::rooms);
  app.controller.apply(SelectResource{"res-3"});
  EXPECT_EQ(app.state.desks.selected, "res-3");
  app.controller.apply(SelectResource{Id{}});
  EXPECT_TRUE(app.state.desks.selected.empty());
  app.state.desks.report = BookingReport{BookingReport::Kind::recurring, "EG-01", {testing::kToday}, {}};
  app.controller.apply(CloseReport{});
  EXPECT_FALSE(app.state.desks.report);
  EXPECT_TRUE(app.settle());
}

// The desk intents that change several bookings or a favourite, against the demo store and the
// fixture's clock (07:00 on Wednesday 25 November 2026): what they queue and what they report.
TEST(ControllerWithStore, FavouritesRecurringBookingsBookMyUsualAndARangeCancelReportWhatTheyDid) {
  TempFolder data;
  App app(data.path());
  app.state.now = to_instant(testing::kToday, 7 * 60);
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded && s.desks.resources_loaded; }));
  ASSERT_TRUE(app.settle());
  const Id desk = "res-rh-eg-05";
  const auto favourite = [&](const AppState& s) -> const Favourite* {
    for (const Favourite& f : s.data.favourites) {
      if (f.resource_id == desk) return &f;
    }
    return nullptr;
  };

  // Two quick toggles add and remove: each is decided from the store when it runs.
  app.controller.apply(ToggleFavourite{desk});
  app.controller.apply(ToggleFavourite{desk});
  ASSERT_TRUE(app.settle());
  EXPECT_EQ(favourite(app.state), nullptr);
  app.controller.apply(MakeUsual{desk});
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return favourite(s) != nullptr; }));
  EXPECT_TRUE(favourite(app.state)->usual);
  EXPECT_NE(std::find(app.state.data.pending_favourites.begin(), app.state.data.pending_favourites.end(), desk),
            app.state.data.pending_favourites.end());

  // Every Thursday for two weeks and a day: three Thursdays, each booked or skipped with a reason.
  const Date thursday = add_days(testing::kToday, 1);
  std::array<bool, 7> thursdays{};
  thursdays[3] = true;
  app.controller.apply(BookRecurring{desk, thursday, add_days(thursday, 14), thursdays, HalfDay::pm});
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.desks.report.has_value(); }));
  ASSERT_TRUE(app.settle());
  const BookingReport recurring = *app.state.desks.report;
  EXPECT_EQ(recurring.kind, BookingReport::Kind::recurring);
  EXPECT_EQ(recurring.resource_name, "EG-05");
  EXPECT_EQ(recurring.done.size() + recurring.skipped.size(), 3u);
  for (const auto& skipped : recurring.skipped) EXPECT_FALSE(skipped.problem_code.empty());
  for (const Date day : recurring.done) {
    const bool shown = std::any_of(app.state.data.bookings.begin(), app.state.data.bookings.end(), [&](const BookingSummary& b) {
      return b.booking.resource_id == desk && local_date(b.booking.start) == day && b.pending &&
             local_minute(b.booking.start) == 13 * 60;
    });
    EXPECT_TRUE(shown) << format_date(day);
  }

  // Cancelling the first Thursday's bookings, whatever they were.
  app.controller.apply(CloseReport{});
  app.controller.apply(CancelBookingsBetween{thursday, thursday});
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.desks.report.has_value(); }));
  EXPECT_EQ(app.state.desks.report->kind, BookingReport::Kind::cancel_range);
  ASSERT_TRUE(app.settle());
  for (const BookingSummary& b : app.state.data.bookings) {
    if (local_date(b.booking.start) == thursday) {
      EXPECT_FALSE(is_active(b.booking.state)) << b.resource_name;
    }
  }

  // Book my usual on the Thursday, now free again for the person: the usual desk itself.
  app.controller.apply(CloseReport{});
  app.controller.apply(BookUsual{thursday, HalfDay::am});
  const auto notice = [](const AppState& s) {
    return std::find_if(s.toasts.begin(), s.toasts.end(), [](const Toast& t) { return t.text.find("EG-05") != std::string::npos; });
  };
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return notice(s) != s.toasts.end(); }));
  EXPECT_EQ(notice(app.state)->kind, ToastKind::pending) << notice(app.state)->text;
  EXPECT_FALSE(app.state.desks.report) << "one report: the notice, not also the Desks panel";
  ASSERT_TRUE(app.settle());
  const bool booked = std::any_of(app.state.data.bookings.begin(), app.state.data.bookings.end(), [&](const BookingSummary& b) {
    return b.resource_name == "EG-05" && local_date(b.booking.start) == thursday && b.pending;
  });
  EXPECT_TRUE(booked) << "the usual desk, pending";
}

TEST(ControllerWithStore, ABookingForATimeThatHasBegunOffersCheckInAtOnceAsTheServerWill) {
  // At 09:00 the person books the whole day (08:00–17:00). The server will start it now and
  // give it a check-in window until 09:30; the pending booking must say the same, not "over
  // since 08:30" (core/rules.hpp: booking_start, check_in_window).
  TempFolder data;
  App app(data.path());
  app.state.now = to_instant(testing::kToday, 9 * 60);
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded && s.desks.resources_loaded; }));
  ASSERT_TRUE(app.settle());
  Id free_desk;
  for (const Resource& r : app.state.desks.resources) {
    const bool mine = std::any_of(app.state.data.bookings.begin(), app.state.data.bookings.end(),
                                  [&](const BookingSummary& b) { return b.booking.resource_id == r.id; });
    if (r.type == ResourceType::desk && !r.accessible && !mine) free_desk = r.id;
  }
  ASSERT_FALSE(free_desk.empty());
  // Someone who already holds a desk today gets no second one; free today first.
  for (const BookingSummary& b : app.state.data.bookings) {
    if (local_date(b.booking.start) == testing::kToday && is_active(b.booking.state)) {
      app.controller.apply(CancelBooking{b.booking.id});
    }
  }
  ASSERT_TRUE(app.settle());
  app.controller.apply(BookResource{free_desk, testing::kToday, HalfDay::day});
  const auto booked = [&](const AppState& s) -> const BookingSummary* {
    for (const BookingSummary& b : s.data.bookings) {
      if (b.booking.resource_id == free_desk && b.pending && is_active(b.booking.state)) return &b;
    }
    return nullptr;
  };
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return booked(s) != nullptr; }));
  const Booking& booking = booked(app.state)->booking;
  EXPECT_EQ(booking.start, to_instant(testing::kToday, 9 * 60));
  EXPECT_TRUE(check_in_open(app.state, booking, to_instant(testing::kToday, 9 * 60 + 5)));
  EXPECT_EQ(release_time(app.state, booking), to_instant(testing::kToday, 9 * 60 + 30));
  EXPECT_TRUE(app.settle());
}

}  // namespace
}  // namespace stellwerk::client
