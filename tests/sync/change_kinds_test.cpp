// The table of change kinds: every kind but `other` has its entry, in enumerator order; each
// entry turns a sample change into the request the server expects; queueing stores the kind and
// the entity; a refusal carries what the kind asked for.
#include "stellwerk/sync/change_kinds.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "test_support.hpp"

namespace stellwerk::sync {
namespace {

using namespace std::chrono_literals;
using test::TempDir;

const Date kDay = date::year{2026} / 12 / 1;
const Instant kStart = std::chrono::floor<std::chrono::seconds>(date::sys_days{kDay} + 7h);
const Instant kEnd = std::chrono::floor<std::chrono::seconds>(date::sys_days{kDay} + 16h);

store::LocalStore open_ok(const std::filesystem::path& dir) {
  auto store = store::LocalStore::open(dir);
  if (!store) throw std::runtime_error(store.error());
  return std::move(*store);
}

struct Expected {
  Change change;
  std::string_view method;
  std::string path;
  std::string body;
};

// One sample change per kind, with the request it must become.
std::vector<Expected> samples() {
  const Workday workday{kDay, HalfDay::am, WorkMode::remote, WorkdayKind::planned};
  return {
      {Change{.kind = ChangeKind::booking, .resource_id = "res 1", .start = kStart, .end = kEnd}, "POST",
       "/api/v1/bookings", R"({"end":"2026-12-01T17:00:00+01:00","resource_id":"res 1","start":"2026-12-01T08:00:00+01:00"})"},
      {Change{.kind = ChangeKind::cancel, .subject_id = "bk/1"}, "DELETE", "/api/v1/bookings/bk%2F1", ""},
      {Change{.kind = ChangeKind::move, .resource_id = "res-2", .start = kStart, .end = kEnd, .subject_id = "local-3"},
       "POST", "/api/v1/bookings/local-3/move",
       R"({"end":"2026-12-01T17:00:00+01:00","resource_id":"res-2","start":"2026-12-01T08:00:00+01:00"})"},
      {Change{.kind = ChangeKind::check_in, .subject_id = "bk-1"}, "POST", "/api/v1/bookings/bk-1/check-in", ""},
      {Change{.kind = ChangeKind::workday, .workday = workday}, "PUT", "/api/v1/workdays/2026-12-01",
       R"({"half":"am","kind":"planned","mode":"remote"})"},
      {Change{.kind = ChangeKind::enrollment, .course_id = "crs-1"}, "POST", "/api/v1/enrollments",
       R"({"course_id":"crs-1"})"},
      {Change{.kind = ChangeKind::completion, .subject_id = "en-1", .today = kDay}, "POST",
       "/api/v1/enrollments/en-1/completion", ""},
      {Change{.kind = ChangeKind::favourite, .subject_id = "res-1", .usual = true, .now = kStart}, "PUT",
       "/api/v1/me/favourites/res-1", R"({"usual":true})"},
      {Change{.kind = ChangeKind::unfavourite, .subject_id = "res-1"}, "DELETE", "/api/v1/me/favourites/res-1", ""},
      {Change{.kind = ChangeKind::presence_sharing, .share = true}, "PUT", "/api/v1/me/presence-sharing",
       R"({"share":true})"},
      {Change{.kind = ChangeKind::work_time, .work_time = WorkTime{kDay, 8 * 60, 16 * 60 + 30, 30}}, "PUT",
       "/api/v1/worktimes/2026-12-01", R"({"break_minutes":30,"end":"16:30","start":"08:00"})"},
      {Change{.kind = ChangeKind::work_time_removal, .work_time = WorkTime{.date = kDay}}, "DELETE",
       "/api/v1/worktimes/2026-12-01", ""},
      {Change{.kind = ChangeKind::approval_decision, .subject_id = "apr 1", .decline = true, .reason = "Team day"},
       "POST", "/api/v1/approvals/apr%201", R"({"decision":"reject","reason":"Team day"})"},
      {Change{.kind = ChangeKind::withdrawal, .subject_id = "en/1"}, "DELETE", "/api/v1/enrollments/en%2F1", ""},
      {Change{.kind = ChangeKind::self_assessment, .subject_id = "1.3", .now = kStart, .level = 4}, "PUT",
       "/api/v1/me/self-assessments/1.3", R"({"level":4})"},
      {Change{.kind = ChangeKind::place_edit,
              .place = Resource{.id = "plc_1", .type = ResourceType::desk, .name = "A 1", .floor_id = "flr-1", .x = 1,
                                .y = 2.5, .w = 1.6, .h = 0.8, .features = {"monitor"}, .capacity = 1, .accessible = false,
                                .closure = PlaceClosure{kDay, kDay, "Paint"}}},
       "PUT", "/api/v1/resources/plc_1",
       R"({"accessible":false,"capacity":1,"closure":{"from":"2026-12-01","reason":"Paint","until":"2026-12-01"},)"
       R"("features":["monitor"],"floor_id":"flr-1","h":0.8,"name":"A 1","type":"desk","w":1.6,"x":1.0,"y":2.5})"},
      {Change{.kind = ChangeKind::place_removal, .subject_id = "plc_1", .release_bookings = true}, "DELETE",
       "/api/v1/resources/plc_1?release_bookings=true", ""},
      // The image itself is the body, byte for byte (here not a real one: the table does not check).
      {Change{.kind = ChangeKind::floor_drawing, .subject_id = "flr 1", .image = std::string{"\x89PNG\0\xff", 6}}, "PUT",
       "/api/v1/floors/flr%201/drawing", std::string{"\x89PNG\0\xff", 6}},
  };
}

TEST(ChangeKinds, EveryKindButOtherHasItsEntryInEnumeratorOrder) {
  const auto table = change_kind_table();
  ASSERT_EQ(table.size(), static_cast<std::size_t>(ChangeKind::other));
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto kind = static_cast<ChangeKind>(i);
    EXPECT_EQ(table[i].kind, kind) << change_kind_name(kind);
    ASSERT_EQ(rules_for(kind), &table[i]);
    EXPECT_FALSE(table[i].method.empty());
    EXPECT_TRUE(table[i].path && table[i].body && table[i].entity && table[i].apply_queued &&
                table[i].apply_accepted && table[i].describe_refusal && table[i].undo_refused)
        << change_kind_name(kind);
  }
  EXPECT_EQ(rules_for(ChangeKind::other), nullptr);
  EXPECT_EQ(samples().size(), table.size()) << "one sample per kind below";
}

TEST(ChangeKinds, EachEntryMakesTheRequestTheServerExpects) {
  for (const Expected& sample : samples()) {
    const ChangeKindRules* rules = rules_for(sample.change.kind);
    ASSERT_NE(rules, nullptr);
    SCOPED_TRACE(change_kind_name(sample.change.kind));
    EXPECT_EQ(rules->method, sample.method);
    EXPECT_EQ(rules->path(sample.change), sample.path);
    EXPECT_EQ(rules->body(sample.change), sample.body);
  }
}

TEST(ChangeKinds, QueueingStoresTheKindAndTheRequestOfEachSample) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  for (const Expected& sample : samples()) {
    const QueuedChange queued = queue_change(store, sample.change);
    EXPECT_EQ(queued.entry.kind, sample.change.kind);
    EXPECT_EQ(queued.entry.method, sample.method);
    EXPECT_EQ(queued.entry.path, sample.path);
    EXPECT_EQ(queued.entry.body, sample.body);
  }
  const auto outbox = store.outbox();
  ASSERT_EQ(outbox.size(), samples().size());
  EXPECT_EQ(store.outbox_entity(outbox[0].mutation_id), store::booking_key("local-" + std::to_string(outbox[0].mutation_id)));
  EXPECT_EQ(store.outbox_entity(outbox[4].mutation_id), store::workday_key(kDay, WorkdayKind::planned));
  EXPECT_THROW(queue_change(store, Change{}), std::invalid_argument);
}

