// The department policy as pure functions, the one home of the booking rules: whether a day may
// be booked, when a booking that has begun starts, who may take an accessible desk, when a slot
// starts and ends, when check-in opens and when an unconfirmed booking is released, which days may
// be planned, how much of a month is planned remote, and how long a training stays valid. The
// server enforces them (server/src/bookings.cpp, workdays.cpp, training.cpp), the sync layer
// foresees the server's answer from its cache (sync/desk_booking.hpp) and the client's views
// explain them (client/desk_states.hpp, the Wochenplan, training_status.hpp), all with these
// functions and the reasons of refusal.hpp, so the three can never disagree;
// tests/client/rules_parity_test.cpp runs one table of cases through the server and the client. No clock is read here: callers pass "today" or
// "now" in, which keeps the rules deterministic and testable.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/refusal.hpp"

namespace stellwerk {

// Why `day` cannot be booked by a person who already holds `upcoming_count` bookings that are
// not yet over, or nullopt when it can. Today is bookable; the last bookable day is
// today + policy.days_ahead. The first failing check wins, in this order: past, too_far_ahead,
// weekday_not_bookable, holiday, too_many_upcoming, so that a person is told the most fundamental
// reason (a Saturday that is also a holiday reports weekday_not_bookable).
std::optional<Refusal> booking_date_problem(const DepartmentPolicy& policy, Date today, Date day,
                                            int upcoming_count);

// When a booking asked for [requested, end) starts if it is accepted at `now`: a booking whose time
// has begun but not ended starts now, so that its check-in window and release time lie ahead
// instead of being over already. The server stores this start; the client queues it, so a
// pending booking offers check-in as the server will. A booking already over keeps its start
// (the server refuses it as past).
Instant booking_start(Instant requested, Instant end, Instant now);

// Whether an accessible desk is still held for colleagues who need one, for a person who does not
// (`needs_accessible`), booking it from `start`: until policy.accessible_hold_hours before the
// start; after that anyone may take it rather than leave it empty. Only desks are held. The
// server enforces this (409 accessible_held); the client and the sync layer explain it with the
// same function.
bool accessible_held(const DepartmentPolicy& policy, const Resource& resource, bool needs_accessible, Instant start,
                     Instant now);

// The local start and end minute of a slot; HalfDay::day is the whole working day.
SlotTimes slot_times(const DepartmentPolicy& policy, HalfDay half);

// When check-in is possible for a booking: from `opens` (inclusive) to `closes` (exclusive), the
// release time at which a booking nobody checked in for is released.
struct CheckInWindow {
  Instant opens{};
  Instant closes{};
};

// The release time ("valid until", unless checked in) of a booking that starts at `start`:
// policy.check_in_closes_minutes_after after its start. The server stores it when it accepts a
// booking.
Instant release_time(const DepartmentPolicy& policy, Instant start);

// The check-in window of a booking starting at `start`: it opens
// policy.check_in_opens_minutes_before before the start and closes at `release_at`, the release
// time the server stored (it may have been set under an older policy), or at release_time() while
// the server has not answered yet.
CheckInWindow check_in_window(const DepartmentPolicy& policy, Instant start,
                              std::optional<Instant> release_at = std::nullopt);

// Why checking in a booking in `state` that ends at `end` is refused at `now`, or nullopt. In
// this order: a released booking (check_in_closed), one cancelled or over (booking_not_active),
// before the window (check_in_not_open), from its end on (check_in_closed). Checking in again is
// no refusal: the server answers a repeat like the first time.
std::optional<Refusal> check_in_refusal(const CheckInWindow& window, BookingState state, Instant end, Instant now);

// Why planning `entry` is refused whatever the month holds, or nullopt: a planned office or remote
// day must be a working day (holiday on a public holiday, else not_a_working_day on a weekend).
// Leave, training, travel and off may be planned on any day, and actual entries record any day.
std::optional<Refusal> plan_day_refusal(const Workday& entry);

// The mode of `kind` for that half of `day`: its own entry, else the whole day's, else nullopt.
std::optional<WorkMode> mode_of(std::span<const Workday> workdays, Date day, HalfDay half,
                                WorkdayKind kind = WorkdayKind::planned);

// `entries` after planning `entry` the way the server stores it: a whole-day entry replaces both
// halves of its kind on that date; a half-day entry replaces that half and splits a whole-day
// entry of its kind, the other half keeping its mode.
std::vector<Workday> with_entry(std::span<const Workday> entries, const Workday& entry);

// A month's remote share as the server reports it (GET /api/v1/workdays, "months") and the
// Wochenplan shows it.
struct RemoteMonth {
  int working_days = 0;       // Monday–Friday without NRW public holidays
  int remote_half_days = 0;   // planned remote half-days on those days, a date counted at most 2
  double share_percent = 0;   // remote_half_days of all half-days, in percent, to one decimal
  double allowed_days = 0;    // remote days the policy allows, to two decimals
  bool exceeded = false;      // above policy.remote_share_percent, compared in whole half-days

