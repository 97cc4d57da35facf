// Person-like tests of what the offline-first sync adds to the window: the sign-in screen (typing
// into its fields, Enter, the password gone from the form afterwards, errors in words), sign-out
// and "Sync now" in Settings, the status bar's words for each sync state, "pending" marks on
// bookings, plans and enrolments, the conflicts panel with "Book this instead" and "Dismiss", and
// the local changes (book, cancel, check-in, enrol, complete). Drawn headless (headless_ui.hpp);
// the only output checked is the intents and the text a person reads.
#include <chrono>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client {
namespace {

using testing::fixture_state;
using testing::HeadlessUi;
using testing::kMonday;
using testing::kToday;
using testing::signed_in_state;
using testing::single;

// How often `word` occurs in the frame's text: "pending" is also in the status bar's count.
std::size_t occurrences(const std::string& text, std::string_view word) {
  std::size_t count = 0;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) ++count;
  return count;
}

// A first start on a machine that never signed in: no session, no demo data.
AppState first_start() {
  AppState state = fixture_state();
  state.local_demo = false;
  state.session = SessionInfo{};
  state.session.known = true;
  state.data.sync.pending = 0;
  return state;
}

class SyncUiTest : public ::testing::Test {
 protected:
  void SetUp() override { assets::activate_language(i18n::Language::en); }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui;
};

// --- [SECTION] Sign-in --------------------------------------------------------------------------

TEST_F(SyncUiTest, WithoutASessionTheSignInScreenReplacesTheViews) {
  const AppState state = first_start();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("signin-server"));
  EXPECT_TRUE(ui.shows("signin-user"));
  EXPECT_TRUE(ui.shows("signin-password"));
  EXPECT_TRUE(ui.shows("signin-submit"));
  EXPECT_FALSE(ui.shows("nav-0")) << "the side bar leads to the last person's data";
  EXPECT_FALSE(ui.shows("signin-close")) << "only local demo data may be used without signing in";
  EXPECT_TRUE(ui.press_key(state, '2', /*ctrl=*/true).empty()) << "Ctrl+2 must not reach a view";
}

TEST_F(SyncUiTest, TypingNameAndPasswordAndPressingEnterSignsIn) {
  const AppState state = first_start();
  ui.frames(state, 2);
  ui.click(state, "signin-user");
  ui.type(state, "alex");
  ui.click(state, "signin-password");
  ui.type(state, "s3cret");
  const auto sign_in = single<SignIn>(ui.press_key(state, testing::key::enter));
  ASSERT_TRUE(sign_in);
  EXPECT_EQ(sign_in->server_url, "http://127.0.0.1:8080") << "the default server";
  EXPECT_EQ(sign_in->username, "alex");
  EXPECT_EQ(sign_in->password.view(), "s3cret");

  // The password is gone from the form: signing in again asks for it instead of resending it.
  ui.frames(state, 2);
  EXPECT_TRUE(ui.click(state, "signin-submit").empty());
  ui.frames(state, 1);
  EXPECT_TRUE(ui.shows_text("Enter your password.")) << ui.text();
}

TEST_F(SyncUiTest, TheFormIsPrefilledFromThePreviousSessionAndTheServerOption) {
  AppState state = first_start();
  state.session.exists = true;
  state.session.server_url = "https://stellwerk.example";
  state.session.username = "alex";
  ui.frames(state, 2);
  // The name is known, so the keyboard focus is already in the password field.
  ui.type(state, "pw");
  const auto sign_in = single<SignIn>(ui.click(state, "signin-submit"));
  ASSERT_TRUE(sign_in);
  EXPECT_EQ(sign_in->server_url, "https://stellwerk.example");
  EXPECT_EQ(sign_in->username, "alex");
  EXPECT_EQ(sign_in->password.view(), "pw");

  HeadlessUi fresh;
  AppState configured = first_start();
  configured.server_url = "https://from-config.example";
  fresh.frames(configured, 2);
  fresh.click(configured, "signin-user");
  fresh.type(configured, "kim");
  fresh.click(configured, "signin-password");
  fresh.type(configured, "x");
  const auto from_config = single<SignIn>(fresh.press_key(configured, testing::key::enter));
  ASSERT_TRUE(from_config);
  EXPECT_EQ(from_config->server_url, "https://from-config.example");
}

