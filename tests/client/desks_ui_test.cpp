// Person-like tests of the Desks view ("Arbeitsplätze"), drawn headless (headless_ui.hpp): pick a
// day and a time, filter by features, book from the plan with the keyboard alone, read the state
// of every place in words, mark favourites, book "my usual" and a weekly pattern, read the report
// of skipped days, cancel one booking or a range in My bookings, check in only inside the window,
// book a meeting room from its timeline, answer the conflict dialog, and read the rules before
// booking. The only output checked is the intents and the text a person reads (the controller's
// side of these intents is in controller_test.cpp).
// Meeting rooms, the rules and the conflict dialog are in desks_ui_rooms_test.cpp.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <imgui_internal.h>  // GImGui: where the keyboard focus is

#include "desks_ui_fixture.hpp"

namespace stellwerk::client {
namespace {

using namespace desks_ui_tests;

// --- [SECTION] Day and time -------------------------------------------------------------------------

TEST_F(DesksUiTest, TheDayButtonsShowTheNextThePreviousAndTodaysDay) {
  const AppState state = desks_state();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Thursday, 26 November 2026")) << ui.text();
  auto day = single<ShowDay>(ui.click(state, "next-day"));
  ASSERT_TRUE(day);
  EXPECT_EQ(day->day, add_days(kThursday, 1));
  day = single<ShowDay>(ui.click(state, "prev-day"));
  ASSERT_TRUE(day);
  EXPECT_EQ(day->day, kToday);
  day = single<ShowDay>(ui.click(state, "today"));
  ASSERT_TRUE(day);
  EXPECT_EQ(day->day, kToday);
}

TEST_F(DesksUiTest, ATimeRangeIsChosenInHalfHoursAndStaysAValidRange) {
  AppState state = desks_state();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("08:00–17:00")) << "the whole day's slot is named: " << ui.text();
  auto time = single<ChooseTime>(ui.click(state, "time-am"));
  ASSERT_TRUE(time);
  EXPECT_EQ(time->time, TimeChoice::am);
  time = single<ChooseTime>(ui.click(state, "time-range"));
  ASSERT_TRUE(time);
  EXPECT_EQ(time->time, TimeChoice::range);

  state.desks.time = TimeChoice::range;  // 09:00–10:00 by default
  ui.frames(state, 2);
  EXPECT_TRUE(ui.click(state, "range-start").empty()) << "opening the list chooses nothing";
  ui.frames(state, 2);  // the list settles where it shows the current time
  time = single<ChooseTime>(ui.click(state, "range-start-570"));
  ASSERT_TRUE(time);
  EXPECT_EQ(time->range.start, 9 * 60 + 30);
  EXPECT_EQ(time->range.end, 10 * 60);

  // A start after the end takes the end along, so the range never turns invalid.
  ui.click(state, "range-start");
  ui.frames(state, 2);
  time = single<ChooseTime>(ui.click(state, "range-start-690"));
  ASSERT_TRUE(time);
  EXPECT_EQ(time->range.start, 11 * 60 + 30);
  EXPECT_EQ(time->range.end, 12 * 60 + 30);

  ui.click(state, "range-end");
  ui.frames(state, 2);
  time = single<ChooseTime>(ui.click(state, "range-end-660"));
  ASSERT_TRUE(time);
  EXPECT_EQ(time->range.start, 9 * 60);
  EXPECT_EQ(time->range.end, 11 * 60);
}

TEST_F(DesksUiTest, BookingUsesTheChosenTime) {
  AppState state = desks_state(kThursday, DeskLayout::list);
  state.desks.time = TimeChoice::range;
  state.desks.range = MinuteRange{13 * 60, 14 * 60 + 30};
  ui.frames(state, 2);
  const auto book = single<BookResource>(ui.click(state, "book-res-1"));
  ASSERT_TRUE(book);
  EXPECT_EQ(book->day, kThursday);
  ASSERT_TRUE(book->range);
  EXPECT_EQ(book->range->start, 13 * 60);
  EXPECT_EQ(book->range->end, 14 * 60 + 30);
}

// --- [SECTION] Filters and list ------------------------------------------------------------------

TEST_F(DesksUiTest, FilteringByAFeatureHidesThePlacesWithoutItFromTheList) {
  AppState state = desks_state(kThursday, DeskLayout::list);
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("details-res-2"));
  const auto toggle = single<ToggleFeatureFilter>(ui.click(state, "filter-monitor"));
  ASSERT_TRUE(toggle);
  EXPECT_EQ(toggle->feature, "monitor");
  EXPECT_TRUE(ui.shows("filter-hologram")) << "an unknown feature of the floor is offered by its name";