  // Remote days still allowed this month; below 0 by as many days as the month is over.
  double days_left() const { return allowed_days - remote_half_days / 2.0; }
};
RemoteMonth remote_month(const DepartmentPolicy& policy, std::span<const Workday> workdays, int year, unsigned month);

// Whether the department refuses a change of planned entries that moves the month from `before`
// to `after`: only when its rule is `refused`, the month ends up over the share and the change
// raised it, so someone already over the limit can always move back under it.
std::optional<Refusal> quota_refusal(const DepartmentPolicy& policy, const RemoteMonth& before,
                                     const RemoteMonth& after);

// The last day a completed training counts ("valid until"): `validity_months` after
// `completed_on`, or the last day of that month when it is shorter (31 January + 1 month is the
// end of February); nullopt for a course that never expires (0 months). The server stores it on
// completion and the Training view shows it.
std::optional<Date> training_valid_until(Date completed_on, int validity_months);

// Until when a completion counts: the date the server stored with it; for a completion the server
// confirmed without one (it carries its certificate), never expires; for one not confirmed yet,
// training_valid_until of its day. nullopt also for an enrolment not completed. The one rule for
// Home, the catalogue, the manager's counts and enrolling again.
std::optional<Date> completion_valid_until(const Enrollment& enrollment, const Course& course);

// A manager's decision on a remote-share request: declining needs a reason the employee can
// read (anything besides spaces); approving needs none. The Team page keeps "Decline" disabled
// while this refuses, and the server answers 422 with it.
std::optional<Refusal> decision_refusal(bool decline, std::string_view reason);

// Whether a training valid until `valid_until` has expired on `today`: from the day after.
bool training_expired(Date valid_until, Date today);

// Who a course's rules are asked for: a course may be mandatory for some roles or departments
// only. The server builds it from the session, the client from the signed-in person.
struct Learner {
  std::span<const Role> roles;
  std::string_view department_id;
};
Learner learner_of(const Employee& person);

// Whether `learner` must take `course`: a mandatory course without roles or departments is for
// everyone; one with them is for people who have one of the roles or work in one of the
// departments. For anyone else it is an optional course, with an optional course's rules.
bool mandatory_for(const Course& course, const Learner& learner);

// What makes a course's audience unusable, nullopt when it is fine: only a mandatory course has
// roles, departments or a deadline, and a department id is neither empty nor has a comma (both
// databases keep the list comma-separated, and an empty list means everyone). The client refuses
// such a course from a server or a demo file; the server refuses to read one from its database.
std::optional<std::string> audience_problem(const Course& course);

// Whether the person may withdraw from a course they are enrolled in: not once it is completed
// (the certificate stays), and never from a course mandatory for them (withdrawing and enrolling
// again would move its due date). The server refuses with it (409) and the Training view offers
// "Withdraw" only where it gives nullopt.
std::optional<Refusal> withdrawal_refusal(const Course& course, const Learner& learner, EnrollmentState state);

// A mandatory course's due date. Enrolling on `today` sets it: the course's complete_by until that
// day (inclusive), otherwise kMandatoryDueDays from today (someone who enrols after the deadline,
// or takes it again after it expired, gets the usual time to do it; until they enrol they count
// as overdue); nullopt for a course not mandatory for the person. The server stores it with the
// enrolment, and the client gives a change queued offline the same.
inline constexpr int kMandatoryDueDays = 30;
std::optional<Date> enrolment_due_on(const Course& course, const Learner& learner, Date today);

// By when a person must complete a mandatory course they have not completed: the later of their
// enrolment's due date and the course's complete_by (a deadline the city moved later counts for
// those who enrolled early too), either alone when only one is known (not enrolled yet, or
// enrolled before the course became mandatory for them); nullopt when neither says. Home, the
// catalogue, the calendar export, the kiosk and the manager's counts ask this one rule.
std::optional<Date> mandatory_due_on(const Course& course, const Enrollment* enrollment);

// Whether a course takes one more enrolment on `today`: not once it has begun, from the day after
// its date (on the day itself a late-comer may still join; e-learning without a date never
// closes, and a course mandatory for the person never does, so that nobody stays overdue for want
// of a date), and not when no seat is left (course_full). The server refuses with it (409) after
// its checks of the person's own enrolment, and the Training view offers "Enrol" only where it
// gives nullopt.
std::optional<Refusal> enrolment_refusal(const Course& course, const Learner& learner, Date today);

// Whether an open enrolment is in progress on `today`: its course has a date and that date has
// come. Before it the person is enrolled and waiting; a course without a date (e-learning) is
// taken at one's own pace, so the server knows only enrolled and completed. "My trainings" shows
// the three apart.
bool training_in_progress(const Course& course, const Enrollment& enrollment, Date today);

// Where one person stands with a mandatory course on `today`: completed and still valid, enrolled
// and not yet past the due date (open), past its due date (overdue, enrolled or not: see
// mandatory_due_on), completed but no longer valid (expired), or not enrolled and not yet due. A manager sees these as counts of the team, never per person.
enum class MandatoryStanding : std::uint8_t { completed, open, overdue, expired, not_enrolled, COUNT };
MandatoryStanding mandatory_standing(const Course& course, const Enrollment* enrollment, Date today);

// Planned remote work in a month as a share of its working days (0.0 … 1.0): a remote full
// day counts 1, a remote half day 0.5. Only planned entries on working days of that month
// count (a remote Saturday uses up nothing), and a date counts at most 1 even if the entries
// for it overlap. 0.0 for a month without working days.
double remote_share(std::span<const Workday> workdays, int year, unsigned month);

// Remote days the policy allows in a month (may be fractional, e.g. 40 % of 21 days = 8.4).
double remote_days_allowed(const DepartmentPolicy& policy, int year, unsigned month);

// True when the planned remote share is above policy.remote_share_percent. Computed in whole
// half-days, so exactly reaching the limit is never misreported through rounding.
bool remote_share_exceeded(const DepartmentPolicy& policy, std::span<const Workday> workdays, int year,
                           unsigned month);

// The first day from `today` on (inclusive) that passes every check of booking_date_problem
// except too_many_upcoming, which is about the person and not the day; nullopt when the
// horizon holds none (e.g. no weekday is bookable).
std::optional<Date> next_bookable_day(const DepartmentPolicy& policy, Date today);

// A kiosk sends a heartbeat every kKioskHeartbeatEvery (kiosk/kiosk_session.cpp); facility admins
// see in Settings which kiosks have gone quiet. Ten missed heartbeats are a kiosk to go and look
// at, not a network hiccup.
inline constexpr std::chrono::minutes kKioskHeartbeatEvery{1};
inline constexpr std::chrono::minutes kKioskSilentAfter{10};
enum class KioskContact : std::uint8_t { never, recent, silent };
// never: no heartbeat since it was registered; silent: none for kKioskSilentAfter.
KioskContact kiosk_contact(std::optional<Instant> last_seen, Instant now);

}  // namespace stellwerk
