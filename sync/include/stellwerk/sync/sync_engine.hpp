// The sync engine: signs in, pushes the outbox to the server in order and pulls the changes
// feed into the local store. The window (on its sync thread) and the command line use the same
// engine on the same store, so both behave alike.
//
// Push (`pushPending`): each pending OutboxEntry is sent with its stored bytes and
// `Idempotency-Key`. A 2xx marks it done and writes the server's answer into the cache in the
// same transaction. 5xx, 408, 429 and 503 and transport failures are retried with full-jitter
// exponential backoff that honours Retry-After; when the attempts run out the round ends as
// `offline` and the entry stays pending. Any other 4xx is final: the entry is marked rejected
// with the server's problem (a Conflict the person can act on) and the entries behind it go on.
// A 401 ends the round as `signed_out`: the token is forgotten, every change stays queued.
//
// Pull (`pullChanges`): `GET /api/v1/changes?since=<cursor>` page by page; each page and its
// cursor are stored in one transaction, so a kill at any moment loses nothing and repeats
// nothing. A 410 starts again from "0"; so does a round with rejections, because a rejected
// change had already been shown in the cache and a fresh copy is the one sure way to undo it.
// Entities with a pending change are not overwritten by the pull: the person's newer intent
// stays visible until the server has answered it.
//
// Thread-safety: a SyncEngine and its LocalStore are used by one thread at a time. Several
// engines (window and command line) may work on the same folder; SQLite serialises them and the
// Idempotency-Key makes a change sent twice count once.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stellwerk/core/change_kind.hpp"
#include "stellwerk/core/approvals.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/secret.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "stellwerk/sync/transport.hpp"

namespace stellwerk::sync {

// An RFC 9457 problem as the server sent it (or as close as the body allowed).
struct Problem {
  int status = 0;
  std::string code;    // stable, for programs: "desk_taken"
  std::string title;   // for people, in the requested language
  std::string field;   // the offending member, when the server named one
};
// Reads a problem+json body; a body that is not one gives {status, "http_<status>", ""}.
Problem parse_problem(int status, std::string_view body);

// A change the server refused for good, with what the person needs to decide what to do.
// What it carries besides the problem depends on the kind (sync/change_kinds.hpp).
struct Conflict {
  std::int64_t mutation_id = 0;
  ChangeKind kind = ChangeKind::other;
  std::string method;
  std::string path;
  Problem problem;
  // For a refused booking or move: what was asked; for a booking also the nearest free resources
  // of the same type with at least the same features at that time, from the cache (nearest
  // first, at most 3).
  std::optional<Id> resource_id;
  std::optional<Instant> start;
  std::optional<Instant> end;
  std::vector<Resource> alternatives;
  std::optional<Id> course_id;  // for a refused enrolment: the course asked for
  std::optional<Date> day;      // for a refused plan of a day: that day
};

// Why a request did not get through, as kinds rather than words, so that the client can say it in
// the person's language: a transport error (the server was never reached) or the HTTP status of an
// answer that could not be used. Both empty: the answer itself was unreadable (see the message).
struct Failure {
  std::optional<net::TransportErrorKind> transport;
  int http_status = 0;
};

enum class SyncOutcome : std::uint8_t {
  synced,         // everything sent and the cache is current
  rejected,       // everything answered, and some changes were refused (see conflicts)
  offline,        // the server could not be reached or kept failing: changes stay queued
  signed_out,     // no session, or the server no longer accepts it: sign in again
  COUNT
};
std::string_view to_string(SyncOutcome outcome);

struct SyncReport {
  SyncOutcome outcome = SyncOutcome::synced;
  int pushed = 0;                  // changes the server accepted in this round
  int pulled = 0;                  // feed entries applied in this round
  int drawings = 0;                // floor drawings fetched and kept in this round
  std::vector<Conflict> rejected;  // changes refused in this round
  std::string message;             // one line: why the round did not finish
  Failure failure;                 // the same as kinds, for translated words
  std::size_t bytes_on_wire = 0;   // request and response bytes, headers included
  int requests = 0;
};

enum class LoginOutcome : std::uint8_t {
  signed_in,
  bad_credentials,     // the server refused the name or password
  unreachable,         // see message
  other_user_pending,  // another person's changes are still queued in this store
  failed,              // the server answered something unusable (see message)
  COUNT
};

struct LoginResult {
  LoginOutcome outcome = LoginOutcome::failed;
  std::string message;                 // one line for people
  Failure failure;                     // unreachable or failed: why, as kinds
  // The server's refusal when it named one that is not about the password, e.g. no_person_record
  // (the directory knows the account, the city's records do not) or directory_unavailable.
  std::optional<Problem> problem;
  std::optional<SyncReport> first_sync;  // after a successful sign-in
};

struct RetryPolicy {
  int max_attempts = 4;                                // per request, the first included
  std::chrono::milliseconds base_delay{250};
  std::chrono::milliseconds max_delay{8'000};
  // Waits between attempts; returns false to give up early (the window's thread stopping).
  std::function<bool(std::chrono::milliseconds)> wait;  // default: sleep
};

// A kiosk as facility admins see it in their registry (GET /api/v1/kiosks).
struct RegisteredKiosk {
  Id id;
  std::string name;
  Id building_id;
  Instant registered_at{};
  std::optional<Instant> last_seen_at;  // the last heartbeat; unset before the first
  std::string version;                  // what the last heartbeat said it runs; "" before it
  bool revoked = false;
};

struct BuildingName {
  Id id;
  std::string name;
};

// The answer to a registry request: the list as it stands afterwards, every building of the city
// (the cache holds only the person's own), and after a registration the new kiosk's device token
// — the only time anybody sees it. Either `kiosks` is set, or
// `problem` (the server refused: not a facility admin, no such kiosk or building) or `failure`
// (the server was not reached or answered something unusable) says why not.
// Why a request that is only ever asked online gave nothing: `problem` when the server refused,
// else `failure` (not reached, or an answer that could not be used).
struct OnlineAnswer {
  std::optional<Problem> problem;
  Failure failure;
};

// "What is stored about me" (my_data.cpp): what the server stores about the signed-in person
// (GET /api/v1/me/data) and what this device's store holds about them, as one JSON document
// (docs/privacy.md). Never a token or a password: the store's session token is left out.
struct MyDataAnswer : OnlineAnswer {
  std::string document;  // the JSON, indented; empty unless the server answered
};

struct KioskRegistryAnswer : OnlineAnswer {
  std::optional<std::vector<RegisteredKiosk>> kiosks;
  std::vector<BuildingName> buildings;  // set with `kiosks`
  std::optional<Id> registered;  // the kiosk that `token` belongs to
  Secret token;
};

// What a manager sees of their team (GET /api/v1/approvals and /api/v1/team/months): either
// `requests` and `members` are set, or the OnlineAnswer says why not.
struct TeamAnswer : OnlineAnswer {
  std::optional<std::vector<TeamRequest>> requests;  // open ones, oldest first
  std::vector<TeamMonth> members;                    // set with `requests`, by name
  // The mandatory courses in counts: apart from the lists above, so that a server without them
  // (an older one) or a refusal still leaves the requests to decide. nullopt when not answered.
  std::optional<std::vector<TeamTraining>> trainings;
  bool team_too_small = false;  // the server keeps the counts from a team under kMinimumTeamSize
};

class SyncEngine {
 public:
  // `language` ("de"/"en") is sent as Accept-Language so that problem titles suit the person.
  SyncEngine(store::LocalStore& store, net::TransportOptions transport, std::string language = "en");
  ~SyncEngine();
  SyncEngine(const SyncEngine&) = delete;
  SyncEngine& operator=(const SyncEngine&) = delete;