  state.desks.required_features = {"monitor"};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("details-res-1"));
  EXPECT_FALSE(ui.shows("details-res-2")) << "EG-02 has no monitor";
  EXPECT_FALSE(ui.shows("details-res-3"));
  EXPECT_TRUE(ui.shows_text("1 of 3 places match the filters.")) << ui.text();

  EXPECT_TRUE(single<ToggleOnlyFree>(ui.click(state, "only-free")));
  state.desks.required_features.clear();
  state.desks.only_free = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("details-res-1"));
  EXPECT_FALSE(ui.shows("details-res-2")) << "held for colleagues who need an accessible desk: not free";

  state.desks.required_features = {"ev_charger"};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("No place on this floor matches the filters.")) << ui.text();
  EXPECT_TRUE(ui.shows("filter-ev_charger")) << "a filter set on another floor can still be cleared";
}

TEST_F(DesksUiTest, FilteredPlacesAreDimmedOnThePlanNotRemoved) {
  AppState state = desks_state();
  state.desks.required_features = {"monitor"};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("floor-spot-res-1"));
  EXPECT_TRUE(ui.shows("floor-spot-res-2")) << "the floor keeps its shape; the plan draws EG-02 faint";
}

// The words of the place's row in the list: the table's line that names it.
std::string row_text(const std::string& text, std::string_view name) {
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line(text.data() + start, end - start);
    if (line.starts_with("|") && line.find(name) != std::string_view::npos) return std::string(line);
    start = end + 1;
  }
  return {};
}

TEST_F(DesksUiTest, EveryStateIsShownInWordsInTheList) {
  // Mine and pending: the fixture's desk today.
  AppState state = desks_state(kToday, DeskLayout::list);
  ui.frames(state, 2);
  EXPECT_NE(row_text(ui.text(), "EG-01").find("my booking"), std::string::npos) << ui.text();
  state.data.bookings.front().pending = true;
  ui.frames(state, 2);
  EXPECT_NE(row_text(ui.text(), "EG-01").find("pending"), std::string::npos) << ui.text();

  // Free, booked and reserved accessible on Thursday.
  state = desks_state(kThursday, DeskLayout::list);
  ui.frames(state, 2);
  EXPECT_NE(row_text(ui.text(), "EG-01").find("free"), std::string::npos) << ui.text();
  EXPECT_NE(row_text(ui.text(), "EG-02").find("reserved accessible"), std::string::npos) << ui.text();
  state.desks.busy = {BusyTime{"res-1", to_instant(kThursday, 9 * 60), to_instant(kThursday, 12 * 60)}};
  ui.frames(state, 2);
  EXPECT_NE(row_text(ui.text(), "EG-01").find("booked"), std::string::npos) << ui.text();
  EXPECT_FALSE(ui.shows("book-res-1")) << "a taken desk is not offered";

  // Unavailable on a Saturday, with the reason above the list.
  state = desks_state(kSaturday, DeskLayout::list);
  ui.frames(state, 2);
  EXPECT_NE(row_text(ui.text(), "EG-01").find("not available"), std::string::npos) << ui.text();
  EXPECT_TRUE(ui.shows_text("Not bookable: Your department does not book desks on this weekday.")) << ui.text();
  EXPECT_FALSE(ui.shows("book-res-1"));
}

TEST_F(DesksUiTest, ThePlanNamesEveryStateInItsLegendAndShowsWhoNever) {
  AppState state = desks_state();
  ui.frames(state, 2);
  for (const char* word : {"free", "booked", "my booking", "pending", "not available", "reserved accessible"}) {
    EXPECT_TRUE(ui.shows_text(word)) << word << ": " << ui.text();
  }
  EXPECT_FALSE(ui.shows_text("Alex")) << "no name of anyone who booked";
}

TEST_F(DesksUiTest, ThePlanAndItsStatesSpeakGerman) {
  assets::activate_language(i18n::Language::de);
  AppState state = desks_state();
  ui.frames(state, 2);
  for (const char* word : {"frei", "gebucht", "meine Buchung", "ausstehend", "nicht verfügbar", "barrierefrei reserviert",
                           "Gebäude", "Etage"}) {
    EXPECT_TRUE(ui.shows_text(word)) << word << ": " << ui.text();
  }
}

// --- [SECTION] The plan with the keyboard alone ------------------------------------------------

// The child window of the floor plan, found by its name.
ImGuiWindow* plan_window() {
  for (ImGuiWindow* window : GImGui->Windows) {
    if (std::string_view(window->Name).find("##plan") != std::string_view::npos) return window;
  }
  return nullptr;
}

