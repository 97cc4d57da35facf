// The schemas of workdays, approvals, training, the changes feed and problems (see types.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/wire/codec.hpp"
#include "stellwerk/wire/enums.hpp"

namespace stellwerk::wire {

struct Workday {
  Date date{};
  HalfDay half = HalfDay::day;
  WorkMode mode = WorkMode::office;
  WorkdayKind kind = WorkdayKind::planned;
};
template <> struct Schema<Workday> {
  static constexpr std::string_view name = "Workday";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("date", &Workday::date), field("half", &Workday::half),
                                            field("mode", &Workday::mode), field("kind", &Workday::kind)};
};

struct WorkdayRequest {
  HalfDay half = HalfDay::day;
  WorkMode mode = WorkMode::office;
  WorkdayKind kind = WorkdayKind::planned;
};
template <> struct Schema<WorkdayRequest> {
  static constexpr std::string_view name = "WorkdayRequest";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("half", &WorkdayRequest::half), field("mode", &WorkdayRequest::mode),
                                            field("kind", &WorkdayRequest::kind)};
};

struct Quota {
  std::string month;   // "YYYY-MM"
  int working_days = 0;
  double remote_days = 0;
  double allowed_days = 0;
  double share_percent = 0;
  int max_percent = 0;
  OverQuotaRule over_quota = OverQuotaRule::needs_approval;
  QuotaApproval approval = QuotaApproval::none;
  std::optional<std::string> reason;  // the manager's reason when the approval is rejected
};
template <> struct Schema<Quota> {
  static constexpr std::string_view name = "Quota";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{
      field("month", &Quota::month),
      field("working_days", &Quota::working_days),
      field("remote_days", &Quota::remote_days),
      field("allowed_days", &Quota::allowed_days),
      field("share_percent", &Quota::share_percent),
      field("max_percent", &Quota::max_percent),
      field("over_quota", &Quota::over_quota),
      field("approval", &Quota::approval),
      field("reason", &Quota::reason)};
};

// The caller's day plans in a range and the quota of every month it touches.
struct WorkdayList {
  std::vector<Workday> workdays;
  std::vector<Quota> months;
};
template <> struct Schema<WorkdayList> {
  static constexpr std::string_view name = "WorkdayList";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("workdays", &WorkdayList::workdays),
                                            field("months", &WorkdayList::months)};
};

// A saved day plan with its month's quota after the change.
struct WorkdaySaved {
  Workday workday;
  Quota month;
};
template <> struct Schema<WorkdaySaved> {
  static constexpr std::string_view name = "WorkdaySaved";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("workday", &WorkdaySaved::workday),
                                            field("month", &WorkdaySaved::month)};
};

struct Approval {
  Id id;
  Id employee_id;
  std::string employee_display_name;
  std::string month;   // "YYYY-MM"
  ApprovalState state = ApprovalState::pending;
  Instant requested_at{};
  std::optional<Instant> decided_at;
  double remote_days = 0;
  double allowed_days = 0;
  std::optional<std::string> reason;  // given with a rejection
};
template <> struct Schema<Approval> {
  static constexpr std::string_view name = "Approval";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{
      field("id", &Approval::id),
      field("employee_id", &Approval::employee_id),
      field("employee_display_name", &Approval::employee_display_name),
      field("month", &Approval::month),
      field("state", &Approval::state),
      field("requested_at", &Approval::requested_at),
      field("decided_at", &Approval::decided_at),
      field("remote_days", &Approval::remote_days),
      field("allowed_days", &Approval::allowed_days),
      field("reason", &Approval::reason)};
};

// A manager's answer; a rejection must carry a reason (up to 500 characters), which
// the employee reads in the Wochenplan.
struct ApprovalDecision {
  Decision decision = Decision::approve;
  std::optional<std::string> reason;
};
template <> struct Schema<ApprovalDecision> {
  static constexpr std::string_view name = "ApprovalDecision";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("decision", &ApprovalDecision::decision),
                                            optional_field("reason", &ApprovalDecision::reason, request_text(500))};
};

// One person of a manager's team with the remote share of a month: the same totals the person
// sees of themselves, never a day.
struct TeamMember {
  Id employee_id;
  std::string display_name;
  Quota month;
};
template <> struct Schema<TeamMember> {
  static constexpr std::string_view name = "TeamMember";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("employee_id", &TeamMember::employee_id),
                                            field("display_name", &TeamMember::display_name),
                                            field("month", &TeamMember::month)};
};

struct Course {
  Id id;
  std::string title;
  std::string description;
  std::string competence_id;   // DigComp 2.2, "1.1" .. "5.4"
  int level = 1;
  bool mandatory = false;
  std::vector<Role> mandatory_roles;  // whom it is mandatory for; both empty: everyone
  std::vector<Id> mandatory_departments;
  std::optional<Date> complete_by;  // mandatory: everyone's deadline; null: 30 days from enrolling
  int validity_months = 0;     // 0: never expires
  int duration_minutes = 0;
  CourseFormat format = CourseFormat::e_learning;
  std::string language;        // ISO 639-1, "de"
  std::optional<Date> starts_on;
  std::string place;           // "" for e-learning
  std::optional<int> seats;    // null: no limit
  std::optional<int> seats_left;
};
template <> struct Schema<Course> {
  static constexpr std::string_view name = "Course";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{
      field("id", &Course::id),
      field("title", &Course::title),
      field("description", &Course::description),
      field("competence_id", &Course::competence_id),
      field("level", &Course::level),
      field("mandatory", &Course::mandatory),
      field("mandatory_roles", &Course::mandatory_roles),
      field("mandatory_departments", &Course::mandatory_departments),
      field("complete_by", &Course::complete_by),
      field("validity_months", &Course::validity_months),
      field("duration_minutes", &Course::duration_minutes),
      field("format", &Course::format),
      field("language", &Course::language),
      field("starts_on", &Course::starts_on),
      field("place", &Course::place),
      field("seats", &Course::seats),
      field("seats_left", &Course::seats_left)};
};

