// Person-like tests of what the window says back (issue 12, "say what happened, in the person's
// language"): notices after a booking or cancellation (pending, confirmed, refused with the reason)
// that stay long enough to read, go away by keyboard and never take the focus; the conflict dialog
// that offers another place only when one could help, offers to move the booking the person already
// has, and never comes back after an answer; the refusal's reason in the UI's language; one German
// word for "pending"; the Wochenplan header naming the month; and "Next day" skipping days that
// cannot be booked. Drawn headless (headless_ui.hpp) with a clock the test sets (AppState::now), so
// nothing waits; the Controller's side runs on a real store (store_app.hpp).
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <imgui_internal.h>  // GImGui: where the keyboard focus is

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "store_app.hpp"

namespace stellwerk::client {
namespace {

using testing::all_of_type;
using testing::HeadlessUi;
using testing::kMonday;
using testing::kToday;
using testing::signed_in_state;
using testing::single;

const Date kThursday = add_days(kToday, 1);
const Date kFriday = add_days(kToday, 2);

class FeedbackUiTest : public ::testing::Test {
 protected:
  void SetUp() override { assets::activate_language(i18n::Language::en); }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui;
};

// --- [SECTION] Notices ----------------------------------------------------------------------------

AppState with_toast(ToastKind kind, std::string text) {
  AppState state = signed_in_state();
  state.toasts.push_back(Toast{1, kind, std::move(text), *state.now});
  state.next_toast_id = 2;
  return state;
}

TEST_F(FeedbackUiTest, ANoticeSaysItsStateInWordsAndClosesWithItsButton) {
  AppState state = with_toast(ToastKind::pending, "Booking of EG-02 saved on this computer; the server has not confirmed it yet.");
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Pending: Booking of EG-02 saved on this computer")) << ui.text();
  const auto close = single<DismissToast>(ui.click(state, "notice-1-close"));
  ASSERT_TRUE(close);
  EXPECT_EQ(close->id, 1u);

  state.toasts.front().kind = ToastKind::refused;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Refused: Booking of EG-02")) << ui.text();
  state.toasts.front().kind = ToastKind::confirmed;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Confirmed: Booking of EG-02")) << ui.text();
}

TEST_F(FeedbackUiTest, ANoticeStaysLongEnoughToReadAndWhileThePointerRestsOnIt) {
  AppState state = with_toast(ToastKind::confirmed, "Booking of EG-02: the server confirmed it.");
  ui.frames(state, 2);
  state.now = *state.now + std::chrono::seconds(5);
  EXPECT_TRUE(all_of_type<DismissToast>(ui.frames(state, 2)).empty()) << "gone before it could be read";

  state.now = *state.now + std::chrono::seconds(kToastSeconds);
  const auto rect = ui.find("notice-1-close");
  ASSERT_TRUE(rect);
  ui.io().MousePos = rect->center();
  EXPECT_TRUE(all_of_type<DismissToast>(ui.frames(state, 3)).empty()) << "the pointer rests on it: it stays";

  ui.io().MousePos = ImVec2(ui.io().DisplaySize.x - 5, ui.io().DisplaySize.y * 0.5f);
  EXPECT_FALSE(all_of_type<DismissToast>(ui.frames(state, 2)).empty()) << "read and left alone: it goes";
}

TEST_F(FeedbackUiTest, EscapeDismissesTheNewestNoticeWhichNeverTakesTheFocus) {
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  AppState state = signed_in_state();
  ui.frames(state, 2);
  ui.press_key(state, testing::key::down);
  ui.frames(state, 2);
  const ImGuiID focus_before = GImGui->NavId;

  state = with_toast(ToastKind::pending, "Cancellation of EG-01 saved on this computer; the server has not confirmed it yet.");
  ui.frames(state, 3);
  EXPECT_TRUE(ui.shows_text("Pending: Cancellation of EG-01")) << ui.text();
  EXPECT_EQ(GImGui->NavId, focus_before) << "the notice moved the keyboard focus";

  const auto dismissed = all_of_type<DismissToast>(ui.press_key(state, testing::key::escape));
  ASSERT_EQ(dismissed.size(), 1u);
  EXPECT_EQ(dismissed.front().id, 1u);
}

TEST_F(FeedbackUiTest, TheKeyboardReachesANoticeAndClosesItWithSpace) {
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  AppState state = with_toast(ToastKind::refused, "Booking of EG-02 – Someone else has already booked this desk for this time.");
  ui.frames(state, 2);
  // ImGui's keyboard navigation: the arrow keys move between the side bar and the content, Space
  // enters one, and inside the content Up leads to its first line, where the notice is.
  ui.press_key(state, testing::key::down);
  ui.press_key(state, testing::key::right);
  ui.press_key(state, testing::key::space);
  bool closed = false;
  for (int step = 0; step < 10 && !closed; ++step) {
    closed = !all_of_type<DismissToast>(ui.press_key(state, testing::key::space)).empty();
    ui.press_key(state, testing::key::up);
  }
  EXPECT_TRUE(closed) << "the notice cannot be reached with the keyboard";
}

TEST(FeedbackUiGerman, ANoticeSpeaksGerman) {
  assets::activate_language(i18n::Language::de);
  HeadlessUi ui;
  AppState state = with_toast(ToastKind::pending, "…");
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Ausstehend: …")) << ui.text();
  EXPECT_TRUE(ui.shows("notice-1-close"));
}

// --- [SECTION] The conflict dialog ------------------------------------------------------------------

BookingSummary held_booking() {
  BookingSummary held = signed_in_state().data.bookings.front();  // EG-01 today, 08:00–17:00
  held.booking.start = to_instant(kThursday, 8 * 60);
  held.booking.end = to_instant(kThursday, 17 * 60);
  return held;
}

// The person already has EG-01 on Thursday and asked (offline) for EG-03 the same day.
ConflictSummary already_booked(std::int64_t mutation_id = 7) {
  ConflictSummary conflict;
  conflict.mutation_id = mutation_id;
  conflict.kind = ChangeKind::booking;
  conflict.subject = "EG-03";
  conflict.resource_id = "res-3";
  conflict.start = to_instant(kThursday, 8 * 60);
  conflict.end = to_instant(kThursday, 17 * 60);
  conflict.problem_title = "You already have a desk for this time.";
  conflict.problem_code = "already_booked";
  conflict.existing = held_booking();
  return conflict;
}

TEST_F(FeedbackUiTest, AlreadyHavingADeskShowsThatBookingAndOffersToMoveItNotOtherDesks) {
  AppState state = signed_in_state();
  state.data.conflicts = {already_booked()};
  ui.frames(state, 3);
  EXPECT_TRUE(ui.shows_text("You already have a desk for this time.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Your booking that day: EG-01, 08:00–17:00")) << ui.text();
  EXPECT_FALSE(ui.shows("conflict-dialog-book-0")) << "another desk would be refused the same way";
  const auto move = single<MoveBooking>(ui.click(state, "conflict-dialog-move"));
  ASSERT_TRUE(move);
  EXPECT_EQ(move->mutation_id, 7);
  EXPECT_EQ(move->booking_id, "bkg-1");
  EXPECT_EQ(move->resource_id, "res-3");
  EXPECT_EQ(move->start, to_instant(kThursday, 8 * 60));
  EXPECT_EQ(move->end, to_instant(kThursday, 17 * 60));
}

TEST_F(FeedbackUiTest, HomeOffersTheSameMoveForARefusalPutOff) {
  AppState state = signed_in_state();
  state.data.conflicts = {already_booked()};
  ui.frames(state, 3);
  EXPECT_TRUE(ui.click(state, "conflict-dialog-later").empty());
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Your booking that day: EG-01, 08:00–17:00")) << ui.text();
  EXPECT_FALSE(ui.shows("conflict-7-book-0"));
  EXPECT_TRUE(single<MoveBooking>(ui.click(state, "conflict-7-move")));
}

TEST_F(FeedbackUiTest, ARefusalNoOtherPlaceCanFixOffersNoOtherPlace) {
  AppState state = signed_in_state();
  ConflictSummary holiday = already_booked();
  holiday.existing.reset();
  holiday.problem_code = "holiday";
  holiday.problem_title = "This day is a public holiday.";
  holiday.alternatives = {AlternativeSummary{"res-7", "Desk 07", ResourceType::desk, "Rathaus", "EG"}};
  state.data.conflicts = {holiday};
  ui.frames(state, 3);
  EXPECT_TRUE(ui.shows_text("This day is a public holiday.")) << ui.text();
  EXPECT_FALSE(ui.shows("conflict-dialog-book-0"));
  EXPECT_TRUE(ui.shows("conflict-dialog-dismiss"));

  EXPECT_TRUE(ui.click(state, "conflict-dialog-later").empty());
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("This day is a public holiday.")) << "Home keeps the refusal: " << ui.text();
  EXPECT_FALSE(ui.shows_text("no free place with the same features")) << "no other place would help: " << ui.text();
  EXPECT_FALSE(ui.shows("conflict-7-book-0"));
}

// The person answers with the first choice the dialog offers, and the server answers that as it
// would: another desk the same day is refused again ("already_booked", a new refusal); moving the
// booking is accepted. Whatever the dialog offers first, it must be closed for good after at most
// two answers — a dialog that offers another desk here brings itself back for ever.
TEST_F(FeedbackUiTest, AnsweringTheConflictDialogNeverBringsItBack) {
  AppState state = signed_in_state();
  ConflictSummary first = already_booked();
  first.alternatives = {AlternativeSummary{"res-7", "Desk 07", ResourceType::desk, "Rathaus", "EG"}};
  state.data.conflicts = {first};
  std::int64_t next_mutation = 8;
  int answers = 0;
  for (; answers < 4; ++answers) {
    ui.frames(state, 3);
    if (!ui.shows("conflict-dialog-dismiss")) break;
    const char* choice = ui.shows("conflict-dialog-move") ? "conflict-dialog-move" : "conflict-dialog-book-0";
    ASSERT_TRUE(ui.shows(choice)) << ui.text();
    const Intents intents = ui.click(state, choice);
    state.data.conflicts.clear();
    if (const auto book = all_of_type<BookAlternative>(intents); !book.empty()) {
      ConflictSummary again = already_booked(next_mutation++);
      again.subject = "Desk 07";
      again.resource_id = book.front().resource_id;
      again.alternatives = first.alternatives;
      state.data.conflicts = {again};
    }
  }
  EXPECT_LE(answers, 1) << "the dialog came back after it was answered";
}

TEST(FeedbackUiGerman, TheRefusalsReasonIsInTheUiLanguageNotTheServers) {
  assets::activate_language(i18n::Language::de);
  HeadlessUi ui;
  AppState state = signed_in_state();
  ConflictSummary taken = already_booked();
  taken.existing.reset();
  taken.problem_code = "desk_taken";
  taken.problem_title = "Someone else has already booked this desk for this time.";  // the server spoke English
  state.data.conflicts = {taken};
  ui.frames(state, 3);
  EXPECT_TRUE(ui.shows_text("Jemand anderes hat diesen Arbeitsplatz für diese Zeit bereits gebucht.")) << ui.text();
  EXPECT_FALSE(ui.shows_text("Someone else")) << ui.text();
}

// --- [SECTION] Words and dates ------------------------------------------------------------------------

TEST(FeedbackUiGerman, PendingHasOneGermanWord) {
  assets::activate_language(i18n::Language::de);
  HeadlessUi ui;
  AppState state = signed_in_state();
  state.view = ViewId::desks;
  state.desks.layout = DeskLayout::mine;
  state.desks.day = kThursday;
  state.data.bookings.front().pending = true;
  ui.frames(state, 3);
  EXPECT_TRUE(ui.shows_text("ausstehend")) << ui.text();
  EXPECT_FALSE(ui.shows_text("Anstehend")) << "the glossary's word for pending is \"ausstehend\": " << ui.text();
  EXPECT_FALSE(ui.shows_text("anstehend")) << ui.text();
}

TEST_F(FeedbackUiTest, TheWeeklyPlanNamesTheMonthAndWeekShown) {
  AppState state = signed_in_state();
  state.view = ViewId::schedule;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("November 2026, week 48")) << ui.text();
  state.schedule.week_start = add_days(kMonday, 7);  // 30 November – 4 December
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("November – December 2026, week 49")) << ui.text();
  state.schedule.week_start = date::year{2026} / 12 / 28;  // into January 2027, ISO week 53
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("December 2026 – January 2027, week 53")) << ui.text();
}