TEST_F(DesksUiTest, ADeskIsBookedWithTheKeyboardAlone) {
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  const AppState state = desks_state();
  ui.frames(state, 2);
  // Into the content area, as from the side bar: Down reaches the side bar, Right the view, Space
  // enters it; then Down moves through the controls until the plan has the focus.
  ui.press_key(state, testing::key::down);
  ui.press_key(state, testing::key::right);
  ui.press_key(state, testing::key::space);
  ImGuiWindow* plan = nullptr;
  for (int i = 0; i < 40; ++i) {
    plan = plan_window();
    if (plan != nullptr && GImGui->NavId == plan->ChildId) break;
    ui.press_key(state, testing::key::down);
  }
  ASSERT_NE(plan, nullptr);
  ASSERT_EQ(GImGui->NavId, plan->ChildId) << "the arrow keys never reached the floor plan; focus in "
                                          << (GImGui->NavWindow ? GImGui->NavWindow->Name : "nothing");
  EXPECT_TRUE(ui.press_key(state, testing::key::space).empty()) << "entering the plan books nothing";
  // The first arrow key starts at the place nearest the middle (the room Elbe), then Left goes
  // to EG-02 and EG-01 along the row.
  ui.press_key(state, testing::key::left);
  ui.press_key(state, testing::key::left);
  ui.press_key(state, testing::key::left);
  const Intents intents = ui.press_key(state, testing::key::enter);
  const auto books = all_of_type<BookResource>(intents);
  ASSERT_EQ(books.size(), 1u) << "Enter on a free desk books it";
  EXPECT_EQ(books.front().resource_id, "res-1");
  EXPECT_EQ(books.front().day, kThursday);
  EXPECT_EQ(books.front().half, HalfDay::day);
  const auto selects = all_of_type<SelectResource>(intents);
  ASSERT_EQ(selects.size(), 1u);
  EXPECT_EQ(selects.front().resource_id, "res-1") << "and shows its details";
}

TEST_F(DesksUiTest, ClickingAPlaceThatIsNotFreeOnlyShowsItsDetails) {
  AppState state = desks_state();
  ui.frames(state, 2);
  Intents intents = ui.click(state, "floor-spot-res-2");  // reserved accessible
  EXPECT_TRUE(all_of_type<BookResource>(intents).empty());
  const auto select = all_of_type<SelectResource>(intents);
  ASSERT_EQ(select.size(), 1u);
  EXPECT_EQ(select.front().resource_id, "res-2");

  state.desks.selected = "res-2";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("This accessible desk is held for colleagues who need it until shortly before the day."))
      << ui.text();
  EXPECT_FALSE(ui.shows("details-book"));

  intents = ui.click(state, "floor-spot-res-1");
  const auto book = all_of_type<BookResource>(intents);
  ASSERT_EQ(book.size(), 1u) << "a click on a free desk books it";
  EXPECT_EQ(book.front().resource_id, "res-1");
}

TEST_F(DesksUiTest, APersonWithADeskForThatTimeIsToldBeforeBookingAnother) {
  AppState state = desks_state(kToday);
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("You already have a desk for this time: EG-01, 08:00–17:00.")) << ui.text();
  const Intents intents = ui.click(state, "floor-spot-res-2");
  EXPECT_TRUE(all_of_type<BookResource>(intents).empty()) << "the server would refuse it (already_booked)";
}

// --- [SECTION] Details, favourites and "book my usual" -------------------------------------------

TEST_F(DesksUiTest, TheDetailsOfAPlaceOfferEveryAction) {
  AppState state = desks_state();
  state.desks.selected = "res-3";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Meeting room · 8 seats · Video conferencing, Whiteboard, hologram")) << ui.text();
  const auto book = single<BookResource>(ui.click(state, "details-book"));
  ASSERT_TRUE(book);
  EXPECT_EQ(book->resource_id, "res-3");
  EXPECT_FALSE(ui.shows("details-usual")) << "only a desk can be the usual desk";
  EXPECT_TRUE(single<SelectResource>(ui.click(state, "details-close")));
}