TEST_F(SyncUiTest, AnEmptyUserNameIsExplainedInsteadOfSent) {
  const AppState state = first_start();
  ui.frames(state, 2);
  ui.click(state, "signin-password");
  ui.type(state, "pw");
  EXPECT_TRUE(ui.press_key(state, testing::key::enter).empty());
  ui.frames(state, 1);
  EXPECT_TRUE(ui.shows_text("Enter the server address and your user name.")) << ui.text();
}

TEST_F(SyncUiTest, AFailedSignInIsExplainedInWords) {
  AppState state = first_start();
  state.session.sign_in_error = "The user name or the password is not correct.";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("The user name or the password is not correct.")) << ui.text();

  state.session.signing_in = true;
  state.session.sign_in_error.clear();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Signing in…")) << ui.text();
  EXPECT_TRUE(ui.click(state, "signin-submit").empty()) << "one attempt at a time";
}

TEST_F(SyncUiTest, AfterTheServerEndedTheSessionQueuedChangesAreStillThere) {
  AppState state = signed_in_state();
  state.session.signed_in = false;
  state.session.expired = true;
  state.data.sync.pending = 3;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("signin-password"));
  EXPECT_TRUE(ui.shows_text("The server has ended your session. Please sign in again.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("3 changes wait on this computer and will be sent after you sign in.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Sign in again")) << "the status bar says it too: " << ui.text();
}

TEST_F(SyncUiTest, OnLocalDemoDataTheViewsWorkAndSettingsOffersToSignIn) {
  AppState state = fixture_state();  // --demo-data, never signed in
  state.view = ViewId::settings;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("nav-0"));
  EXPECT_TRUE(single<ShowSignIn>(ui.click(state, "settings-sign-in")));

  state.session.form_requested = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("signin-user"));
  EXPECT_TRUE(single<CloseSignIn>(ui.click(state, "signin-close")));
}

TEST_F(SyncUiTest, TheSignInScreenSpeaksGerman) {
  assets::activate_language(i18n::Language::de);
  const AppState state = first_start();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Bei Stellwerk anmelden")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Benutzername")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Passwort")) << ui.text();
}

// --- [SECTION] Settings: account ----------------------------------------------------------------

TEST_F(SyncUiTest, SettingsShowsTheAccountAndSignsOutAtOnceWhenNothingIsPending) {
  AppState state = signed_in_state();
  state.view = ViewId::settings;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("https://stellwerk.example")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Alex Muster (alex)")) << ui.text();
  EXPECT_TRUE(single<SyncNow>(ui.click(state, "sync-now")));
  EXPECT_TRUE(single<SignOut>(ui.click(state, "sign-out")));
}

TEST_F(SyncUiTest, SigningOutWithPendingChangesAsksFirstAndSaysTheyStayQueued) {
  AppState state = signed_in_state();
  state.view = ViewId::settings;
  state.data.sync.pending = 2;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.click(state, "sign-out").empty()) << "signs out without asking";
  ui.frames(state, 1);
  EXPECT_TRUE(ui.shows_text("2 changes have not been sent yet. They stay queued on this computer")) << ui.text();
  EXPECT_TRUE(ui.click(state, "sign-out-cancel").empty());
  ui.frames(state, 1);
  EXPECT_FALSE(ui.shows("sign-out-confirm"));

  ui.click(state, "sign-out");
  EXPECT_TRUE(single<SignOut>(ui.click(state, "sign-out-confirm")));
}

// --- [SECTION] Status bar -------------------------------------------------------------------------

TEST_F(SyncUiTest, TheStatusBarSaysOfflineWithWhatWaitsAndSyncedWithWhen) {
  AppState state = signed_in_state();
  state.connection.state = Connection::offline;
  state.connection.offline_reason = "connect_failed";
  state.data.sync.pending = 3;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Offline – 3 changes waiting")) << ui.text();

  state.connection.state = Connection::online;
  state.data.sync.pending = 0;
  state.data.sync.last_sync =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) - std::chrono::minutes(2);
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Synced 2 minutes ago")) << ui.text();

  state.connection.syncing = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Syncing…")) << ui.text();
}

// --- [SECTION] Pending marks ------------------------------------------------------------------------

TEST_F(SyncUiTest, ABookingWaitingToBeSentIsMarkedPending) {
  AppState state = signed_in_state();
  state.data.bookings.front().pending = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Booked · pending")) << ui.text();

  state.data.bookings.front().pending = false;
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows_text("· pending")) << ui.text();
}