TEST(FeedbackUiGerman, TheWeeklyPlanNamesTheMonthInGerman) {
  assets::activate_language(i18n::Language::de);
  HeadlessUi ui;
  AppState state = signed_in_state();
  state.view = ViewId::schedule;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("November 2026, KW 48")) << ui.text();
}

TEST_F(FeedbackUiTest, NextDayGoesToTheNextBookableDay) {
  AppState state = signed_in_state();
  state.view = ViewId::desks;
  state.desks.day = kFriday;
  ui.frames(state, 2);
  auto day = single<ShowDay>(ui.click(state, "next-day"));
  ASSERT_TRUE(day);
  EXPECT_EQ(day->day, add_days(kFriday, 3)) << "Saturday and Sunday cannot be booked";

  state.desks.day = date::year{2026} / 12 / 24;  // Thursday; Friday is Christmas
  ui.frames(state, 2);
  day = single<ShowDay>(ui.click(state, "next-day"));
  ASSERT_TRUE(day);
  EXPECT_EQ(day->day, date::year{2026} / 12 / 28);
}

// --- [SECTION] The remote limit ------------------------------------------------------------------------

TEST_F(FeedbackUiTest, ARefusedPlanIsNamedInTheWeeklyPlanWithItsReason) {
  AppState state = signed_in_state();
  state.view = ViewId::schedule;
  ConflictSummary plan;
  plan.mutation_id = 12;
  plan.kind = ChangeKind::workday;
  plan.day = kThursday;
  plan.problem_code = "quota_exceeded";
  plan.problem_title = "This goes over your department's remote-work share for the month.";
  state.data.conflicts = {plan};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Refused: your plan for Thursday, 26 November 2026 – This goes over your "
                            "department's remote-work share for the month."))
      << ui.text();
  const auto dismiss = single<DismissConflict>(ui.click(state, "plan-conflict-12-dismiss"));
  ASSERT_TRUE(dismiss);
  EXPECT_EQ(dismiss->mutation_id, 12);
}