// A mandatory course in a manager's team, in counts (core/approvals.hpp: TeamTraining).
struct TeamTraining {
  Id course_id;
  std::string title;
  int team_size = 0;
  int completed = 0;
  int open = 0;
  int overdue = 0;
  int expired = 0;
  int not_enrolled = 0;
};
template <> struct Schema<TeamTraining> {
  static constexpr std::string_view name = "TeamTraining";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{
      field("course_id", &TeamTraining::course_id), field("title", &TeamTraining::title),
      field("team_size", &TeamTraining::team_size), field("completed", &TeamTraining::completed),
      field("open", &TeamTraining::open),           field("overdue", &TeamTraining::overdue),
      field("expired", &TeamTraining::expired),     field("not_enrolled", &TeamTraining::not_enrolled)};
};

struct Certificate {
  std::string text;
  std::string signature;   // base64 Ed25519 of the bytes of text
};
template <> struct Schema<Certificate> {
  static constexpr std::string_view name = "Certificate";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("text", &Certificate::text),
                                            field("signature", &Certificate::signature)};
};

struct Enrollment {
  Id id;
  Id course_id;
  EnrollmentState state = EnrollmentState::enrolled;
  Instant enrolled_at{};
  std::optional<Date> due_on;
  std::optional<Date> completed_on;
  std::optional<Date> valid_until;
  std::optional<Certificate> certificate;
};
template <> struct Schema<Enrollment> {
  static constexpr std::string_view name = "Enrollment";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{
      field("id", &Enrollment::id),
      field("course_id", &Enrollment::course_id),
      field("state", &Enrollment::state),
      field("enrolled_at", &Enrollment::enrolled_at),
      field("due_on", &Enrollment::due_on),
      field("completed_on", &Enrollment::completed_on),
      field("valid_until", &Enrollment::valid_until),
      field("certificate", &Enrollment::certificate)};
};

struct EnrollmentRequest {
  Id course_id;
};
template <> struct Schema<EnrollmentRequest> {
  static constexpr std::string_view name = "EnrollmentRequest";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("course_id", &EnrollmentRequest::course_id, request_text(200))};
};

// The person's own level in one DigComp competence (core/competence.hpp).
struct SelfAssessment {
  std::string competence_id;
  int level = 1;
  Instant assessed_at{};
};
template <> struct Schema<SelfAssessment> {
  static constexpr std::string_view name = "SelfAssessment";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("competence_id", &SelfAssessment::competence_id),
                                            field("level", &SelfAssessment::level),
                                            field("assessed_at", &SelfAssessment::assessed_at)};
};

struct SelfAssessmentRequest {
  int level = 1;  // 1..8
};
template <> struct Schema<SelfAssessmentRequest> {
  static constexpr std::string_view name = "SelfAssessmentRequest";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("level", &SelfAssessmentRequest::level)};
};

// The level a role asks for in one competence; the feed's id is "<role>/<competence id>".
struct CompetenceTarget {
  Role role = Role::employee;
  std::string competence_id;
  int level = 1;
};
template <> struct Schema<CompetenceTarget> {
  static constexpr std::string_view name = "CompetenceTarget";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("role", &CompetenceTarget::role),
                                            field("competence_id", &CompetenceTarget::competence_id),
                                            field("level", &CompetenceTarget::level)};
};

// One change of the feed. `data` is the entity's own wire type encoded (Building, Resource,
// Policy, ...), null for deletes; decode it with decode<T> once `entity` says which T.
struct Change {
  ChangeEntity entity = ChangeEntity::building;
  Id id;
  ChangeOp op = ChangeOp::upsert;
  std::optional<Json> data;
};
template <> struct Schema<Change> {
  static constexpr std::string_view name = "Change";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("entity", &Change::entity), field("id", &Change::id),
                                            field("op", &Change::op), field("data", &Change::data)};
};

struct ChangesPage {
  std::vector<Change> changes;
  std::string cursor;
  bool has_more = false;
};
template <> struct Schema<ChangesPage> {
  static constexpr std::string_view name = "ChangesPage";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("changes", &ChangesPage::changes),
                                            field("cursor", &ChangesPage::cursor),
                                            field("has_more", &ChangesPage::has_more)};
};

// An RFC 9457 problem. Open: a problem may carry members of its own (such as alternatives).
struct Problem {
  std::string type;    // "urn:stellwerk:problem:" + code
  std::string title;
  int status = 400;
  std::string code;
  std::optional<std::string> detail;
  std::optional<std::string> field;
  std::optional<int> retry_after;
};
template <> struct Schema<Problem> {
  static constexpr std::string_view name = "Problem";
  static constexpr bool closed = false;
  static constexpr auto fields = std::tuple{
      wire::field("type", &Problem::type),
      wire::field("title", &Problem::title),
      wire::field("status", &Problem::status),
      wire::field("code", &Problem::code),
      optional_field("detail", &Problem::detail),
      optional_field("field", &Problem::field),
      optional_field("retry_after", &Problem::retry_after)};
};

}  // namespace stellwerk::wire
