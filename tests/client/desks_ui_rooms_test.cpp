// Person-like tests of the Desks view ("Arbeitsplätze"), drawn headless (headless_ui.hpp): book a
// meeting room from its timeline, read the rules before booking, answer the conflict dialog, and
// every control at twice the size in German. The rest of the view is in desks_ui_test.cpp.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <imgui_internal.h>  // GImGui: where the keyboard focus is

#include "desks_ui_fixture.hpp"

namespace stellwerk::client {
namespace {

using namespace desks_ui_tests;

// --- [SECTION] Meeting rooms ----------------------------------------------------------------------

TEST_F(DesksUiTest, AMeetingRoomIsBookedFromAFreeCellOfItsTimeline) {
  AppState state = desks_state(kThursday, DeskLayout::rooms);
  state.desks.busy = {BusyTime{"res-3", to_instant(kThursday, 9 * 60), to_instant(kThursday, 10 * 60)}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("8 seats · Video conferencing, Whiteboard, hologram")) << ui.text();
  EXPECT_TRUE(ui.shows_text("booked")) << ui.text();
  EXPECT_TRUE(ui.click(state, "timeline-res-3-600").empty()) << "picking a cell fills the form";
  ui.frames(state, 1);
  EXPECT_TRUE(ui.shows_text("Book Elbe on Thursday, 26 November 2026")) << ui.text();
  ui.click(state, "room-end");
  ui.frames(state, 2);
  ui.click(state, "room-end-720");
  const auto book = single<BookResource>(ui.click(state, "room-book"));
  ASSERT_TRUE(book);
  EXPECT_EQ(book->resource_id, "res-3");
  EXPECT_EQ(book->day, kThursday);
  ASSERT_TRUE(book->range);
  EXPECT_EQ(book->range->start, 10 * 60);
  EXPECT_EQ(book->range->end, 12 * 60);

  // A range over someone's booking is explained and not offered.
  ui.click(state, "timeline-res-3-480");
  ui.click(state, "room-end");
  ui.frames(state, 2);
  ui.click(state, "room-end-600");
  ui.frames(state, 1);
  EXPECT_TRUE(ui.shows_text("This room or space is already booked for this time.")) << ui.text();
  EXPECT_TRUE(ui.click(state, "room-book").empty());
}

TEST_F(DesksUiTest, MyOwnRoomBookingsShowOnTheTimeline) {
  AppState state = desks_state(kThursday, DeskLayout::rooms);
  BookingSummary room = state.data.bookings.front();
  room.booking.id = "bkg-room";
  room.booking.resource_id = "res-3";
  room.booking.start = to_instant(kThursday, 14 * 60);
  room.booking.end = to_instant(kThursday, 15 * 60);
  room.resource_name = "Elbe";
  room.resource_type = ResourceType::room;
  room.pending = true;
  state.data.bookings.push_back(room);
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("My meeting room bookings on this day")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Elbe · 14:00–15:00")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Booked · pending")) << ui.text();
  EXPECT_TRUE(ui.click(state, "timeline-res-3-840").empty());
  ui.frames(state, 1);
  EXPECT_FALSE(ui.shows("room-book")) << "a busy cell cannot be picked";
}

// --- [SECTION] Rules before booking ----------------------------------------------------------------

TEST_F(DesksUiTest, TheRulesAreStatedBeforeThePersonTries) {
  AppState state = desks_state();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("You can book up to 28 days ahead (until 23 Dec 2026).")) << ui.text();
  EXPECT_TRUE(ui.shows_text("You hold 1 of at most 20 bookings.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Check in from 15 minutes before the start; unconfirmed bookings are released 30 minutes "
                            "after the start."))
      << ui.text();
  EXPECT_FALSE(ui.shows_text("Not bookable")) << ui.text();
}

TEST_F(DesksUiTest, AHolidayOrAClosureIsNamedBeforeBooking) {
  AppState state = desks_state(date::year{2026} / 12 / 25);
  state.data.department->policy.days_ahead = 60;  // Christmas is 30 days ahead
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Not bookable: This day is a public holiday. (Christmas Day)")) << ui.text();

  state = desks_state();
  state.data.closures = {ClosedDay{"bld-a", kThursday, "Staff outing"}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Not bookable: The building is closed on this day. (Staff outing)")) << ui.text();
  const Intents intents = ui.click(state, "floor-spot-res-1");
  EXPECT_TRUE(all_of_type<BookResource>(intents).empty()) << "nothing is booked in a closed building";

  state.desks.building_id = "bld-b";
  state.desks.floor_id = "flr-b-0";
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows_text("Not bookable")) << "the other building is open: " << ui.text();
}

TEST_F(DesksUiTest, WithoutAServerThePersonIsToldThatOthersBookingsAreUnknown) {
  AppState state = desks_state();
  state.data.sync.server_configured = false;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Who else has booked is known only when connected to the server.")) << ui.text();
  EXPECT_EQ(all_of_type<BookResource>(ui.click(state, "floor-spot-res-1")).size(), 1u) << "booking works offline";
}

// --- [SECTION] The conflict dialog --------------------------------------------------------------