TEST_F(FeedbackUiTest, AMonthOverTheLimitSaysWhatTheDepartmentDoesWithIt) {
  AppState state = signed_in_state();
  state.view = ViewId::schedule;
  state.data.department->policy.remote_share_percent = 10;
  state.data.workdays.push_back(Workday{kThursday, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  state.data.workdays.push_back(Workday{kFriday, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  state.data.department->policy.over_quota = OverQuotaRule::needs_approval;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("your department asks your manager to approve this month")) << ui.text();
  state.data.department->policy.over_quota = OverQuotaRule::refused;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("your department refuses further remote days in this month")) << ui.text();
}

TEST_F(FeedbackUiTest, TheWeeklyPlanSaysWhetherGoingOverTheLimitIsPendingApprovedOrRejected) {
  AppState state = signed_in_state();
  state.view = ViewId::schedule;
  state.approvals = {MonthApproval{2026, 10, ApprovalState::rejected}, MonthApproval{2026, 11, ApprovalState::pending}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Going over the limit in November 2026: pending your manager's approval.")) << ui.text();
  EXPECT_FALSE(ui.shows_text("October")) << "only the months of the week shown";
  state.approvals.back().state = ApprovalState::approved;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Going over the limit in November 2026: approved by your manager.")) << ui.text();
  state.approvals.back().state = ApprovalState::rejected;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Going over the limit in November 2026: rejected by your manager.")) << ui.text();
  state.approvals.back().reason = "Two of us are on leave that week.";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("rejected by your manager: “Two of us are on leave that week.” Plan fewer")) << ui.text();
}

TEST(FeedbackUiGerman, TheApprovalStateUsesTheGlossarysWords) {
  assets::activate_language(i18n::Language::de);
  HeadlessUi ui;
  AppState state = signed_in_state();
  state.view = ViewId::schedule;
  state.approvals = {MonthApproval{2026, 11, ApprovalState::pending}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("ausstehend")) << ui.text();
  state.approvals.front().state = ApprovalState::approved;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("genehmigt")) << ui.text();
  state.approvals.front().state = ApprovalState::rejected;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("abgelehnt")) << ui.text();
}

TEST_F(FeedbackUiTest, AWeekAcrossTwoMonthsShowsTheRemoteShareOfBoth) {
  AppState state = signed_in_state();
  state.view = ViewId::schedule;
  state.schedule.week_start = add_days(kMonday, 7);  // 30 November – 4 December
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Remote work in November:")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Remote work in December:")) << ui.text();
}

}  // namespace
}  // namespace stellwerk::client