TEST(SyncUiGerman, APendingBookingSaysAusstehend) {
  assets::activate_language(i18n::Language::de);
  HeadlessUi ui;
  AppState state = signed_in_state();
  state.data.bookings.front().pending = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("ausstehend")) << ui.text();
}

TEST_F(SyncUiTest, APlanWaitingToBeSentIsMarkedInItsCell) {
  AppState state = signed_in_state();
  state.view = ViewId::schedule;
  ui.frames(state, 2);
  const std::size_t before = occurrences(ui.text(), "pending");
  state.data.pending_plan_days = {kMonday};
  ui.frames(state, 2);
  EXPECT_EQ(occurrences(ui.text(), "pending"), before + 2) << "both halves of Monday: " << ui.text();
}

// --- [SECTION] Conflicts ------------------------------------------------------------------------------

ConflictSummary desk_taken() {
  ConflictSummary conflict;
  conflict.mutation_id = 7;
  conflict.kind = ChangeKind::booking;
  conflict.subject = "EG-03";
  conflict.start = to_instant(kToday, 8 * 60);
  conflict.end = to_instant(kToday, 17 * 60);
  conflict.problem_title = "Someone else has already booked this desk for this time.";
  conflict.problem_code = "desk_taken";
  conflict.alternatives = {
      AlternativeSummary{"res-7", "Desk 07", ResourceType::desk, "Rathaus", "EG"},
      AlternativeSummary{"res-9", "Desk 09", ResourceType::desk, "Rathaus", "1. OG"},
  };
  return conflict;
}

TEST_F(SyncUiTest, ARefusedBookingOffersTheNearestFreeDesksInPlainWords) {
  AppState state = signed_in_state();
  state.data.conflicts = {desk_taken()};
  ui.frames(state, 2);
  // The conflict dialog opens over the view first (desks_ui_test.cpp); put off, Home keeps the choices.
  EXPECT_TRUE(ui.click(state, "conflict-dialog-later").empty());
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("The server refused 1 change")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Booking: EG-03")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Someone else has already booked this desk for this time. — "
                            "Nearest free desk with the same features:"))
      << ui.text();
  EXPECT_TRUE(ui.shows_text("Desk 07 (Rathaus, EG)")) << ui.text();

  const auto book = single<BookAlternative>(ui.click(state, "conflict-7-book-0"));
  ASSERT_TRUE(book);
  EXPECT_EQ(book->mutation_id, 7);
  EXPECT_EQ(book->resource_id, "res-7");
  EXPECT_EQ(book->start, to_instant(kToday, 8 * 60)) << "the same time as the refused booking";
  EXPECT_EQ(book->end, to_instant(kToday, 17 * 60));

  const auto second = single<BookAlternative>(ui.click(state, "conflict-7-book-1"));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->resource_id, "res-9");

  const auto dismiss = single<DismissConflict>(ui.click(state, "conflict-7-dismiss"));
  ASSERT_TRUE(dismiss);
  EXPECT_EQ(dismiss->mutation_id, 7);
}

TEST_F(SyncUiTest, AnyRefusedChangeShowsTheServersReasonAndCanBeDismissed) {
  AppState state = signed_in_state();
  ConflictSummary plan;
  plan.mutation_id = 12;
  plan.kind = ChangeKind::workday;
  plan.day = add_days(kMonday, 3);
  plan.problem_code = "quota_exceeded";  // no title: the client's own words for the code
  state.data.conflicts = {plan};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Plan for a day, 26 Nov 2026")) << ui.text();
  EXPECT_TRUE(ui.shows_text("This goes over your department's remote-work share for the month.")) << ui.text();
  EXPECT_FALSE(ui.shows("conflict-12-book-0"));
  EXPECT_TRUE(single<DismissConflict>(ui.click(state, "conflict-12-dismiss")));
}

TEST(SyncUiDoubleSize, TheConflictPanelsButtonsStayInsideTheWindow) {
  assets::activate_language(i18n::Language::de);  // the longer labels
  HeadlessUi ui(ui::ThemeId::light, 2.0f);
  AppState state = signed_in_state();
  ConflictSummary conflict = desk_taken();
  conflict.alternatives[0].building_name = "Technisches Rathaus Nord";
  conflict.alternatives[0].floor_name = "1. Obergeschoss";
  state.data.conflicts = {conflict};
  ui.frames(state, 3);
  for (const char* identity : {"conflict-7-book-0", "conflict-7-book-1", "conflict-7-dismiss", "cancel-bkg-1"}) {
    const auto rect = ui.find(identity);
    ASSERT_TRUE(rect) << identity;
    EXPECT_LE(rect->max.x, ui.io().DisplaySize.x) << identity << " is cut off at 200 %";
  }
}