ConflictSummary desk_taken() {
  ConflictSummary conflict;
  conflict.mutation_id = 7;
  conflict.kind = ChangeKind::booking;
  conflict.subject = "EG-03";
  conflict.start = to_instant(kThursday, 8 * 60);
  conflict.end = to_instant(kThursday, 12 * 60);
  conflict.problem_title = "Someone else has already booked this desk for this time.";
  conflict.problem_code = "desk_taken";
  conflict.alternatives = {
      AlternativeSummary{"res-7", "Desk 07", ResourceType::desk, "Rathaus", "EG"},
      AlternativeSummary{"res-9", "Desk 09", ResourceType::desk, "Rathaus", "1. OG"},
  };
  return conflict;
}

TEST_F(DesksUiTest, TheConflictDialogGivesTheServersReasonAndBooksAnAlternative) {
  AppState state = desks_state();
  state.data.conflicts = {desk_taken()};
  ui.frames(state, 3);
  EXPECT_TRUE(ui.shows_text("A booking could not be made")) << ui.text();
  EXPECT_TRUE(ui.shows_text("EG-03 · Thursday, 26 November 2026 08:00–12:00")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Someone else has already booked this desk for this time.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Book Desk 07 instead (Rathaus, EG)")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Book Desk 09 instead (Rathaus, 1. OG)")) << ui.text();
  const auto book = single<BookAlternative>(ui.click(state, "conflict-dialog-book-1"));
  ASSERT_TRUE(book);
  EXPECT_EQ(book->mutation_id, 7);
  EXPECT_EQ(book->resource_id, "res-9");
  EXPECT_EQ(book->start, to_instant(kThursday, 8 * 60));
  EXPECT_EQ(book->end, to_instant(kThursday, 12 * 60));
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("conflict-dialog-book-0")) << "answered: not asked again while the reload runs";
}

TEST_F(DesksUiTest, TheConflictDialogFallsBackToTheCodesWordsAndShowsOnEveryView) {
  AppState state = desks_state();
  state.view = ViewId::schedule;
  ConflictSummary conflict = desk_taken();
  conflict.problem_title.clear();
  conflict.problem_code = "building_closed";
  conflict.alternatives.clear();
  state.data.conflicts = {conflict};
  ui.frames(state, 3);
  EXPECT_TRUE(ui.shows_text("The building is closed on this day.")) << ui.text();
  // A closed building stops every place alike: the dialog does not send the person looking for one.
  EXPECT_FALSE(ui.shows_text("No free place with the same features was found for that time.")) << ui.text();
  const auto dismiss = single<DismissConflict>(ui.click(state, "conflict-dialog-dismiss"));
  ASSERT_TRUE(dismiss);
  EXPECT_EQ(dismiss->mutation_id, 7);
}

TEST_F(DesksUiTest, DecideLaterLeavesTheConflictOnHome) {
  AppState state = desks_state();
  state.view = ViewId::home;
  state.data.conflicts = {desk_taken()};
  ui.frames(state, 3);
  EXPECT_TRUE(ui.click(state, "conflict-dialog-later").empty());
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("conflict-dialog-later")) << "put aside for this session";
  EXPECT_TRUE(single<BookAlternative>(ui.click(state, "conflict-7-book-0"))) << "Home still offers the same choices";
}

TEST_F(DesksUiTest, TheConflictDialogTakesTheKeyboard) {
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  AppState state = desks_state();
  state.data.conflicts = {desk_taken()};
  ui.frames(state, 3);
  ASSERT_NE(GImGui->NavWindow, nullptr);
  EXPECT_NE(std::string_view(GImGui->NavWindow->Name).find("conflict-dialog"), std::string_view::npos)
      << GImGui->NavWindow->Name;
  // The focus starts on the first alternative; Down moves to the second, Space books it.
  ui.press_key(state, testing::key::down);
  const auto book = all_of_type<BookAlternative>(ui.press_key(state, testing::key::space));
  ASSERT_EQ(book.size(), 1u);
  EXPECT_EQ(book.front().resource_id, "res-9");
}

// --- [SECTION] 200 % and German ----------------------------------------------------------------------

TEST(DesksUiDoubleSize, EveryControlFitsTheWindowAtTwiceTheSizeInGerman) {
  assets::activate_language(i18n::Language::de);
  HeadlessUi ui(ui::ThemeId::light, 2.0f);
  const float width = ui.io().DisplaySize.x;
  const auto check = [&](AppState state, std::initializer_list<const char*> identities) {
    ui.frames(state, 3);
    for (const char* identity : identities) {
      const auto rect = ui.find(identity);
      ASSERT_TRUE(rect) << identity << " not drawn";
      EXPECT_LE(rect->max.x, width) << identity << " is cut off at 200 %";
    }
  };
  AppState state = desks_state();
  state.desks.selected = "res-1";
  check(state, {"building", "floor-flr-a-1", "next-day", "today", "time-range", "layout-mine", "only-free",
                "book-usual", "plan-fit", "details-recurring", "details-close"});
  state.desks.layout = DeskLayout::list;
  check(state, {"details-res-3", "book-res-1", "favourite-res-1", "details-favourite"});
  state.desks.layout = DeskLayout::mine;
  check(state, {"my-cancel-bkg-1", "cancel-to-next", "cancel-range"});
  state.desks.layout = DeskLayout::rooms;
  check(state, {"layout-plan"});
  assets::activate_language(i18n::Language::de);
}

}  // namespace
}  // namespace stellwerk::client