TEST_F(DesksUiTest, FavouritesAreAddedAndRemovedAndOneBecomesTheUsualDesk) {
  AppState state = desks_state(kThursday, DeskLayout::list);
  ui.frames(state, 2);
  auto toggle = single<ToggleFavourite>(ui.click(state, "favourite-res-1"));
  ASSERT_TRUE(toggle);
  EXPECT_EQ(toggle->resource_id, "res-1");

  state.desks.layout = DeskLayout::plan;
  state.desks.selected = "res-1";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Add to favourites")) << ui.text();
  toggle = single<ToggleFavourite>(ui.click(state, "details-favourite"));
  ASSERT_TRUE(toggle);

  state.data.favourites = {Favourite{"res-1", false, to_instant(kToday, 6 * 60)}};
  state.data.pending_favourites = {"res-1"};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Remove favourite")) << ui.text();
  EXPECT_TRUE(ui.shows_text("pending")) << ui.text();
  const auto usual = single<MakeUsual>(ui.click(state, "details-usual"));
  ASSERT_TRUE(usual);
  EXPECT_EQ(usual->resource_id, "res-1");

  state.data.favourites.front().usual = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Your usual desk")) << ui.text();
  EXPECT_FALSE(ui.shows("details-usual"));
}

TEST_F(DesksUiTest, BookMyUsualNeedsAFavouriteAndBooksTheChosenTime) {
  AppState state = desks_state();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("You have no usual desk yet: mark a desk as a favourite first.")) << ui.text();
  EXPECT_TRUE(ui.click(state, "book-usual").empty()) << "disabled without a favourite";

  state.data.favourites = {Favourite{"res-1", true, to_instant(kToday, 6 * 60)}};
  state.desks.time = TimeChoice::pm;
  ui.frames(state, 2);
  const auto usual = single<BookUsual>(ui.click(state, "book-usual"));
  ASSERT_TRUE(usual);
  EXPECT_EQ(usual->day, kThursday);
  EXPECT_EQ(usual->half, HalfDay::pm);
  EXPECT_FALSE(usual->range);
}

// --- [SECTION] Recurring bookings and the report ---------------------------------------------------

TEST_F(DesksUiTest, TheRecurringDialogBooksTheChosenWeekdaysUntilTheChosenDay) {
  AppState state = desks_state();
  state.desks.selected = "res-1";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.click(state, "details-recurring").empty());
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Book every week")) << ui.text();
  EXPECT_TRUE(ui.shows("weekday-3")) << "Thursday, the day shown, is ticked already";
  EXPECT_TRUE(ui.shows_text("This books 5 days.")) << "Thursdays until four weeks later: " << ui.text();
  ui.click(state, "weekday-0");  // and Mondays
  ui.click(state, "until-week-next");
  ui.click(state, "until-next");
  ui.frames(state, 1);
  EXPECT_TRUE(ui.shows_text("too far ahead to book yet")) << ui.text();
  const auto recurring = single<BookRecurring>(ui.click(state, "recurring-book"));
  ASSERT_TRUE(recurring);
  EXPECT_EQ(recurring->resource_id, "res-1");
  EXPECT_EQ(recurring->first, kThursday);
  EXPECT_EQ(recurring->until, add_days(kThursday, 28 + 7 + 1));
  const std::array<bool, 7> monday_and_thursday{true, false, false, true, false, false, false};
  EXPECT_EQ(recurring->weekdays, monday_and_thursday);
  EXPECT_EQ(recurring->half, HalfDay::day);
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("recurring-book")) << "the dialog closes after booking";
}

TEST_F(DesksUiTest, TheRecurringDialogWorksWithTheKeyboardAndEscapeClosesIt) {
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  AppState state = desks_state();
  state.desks.selected = "res-1";
  ui.frames(state, 2);
  ui.click(state, "details-recurring");
  ui.frames(state, 2);
  ASSERT_NE(GImGui->NavWindow, nullptr);
  EXPECT_NE(std::string_view(GImGui->NavWindow->Name).find("recurring"), std::string_view::npos)
      << "the keyboard is in the dialog, not behind it: " << GImGui->NavWindow->Name;
  EXPECT_TRUE(ui.press_key(state, testing::key::escape).empty());
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("recurring-book"));
}

TEST_F(DesksUiTest, TheReportListsBookedAndSkippedDaysWithTheirReasons) {
  AppState state = desks_state();
  state.desks.report = BookingReport{BookingReport::Kind::recurring, "EG-01", {kThursday, add_days(kThursday, 7)},
                                     {{date::year{2026} / 12 / 24, "desk_taken"}, {date::year{2026} / 12 / 25, "holiday"},
                                      {date::year{2026} / 12 / 31, "too_far_ahead"}}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Recurring booking of EG-01")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Booked: Thu 26 Nov 2026, Thu 3 Dec 2026")) << ui.text();
  EXPECT_TRUE(ui.shows_text("3 days could not be booked:")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Thu 24 Dec 2026 – Someone else has already booked this desk for this time.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Fri 25 Dec 2026 – This day is a public holiday.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Thu 31 Dec 2026 – This day is too far ahead to book yet.")) << ui.text();
  EXPECT_TRUE(single<CloseReport>(ui.click(state, "close-report")));
}