  void set_retry_policy(RetryPolicy policy);
  void set_language(std::string language);

  // Signs in at `server_url` and stores the session. Signing in as another person or at another
  // server empties the cache first — but never while the outbox holds changes of the previous
  // session (other_user_pending): those would otherwise be sent in the new person's name.
  // Then runs a first sync.
  LoginResult login(std::string_view server_url, std::string_view username, std::string_view password);
  // Revokes the token on the server when it can be reached, and forgets it locally either way.
  // The cache and queued changes stay.
  void logout();

  SyncReport sync();   // push, then pull
  SyncReport push();
  SyncReport pull();
  // The approval state of every month that [from, to] touches; nullopt when the server could not
  // be asked or answered something unusable. Not cached: offline, the client does not know it.
  std::optional<std::vector<MonthApproval>> month_approvals(Date from, Date to);
  // Facility admins' registry of kiosks (GET, POST and DELETE /api/v1/kiosks, as the stored
  // session). Online only and never queued: a registration is useless without its answer, which
  // holds the token, and both a registration and a revocation are followed by the fresh list.
  KioskRegistryAnswer kiosks();
  KioskRegistryAnswer register_kiosk(std::string_view name, const Id& building_id);
  KioskRegistryAnswer revoke_kiosk(const Id& kiosk_id);
  // A manager's team (team.cpp): the open requests and every person's totals of the month
  // `year`-`month`. Online only and not cached, like the person's own month approvals: a
  // decision is queued (ChangeKind::approval_decision) and the list read again after it is sent.
  TeamAnswer team(date::year_month month);
  // Team presence (team_presence.cpp): fetches the team's presence for the week of `today` and the
  // kTeamPresenceWeeks - 1 after it into the store (TeamPresenceCache), or keeps the server's
  // refusal that the team is too small. sync() calls it after every pull that succeeded; it asks
  // only when what is kept is older than 5 minutes or from an earlier week. False when nothing new
  // was kept (not due, offline, not signed in, an unusable answer).
  static constexpr int kTeamPresenceWeeks = 5;
  bool refresh_team_presence(Date today);
  MyDataAnswer my_data();
  // A quick health check of the stored server (GET /healthz, short timeouts).
  bool probe();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The rejected changes in the store (not yet dismissed), as Conflicts with alternatives.
std::vector<Conflict> conflicts(const store::LocalStore& store);

}  // namespace stellwerk::sync