TEST(ChangeKinds, BodiesTravelAsJsonButADrawingsImage) {
  EXPECT_EQ(request_content_type(ChangeKind::place_edit, R"({"name":"A 1"})"), "application/json");
  // Only core's check names an image type (drawing_sync_test sends real ones); bytes it refuses go
  // as they are and the server's 422 says what is wrong with them.
  EXPECT_EQ(request_content_type(ChangeKind::floor_drawing, "not an image"), "application/json");
}

TEST(ChangeKinds, ResolvingLocalIdsNeedsTheServersIdForEach) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  EXPECT_EQ(resolve_local_ids(store, "/api/v1/bookings/bk-1/check-in"), "/api/v1/bookings/bk-1/check-in");
  EXPECT_EQ(resolve_local_ids(store, "/api/v1/bookings/local-7/check-in"), std::nullopt);
  store.map_id("local-7", "bk-9");
  EXPECT_EQ(resolve_local_ids(store, "/api/v1/bookings/local-7/check-in"), "/api/v1/bookings/bk-9/check-in");
}

TEST(ChangeKinds, ARefusalCarriesItsKindAndWhatItAskedFor) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  const Booking booking = queue_booking(store, "res-1", kStart, kEnd);
  queue_workday(store, Workday{kDay, HalfDay::day, WorkMode::office, WorkdayKind::planned});
  queue_enrollment(store, "crs-1", kDay);
  for (const store::OutboxEntry& entry : store.outbox()) {
    store.mark_rejected(entry.mutation_id, R"({"status":409,"code":"conflict","title":"No"})");
  }
  const auto list = conflicts(store);
  ASSERT_EQ(list.size(), 3U);
  EXPECT_EQ(list[0].kind, ChangeKind::booking);
  EXPECT_EQ(list[0].resource_id, "res-1");
  EXPECT_EQ(list[0].start, kStart);
  EXPECT_EQ(list[0].end, kEnd);
  EXPECT_EQ(list[0].problem.status, 409);
  EXPECT_EQ(list[1].kind, ChangeKind::workday);
  EXPECT_EQ(list[1].day, kDay);
  EXPECT_EQ(list[2].kind, ChangeKind::enrollment);
  EXPECT_EQ(list[2].course_id, "crs-1");
  // What the refused booking made offline leaves the cache at once.
  rules_for(ChangeKind::booking)->undo_refused(store, store::booking_key(booking.id));
  EXPECT_FALSE(store.booking(booking.id));
}