// --- [SECTION] My bookings -----------------------------------------------------------------------

TEST_F(DesksUiTest, MyBookingsCancelsOneBookingAfterAskingOnce) {
  const AppState state = desks_state(kThursday, DeskLayout::mine);
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("EG-01")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Rathaus · EG")) << ui.text();
  EXPECT_TRUE(ui.click(state, "my-cancel-bkg-1").empty());
  EXPECT_TRUE(ui.click(state, "my-cancel-keep-bkg-1").empty());
  ui.click(state, "my-cancel-bkg-1");
  const auto cancel = single<CancelBooking>(ui.click(state, "my-cancel-confirm-bkg-1"));
  ASSERT_TRUE(cancel);
  EXPECT_EQ(cancel->booking_id, "bkg-1");
}

TEST_F(DesksUiTest, MyBookingsCancelsADateRange) {
  AppState state = desks_state(kThursday, DeskLayout::mine);
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Cancel 1 booking")) << "today's booking is in the first week: " << ui.text();
  ui.click(state, "cancel-to-next");
  EXPECT_TRUE(ui.click(state, "cancel-range").empty()) << "asks first";
  ui.frames(state, 1);
  EXPECT_TRUE(ui.shows_text("Cancel 1 booking from 25 Nov 2026 to 2 Dec 2026?")) << ui.text();
  const auto range = single<CancelBookingsBetween>(ui.click(state, "cancel-range-confirm"));
  ASSERT_TRUE(range);
  EXPECT_EQ(range->from, kToday);
  EXPECT_EQ(range->to, add_days(kToday, 7));

  ui.click(state, "cancel-from-next");  // from Thursday: nothing left to cancel
  ui.frames(state, 1);
  EXPECT_TRUE(ui.shows_text("You have no bookings on these days.")) << ui.text();
  EXPECT_TRUE(ui.click(state, "cancel-range").empty()) << "disabled";
}

TEST_F(DesksUiTest, CheckInIsOfferedOnlyInsideItsWindowAndTheReleaseTimeIsShown) {
  AppState state = desks_state(kToday, DeskLayout::mine);  // 07:00; the booking starts at 08:00
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("my-check-in-bkg-1"));
  EXPECT_TRUE(ui.shows_text("Check-in from 07:45")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Released at 08:30 unless you check in")) << ui.text();

  state.now = to_instant(kToday, 7 * 60 + 50);
  ui.frames(state, 2);
  const auto check_in = single<CheckIn>(ui.click(state, "my-check-in-bkg-1"));
  ASSERT_TRUE(check_in);
  EXPECT_EQ(check_in->booking_id, "bkg-1");

  state.now = to_instant(kToday, 8 * 60 + 31);
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("my-check-in-bkg-1")) << "released at 08:30";
  EXPECT_FALSE(ui.shows_text("unless you check in")) << ui.text();

  state.now = to_instant(kToday, 7 * 60 + 50);
  state.data.bookings.front().booking.state = BookingState::checked_in;
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("my-check-in-bkg-1"));
  EXPECT_TRUE(ui.shows_text("Checked in")) << ui.text();
}

TEST_F(DesksUiTest, TheDetailsOfMyDeskOfferCheckInAndCancel) {
  AppState state = desks_state(kToday);
  state.now = to_instant(kToday, 7 * 60 + 50);
  state.desks.selected = "res-1";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Released at 08:30 unless you check in")) << ui.text();
  EXPECT_TRUE(single<CheckIn>(ui.click(state, "details-check-in-bkg-1")));
  ui.click(state, "details-cancel-bkg-1");
  EXPECT_TRUE(single<CancelBooking>(ui.click(state, "details-cancel-confirm-bkg-1")));
}

TEST_F(DesksUiTest, RecentBookingsAreListed) {
  AppState state = desks_state(kThursday, DeskLayout::mine);
  BookingSummary old = state.data.bookings.front();
  old.booking.id = "bkg-0";
  old.booking.start = to_instant(add_days(kToday, -2), 8 * 60);
  old.booking.end = to_instant(add_days(kToday, -2), 12 * 60);
  old.booking.state = BookingState::released;
  state.data.recent_bookings = {old};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Mon 23 Nov 2026")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Released")) << ui.text();
  EXPECT_FALSE(ui.shows("my-cancel-bkg-0"));
}

}  // namespace
}  // namespace stellwerk::client