// --- [SECTION] Local changes ----------------------------------------------------------------------------

TEST_F(SyncUiTest, CancellingABookingAsksOnceThenQueuesTheCancellation) {
  AppState state = signed_in_state();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.click(state, "cancel-bkg-1").empty());
  EXPECT_TRUE(ui.click(state, "cancel-keep-bkg-1").empty());
  ui.frames(state, 1);
  EXPECT_FALSE(ui.shows("cancel-confirm-bkg-1"));
  ui.click(state, "cancel-bkg-1");
  const auto cancel = single<CancelBooking>(ui.click(state, "cancel-confirm-bkg-1"));
  ASSERT_TRUE(cancel);
  EXPECT_EQ(cancel->booking_id, "bkg-1");
}

TEST_F(SyncUiTest, ABookingCanBeCheckedInWhileItsCheckInIsOpen) {
  AppState state = signed_in_state();
  const Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  state.today = local_date(now);
  state.now = now;  // Home judges check-in on the view's clock, as the Desks view does
  state.data.bookings.front().booking.start = now + std::chrono::minutes(5);
  state.data.bookings.front().booking.end = now + std::chrono::hours(4);
  ui.frames(state, 2);
  const auto check_in = single<CheckIn>(ui.click(state, "check-in-bkg-1"));
  ASSERT_TRUE(check_in);
  EXPECT_EQ(check_in->booking_id, "bkg-1");

  state.data.bookings.front().booking.start = now + std::chrono::hours(2);  // check-in opens 15 min before
  state.data.bookings.front().booking.end = now + std::chrono::hours(4);
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("check-in-bkg-1"));
}

TEST_F(SyncUiTest, DesksBooksAFreeDeskForTheWholeDayShown) {
  AppState state = signed_in_state();
  state.view = ViewId::desks;
  state.desks.layout = DeskLayout::list;
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("book-res-1")) << "the person's own booking is not offered again";
  EXPECT_FALSE(ui.shows("book-res-2")) << "the person holds a desk for that time already";

  const auto next = single<ShowDay>(ui.click(state, "next-day"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->day, add_days(kToday, 1));

  const Date thursday = add_days(kToday, 1);
  state.desks.day = thursday;
  state.desks.busy = {BusyTime{"res-1", to_instant(thursday, 9 * 60), to_instant(thursday, 12 * 60)}};
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("book-res-1")) << "a taken desk is not offered";
  EXPECT_TRUE(ui.shows_text("booked")) << ui.text();
  state.desks.busy.clear();
  const auto book = single<BookResource>(ui.click(state, "book-res-1"));
  ASSERT_TRUE(book);
  EXPECT_EQ(book->resource_id, "res-1");
  EXPECT_EQ(book->day, thursday);
  EXPECT_EQ(book->half, HalfDay::day);

  state.desks.day = add_days(kToday, 3);  // Saturday
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("book-res-1"));
  EXPECT_TRUE(ui.shows_text("Your department does not book desks on this weekday.")) << ui.text();
}

TEST_F(SyncUiTest, TrainingEnrolsAndCompletesAndMarksWhatIsPending) {
  AppState state = signed_in_state();
  state.view = ViewId::training;
  ui.frames(state, 2);
  const auto enrol = single<Enroll>(ui.click(state, "enrol-crs-ai"));
  ASSERT_TRUE(enrol);
  EXPECT_EQ(enrol->course_id, "crs-ai");
  const auto complete = single<CompleteCourse>(ui.click(state, "complete-enr-1"));
  ASSERT_TRUE(complete);
  EXPECT_EQ(complete->enrollment_id, "enr-1");
  EXPECT_FALSE(ui.shows("enrol-crs-privacy")) << "already enrolled";

  ui.frames(state, 2);  // the mouse has left the buttons: no tooltip cuts the text short
  const std::size_t before = occurrences(ui.text(), "pending");
  state.data.pending_enrollments = {"enr-1"};
  ui.frames(state, 2);
  EXPECT_EQ(occurrences(ui.text(), "pending"), before + 1) << ui.text();
}

}  // namespace
}  // namespace stellwerk::client