// An enrolment made offline is due as the server will make it (core's enrolment_due_on): by the
// course's deadline until that day, 30 days from enrolling after it, never "overdue" at once.
TEST(ChangeKinds, AnEnrolmentMadeOfflineIsDueAsTheServerWillMakeIt) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  store.set_me(Employee{"emp-1", "demo", "Alex Demo", "dep-1", std::nullopt, {Role::employee}, "bld-1", false, false},
               Department{"dep-1", "org-1", "Digital", {}});
  Course course{.id = "crs-1", .title = "Kurs", .description = "", .competence_id = "4.3", .level = 1,
                .mandatory = true, .validity_months = 24, .duration_minutes = 45};
  course.complete_by = kDay;
  store.upsert_course(course);
  EXPECT_EQ(queue_enrollment(store, "crs-1", kDay).due_on, kDay) << "on the deadline: due by it";
  const Enrollment late = queue_enrollment(store, "crs-1", date::year{2026} / 12 / 2);
  EXPECT_EQ(late.due_on, Date{date::year{2027} / 1 / 1}) << "after it: thirty days";
  course.mandatory = false;
  course.complete_by.reset();
  store.upsert_course(course);
  EXPECT_EQ(queue_enrollment(store, "crs-1", kDay).due_on, std::nullopt) << "an optional course";
}

// Enrolled and withdrawn before either was sent, and the network fails after the enrolment went
// through: the server's enrolment stays out of the cache, and the withdrawal waiting for it now
// names the server's id, so that a pull does not bring it back either.
TEST(ChangeKinds, AnEnrolmentWithdrawnBeforeItWasSentStaysAwayWhenOnlyTheEnrolmentGotThrough) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  store.upsert_course(Course{.id = "crs-1", .title = "Kurs", .description = "", .competence_id = "4.2", .level = 2,
                             .mandatory = false, .validity_months = 0, .duration_minutes = 60});
  const Enrollment local = queue_enrollment(store, "crs-1", kDay);
  queue_withdrawal(store, local.id);
  EXPECT_TRUE(store.my_enrollments().empty());
  const auto outbox = store.outbox();
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[1].path, "/api/v1/enrollments/" + local.id);

  const std::string answer =
      R"({"id":"enr-9","course_id":"crs-1","state":"enrolled","enrolled_at":"2026-12-01T08:00:00+01:00",)"
      R"("due_on":null,"completed_on":null,"valid_until":null,"certificate":null})";
  store.atomically([&] {
    rules_for(ChangeKind::enrollment)->apply_accepted(store, store.outbox_entity(outbox[0].mutation_id), answer, "emp-1");
    store.mark_done(outbox[0].mutation_id);
  });
  EXPECT_TRUE(store.my_enrollments().empty()) << "the withdrawal still waits to be sent";
  EXPECT_EQ(store.outbox_entity(outbox[1].mutation_id), store::enrollment_key("enr-9"));
  EXPECT_TRUE(store.pending_entities().contains(store::enrollment_key("enr-9")));
  EXPECT_EQ(resolve_local_ids(store, outbox[1].path), "/api/v1/enrollments/enr-9");
}

}  // namespace
}  // namespace stellwerk::sync
