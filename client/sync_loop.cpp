// The sync thread of sync_loop.hpp. It waits on one condition variable for whichever comes first:
// a request from the UI (sign in, sign out, sync now), a poke after a local change, the next
// scheduled round, or stop. Each round reads the store afterwards and hands the UI a snapshot —
// session, counts, online or offline and why — as one UiUpdate; translation happens inside the
// update, on the UI thread, so a language switch never races with this thread.
#include "sync_loop.hpp"

#include <algorithm>
#include <exception>
#include <random>
#include <utility>

#include <fmt/format.h>

#include "commands.hpp"
#include "connection_words.hpp"
#include "labels.hpp"
#include "my_data_export.hpp"
#include "notices.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "stellwerk/sync/sync_engine.hpp"

namespace stellwerk::client {
namespace {

using Clock = std::chrono::steady_clock;
using i18n::tr;

// What the UI needs to know of the store after anything this thread did.
struct StoreSnapshot {
  bool session_exists = false;
  bool signed_in = false;
  std::string server_url;
  std::string username;
  store::SyncStatus status;
};

StoreSnapshot read_snapshot(const store::LocalStore& store) {
  StoreSnapshot snapshot;
  snapshot.status = store.sync_status();
  if (const auto session = store.session()) {
    snapshot.session_exists = !session->server_url.empty() || !session->username.empty();
    snapshot.signed_in = !session->token.empty();
    snapshot.server_url = session->server_url;
    snapshot.username = session->username;
  }
  return snapshot;
}

bool has_token(const store::LocalStore& store) {
  const auto session = store.session();
  return session && !session->token.empty();
}

void apply_snapshot(AppState& state, const StoreSnapshot& snapshot) {
  SessionInfo& session = state.session;
  session.known = true;
  session.exists = snapshot.session_exists;
  session.signed_in = snapshot.signed_in;
  if (snapshot.signed_in) session.expired = false;
  if (!snapshot.server_url.empty()) session.server_url = snapshot.server_url;
  if (!snapshot.username.empty()) session.username = snapshot.username;
  SyncSummary& sync = state.data.sync;
  sync.server_configured = !snapshot.status.server_url.empty() || snapshot.session_exists;
  sync.pending = snapshot.status.pending;
  sync.rejected = snapshot.status.rejected;
  // A load the worker started before this round may arrive later with an older time; keep the newer.
  if (snapshot.status.last_sync && (!sync.last_sync || *sync.last_sync < *snapshot.status.last_sync)) {
    sync.last_sync = snapshot.status.last_sync;
  }
}

// Offline backoff: `first` doubling per failed round up to `most`, then a random point in the
// upper half, so clients that lost the server together do not all return in the same second.
std::chrono::milliseconds offline_delay(int failed_rounds, const SyncLoopOptions& options, std::mt19937& random) {
  auto delay = options.offline_first_retry;
  for (int i = 1; i < failed_rounds && delay < options.offline_max_retry; ++i) delay *= 2;
  delay = std::min(delay, options.offline_max_retry);
  std::uniform_int_distribution<long long> jitter(delay.count() / 2, delay.count());
  return std::chrono::milliseconds(jitter(random));
}

void apply_round(AppState& state, sync::SyncOutcome outcome, const sync::Failure& failure) {
  ConnectionState& connection = state.connection;
  switch (outcome) {
    case sync::SyncOutcome::synced:
    case sync::SyncOutcome::rejected:
      connection.state = Connection::online;
      connection.offline_reason.clear();
      break;
    case sync::SyncOutcome::offline:
      connection.state = Connection::offline;
      connection.offline_reason = connection_problem(failure);
      break;
    case sync::SyncOutcome::signed_out:
      // The server answered, so it is reachable; what it refused is the session.
      connection.state = Connection::online;
      connection.offline_reason.clear();
      state.session.expired = true;
      break;
    case sync::SyncOutcome::COUNT:
      break;
  }
}

bool changed_store(const sync::SyncReport& report) {
  return report.pushed > 0 || report.pulled > 0 || report.drawings > 0 || !report.rejected.empty();
}

std::string sign_in_error(sync::LoginOutcome outcome, const sync::Failure& failure,
                          const std::optional<sync::Problem>& problem, const std::string& previous_user) {
  if (problem) return problem_text(problem->code);  // core's words for the refusal, in the person's language
  switch (outcome) {
    case sync::LoginOutcome::signed_in:
      return {};
    case sync::LoginOutcome::bad_credentials:
      return tr("The user name or the password is not correct.");
    case sync::LoginOutcome::unreachable:
      return connection_problem(failure);
    case sync::LoginOutcome::other_user_pending:
      return fmt::format(fmt::runtime(tr("Changes made by {} on this computer have not been sent yet. Sign in as {} "
                                         "so that they can be sent; they stay queued.")),
                         previous_user, previous_user);
    case sync::LoginOutcome::failed:
    case sync::LoginOutcome::COUNT:
      break;
  }
  return fmt::format(fmt::runtime(tr("Signing in failed: {}")), connection_problem(failure));
}

// The approval state of the last month to three months ahead, the months a person plans in: the
// Wochenplan shows it for the month of the week shown.
std::optional<std::vector<MonthApproval>> month_approvals(sync::SyncEngine& engine, std::optional<Date> known_today) {
  const Date today = known_today.value_or(today_in_berlin());
  const date::year_month month = today.year() / today.month();
  const Date from = (month - date::months{1}) / 1;
  const Date to = (month + date::months{3}) / date::last;
  return engine.month_approvals(from, to);
}

// When the next round is due: the regular interval after an answer, a growing backoff while
// offline, and never while signed out.
struct Schedule {
  explicit Schedule(const SyncLoopOptions& loop_options) : options(loop_options) {}

  const SyncLoopOptions& options;
  std::mt19937 random{std::random_device{}()};
  std::optional<Clock::time_point> next_round;
  int offline_rounds = 0;

  void after(sync::SyncOutcome outcome) {
    switch (outcome) {
      case sync::SyncOutcome::synced:
      case sync::SyncOutcome::rejected:
        offline_rounds = 0;
        next_round = Clock::now() + options.interval;
        break;
      case sync::SyncOutcome::offline:
        ++offline_rounds;
        next_round = Clock::now() + offline_delay(offline_rounds, options, random);
        break;
      case sync::SyncOutcome::signed_out:
      case sync::SyncOutcome::COUNT:
        offline_rounds = 0;
        next_round.reset();  // nothing to do until someone signs in
        break;
    }
  }
};

// Everything the sync thread does can fail on the disk (store::Error); the person then reads why,
// and the loop carries on as if offline, so a full disk does not stop sync for good.
void report_failure(Worker& worker, const std::exception& e) {
  worker.deliver([message = std::string(e.what())](AppState& state) {
    state.connection.syncing = false;
    state.session.signing_in = false;
    state.error = fmt::format(fmt::runtime(tr("Synchronisation failed: {}")), message);
  });
}

// Shows what the store holds before any round, and plans the first round when signed in.
void deliver_start(Worker& worker, const store::LocalStore& store, Schedule& schedule) {
  try {
    const StoreSnapshot start = read_snapshot(store);
    if (start.signed_in) schedule.next_round = Clock::now();
    worker.deliver([start](AppState& state) {
      apply_snapshot(state, start);
      state.connection.syncing = start.signed_in;
    });
  } catch (const std::exception& e) {
    report_failure(worker, e);
  }
}

void sign_out_step(Worker& worker, sync::SyncEngine& engine, const store::LocalStore& store, Schedule& schedule) {
  try {
    engine.logout();
    const StoreSnapshot after = read_snapshot(store);
    worker.deliver([after](AppState& state) {
      apply_snapshot(state, after);
      state.session.expired = false;
      state.session.sign_in_error.clear();
      state.connection = ConnectionState{};
      state.kiosks = KioskRegistry{};  // the registry was the signed-out person's to see
      state.team = TeamState{};        // and so was the team
    });
  } catch (const std::exception& e) {
    report_failure(worker, e);
  }
  schedule.next_round.reset();
  schedule.offline_rounds = 0;
}

// Signs in (which includes a first round) and clears the password whatever the outcome.
void sign_in_step(Worker& worker, sync::SyncEngine& engine, const store::LocalStore& store, Schedule& schedule,
                  const std::string& server_url, const std::string& username, Secret& password) {
  try {
    worker.deliver([](AppState& state) { state.connection.syncing = true; });
    const StoreSnapshot before = read_snapshot(store);
    sync::LoginResult result = engine.login(server_url, username, password.view());
    password.clear();
    const StoreSnapshot after = read_snapshot(store);
    if (result.outcome == sync::LoginOutcome::signed_in) {
      schedule.after(result.first_sync ? result.first_sync->outcome : sync::SyncOutcome::offline);
    }
    worker.deliver([after, outcome = result.outcome, failure = result.failure, problem = result.problem,
                    previous = before.username,
                    first = std::move(result.first_sync)](AppState& state) {
      apply_snapshot(state, after);
      state.session.signing_in = false;
      state.connection.syncing = false;
      state.session.sign_in_error = sign_in_error(outcome, failure, problem, previous);
      if (outcome == sync::LoginOutcome::signed_in) {
        state.session.expired = false;
        state.session.form_requested = false;
        if (first) apply_round(state, first->outcome, first->failure);
        // A new person or server empties the cache; in any case the first copy is new data.
        state.requests.reload_data = true;
      } else if (outcome == sync::LoginOutcome::unreachable) {
        state.connection.state = Connection::offline;
        state.connection.offline_reason = connection_problem(failure);
      }
    });
  } catch (const std::exception& e) {
    password.clear();
    report_failure(worker, e);
  }
}

// Runs a round; true when the server answered it.
bool round_step(Worker& worker, sync::SyncEngine& engine, const store::LocalStore& store, Schedule& schedule,
                std::optional<Date> known_today) {
  try {
    if (!has_token(store)) {
      schedule.next_round.reset();  // a poke on local data, or after sign-out: nothing to send to
      return false;
    }
    worker.deliver([](AppState& state) { state.connection.syncing = true; });
    const sync::SyncReport report = engine.sync();
    schedule.after(report.outcome);
    const bool answered = report.outcome == sync::SyncOutcome::synced || report.outcome == sync::SyncOutcome::rejected;
    auto approvals = answered ? month_approvals(engine, known_today) : std::nullopt;
    // Read last, just before it is handed over: the window may queue a change while the approvals
    // are asked for, and an older count delivered after its load would say "0 pending" for a
    // change not sent yet.
    const StoreSnapshot after = read_snapshot(store);
    worker.deliver([after, outcome = report.outcome, failure = report.failure, approvals = std::move(approvals),
                    changed = changed_store(report)](AppState& state) {
      apply_snapshot(state, after);
      state.connection.syncing = false;
      apply_round(state, outcome, failure);
      if (approvals) state.approvals = *approvals;
      if (changed) state.requests.reload_data = true;
    });
    return answered;
  } catch (const std::exception& e) {
    schedule.after(sync::SyncOutcome::offline);
    report_failure(worker, e);
    return false;
  }
}

// The Team page's lists, online only like the kiosk registry: a failure is said on the page.
void team_step(Worker& worker, sync::SyncEngine& engine, date::year_month month) {
  try {
    sync::TeamAnswer answer = engine.team(month);
    worker.deliver([month, answered = answer.requests.has_value(), requests = answer.requests.value_or(std::vector<TeamRequest>{}),
                    members = std::move(answer.members), trainings = std::move(answer.trainings),
                    too_small = answer.team_too_small, problem = answer.problem,
                    failure = answer.failure](AppState& state) {
      TeamState& team = state.team;
      if (team.month != month) return;  // the page moved on to another month meanwhile
      team.busy = false;
      if (answered) {
        team.requests = requests;
        team.members = members;
        team.trainings = trainings;
        team.team_too_small = too_small;
        team.loaded_at = now_of(state);
        team.error.clear();
      } else if (problem) {
        team.error = problem_text(problem->code);
      } else {
        team.error = connection_problem(failure);
      }
    });
  } catch (const std::exception& e) {
    worker.deliver([message = std::string(e.what())](AppState& state) {
      state.team.busy = false;
      state.team.error = message;
    });
  }
}

// "What is stored about me" is online only, like the registry; the outcome is a toast.
void my_data_step(Worker& worker, sync::SyncEngine& engine, const std::filesystem::path& file) {
  std::expected<void, MyDataExportError> exported;
  try {
    exported = export_my_data(engine, file);
  } catch (const std::exception& e) {  // store::Error: this device's store could not be read
    exported = std::unexpected(MyDataExportError{kExitStoreFailed, e.what()});
  }
  worker.deliver([exported = std::move(exported), file](AppState& state) {
    state.exporting_my_data = false;
    if (!exported) {
      // TRANSLATORS: {0} why, e.g. "The server cannot be reached." or the system's words.
      add_toast(state, ToastKind::refused,
                fmt::format(fmt::runtime(i18n::tr("Your data was not exported: {0}")), exported.error().message));
      return;
    }
    // TRANSLATORS: {0} the file's path.
    add_toast(state, ToastKind::confirmed,
              fmt::format(fmt::runtime(i18n::tr("Everything stored about you is in {0}")), file.string()));
  });
}

KioskRow kiosk_row(const sync::RegisteredKiosk& k) {
  return KioskRow{k.id, k.name, k.building_id, k.registered_at, k.last_seen_at, k.version, k.revoked};
}

// A registry request is online only: nothing is queued, and a failure is said in Settings.
void kiosk_registry_step(Worker& worker, sync::SyncEngine& engine, const SyncLoop::KioskRegistryRequest& request) {
  using Action = SyncLoop::KioskRegistryRequest::Action;
  try {
    sync::KioskRegistryAnswer answer = request.action == Action::register_kiosk ? engine.register_kiosk(request.name, request.id)
                                       : request.action == Action::revoke       ? engine.revoke_kiosk(request.id)
                                                                                : engine.kiosks();
    std::optional<std::vector<KioskRow>> rows;
    std::vector<KioskBuilding> buildings;
    if (answer.kiosks) {
      rows.emplace();
      for (const sync::RegisteredKiosk& k : *answer.kiosks) rows->push_back(kiosk_row(k));
      for (const sync::BuildingName& b : answer.buildings) buildings.push_back(KioskBuilding{b.id, b.name});
      std::ranges::sort(buildings, {}, &KioskBuilding::name);
    }
    worker.deliver([rows = std::move(rows), buildings = std::move(buildings), registered = answer.registered,
                    token = std::move(answer.token), problem = answer.problem, failure = answer.failure](AppState& state) {
      KioskRegistry& registry = state.kiosks;
      registry.busy = false;
      if (rows) {
        registry.kiosks = *rows;
        registry.buildings = buildings;
        registry.loaded_at = now_of(state);
        registry.error.clear();
      } else if (problem) {
        registry.error = problem_text(problem->code);
      } else {
        registry.error = connection_problem(failure);
      }
      if (registered) {
        registry.new_kiosk = *registered;
        registry.new_token = token;
      }
    });
  } catch (const std::exception& e) {
    worker.deliver([message = std::string(e.what())](AppState& state) {
      state.kiosks.busy = false;
      state.kiosks.error = message;
    });
  }
}

}  // namespace

SyncLoop::SyncLoop(SyncLoopOptions options, Worker& worker) : options_(std::move(options)), worker_(worker) {
  thread_ = std::thread([this] { run(); });
}

SyncLoop::~SyncLoop() { stop(); }

void SyncLoop::poke() {
  {
    std::lock_guard lock(mutex_);
    const auto at = Clock::now() + options_.change_delay;
    if (!poked_until_ || at < *poked_until_) poked_until_ = at;
  }
  wake_.notify_all();
}

void SyncLoop::sync_now() {
  {
    std::lock_guard lock(mutex_);
    sync_requested_ = true;
  }
  wake_.notify_all();
}

void SyncLoop::sign_in(std::string server_url, std::string username, Secret password) {
  {
    std::lock_guard lock(mutex_);
    if (sign_in_) sign_in_->password.clear();  // a newer attempt replaces one not yet started
    sign_in_ = SignInRequest{std::move(server_url), std::move(username), std::move(password)};
  }
  wake_.notify_all();
}

void SyncLoop::sign_out() {
  {
    std::lock_guard lock(mutex_);
    sign_out_ = true;
    team_month_.reset();  // the next person asks for their own team, if they have one
    if (sign_in_) {
      sign_in_->password.clear();
      sign_in_.reset();
    }
  }
  wake_.notify_all();
}

void SyncLoop::set_language(std::string language) {
  {
    std::lock_guard lock(mutex_);
    language_ = std::move(language);
  }
  wake_.notify_all();
}

void SyncLoop::kiosk_registry(KioskRegistryRequest request) {
  {
    std::lock_guard lock(mutex_);
    kiosk_registry_ = std::move(request);
  }
  wake_.notify_all();
}

void SyncLoop::export_my_data(std::filesystem::path file) {
  {
    std::lock_guard lock(mutex_);
    my_data_file_ = std::move(file);
  }
  wake_.notify_all();
}

void SyncLoop::team(date::year_month month) {
  {
    std::lock_guard lock(mutex_);
    team_month_ = month;
    team_requested_ = true;
  }
  wake_.notify_all();
}

void SyncLoop::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (sign_in_) sign_in_->password.clear();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool SyncLoop::pause(std::chrono::milliseconds duration) {
  if (options_.on_retry_wait) options_.on_retry_wait(duration);
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, duration, [this] { return stopping_; });
}

void SyncLoop::wait_out_unopenable_store(std::string reason) {
  // The worker reports the same failure in words; here the UI only learns that no session will come.
  worker_.deliver([reason = std::move(reason)](AppState& state) {
    state.session.known = true;
    state.connection.state = Connection::offline;
    state.connection.offline_reason = reason;
  });
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return stopping_; });
}

std::optional<SyncLoop::Work> SyncLoop::wait_for_work(std::optional<std::chrono::steady_clock::time_point> next_round,
                                                      bool offline) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_) {
      if (sign_in_) sign_in_->password.clear();
      return std::nullopt;
    }
    // While offline a local change waits for the backoff: it is already shown as pending,
    // and trying at every change would only hammer a network that is not there.
    std::optional<Clock::time_point> due = next_round;
    if (poked_until_ && !offline && (!due || *poked_until_ < *due)) due = poked_until_;
    const bool due_now = due && Clock::now() >= *due;
    if (sign_in_ || sign_out_ || sync_requested_ || language_ || kiosk_registry_ || team_requested_ || my_data_file_ ||
        due_now) {
      Work work;
      work.sign_in = std::move(sign_in_);
      sign_in_.reset();
      work.sign_out = std::exchange(sign_out_, false);
      work.round = std::exchange(sync_requested_, false) || due_now;
      work.new_language = std::move(language_);
      language_.reset();
      work.kiosk_registry = std::exchange(kiosk_registry_, std::nullopt);
      work.team = std::exchange(team_requested_, false);
      work.my_data_file = std::exchange(my_data_file_, std::nullopt);
      if (work.round) poked_until_.reset();
      return work;
    }
    if (due) {
      wake_.wait_until(lock, *due);
    } else {
      wake_.wait(lock);
    }
  }
}

void SyncLoop::run() {
  auto opened = store::LocalStore::open(options_.data_dir);
  if (!opened) {
    wait_out_unopenable_store(opened.error());
    return;
  }
  store::LocalStore store = std::move(*opened);
  // Only one of the window's two stores rebuilds a damaged file (under the folder lock); when it
  // was this one, the person learns it from here. Delivered before the session is known, so the
  // notice is in place when the first screen shows.
  if (std::string notice = rebuilt_notice(store.open_report()); !notice.empty()) {
    worker_.deliver([notice = std::move(notice)](AppState& state) { state.notice = notice; });
  }
  std::string language;
  {
    std::lock_guard lock(mutex_);
    language = language_.value_or(options_.language);
    language_.reset();
  }
  sync::SyncEngine engine(store, options_.transport, language);
  sync::RetryPolicy retry;
  retry.wait = [this](std::chrono::milliseconds duration) { return pause(duration); };
  engine.set_retry_policy(std::move(retry));

  Schedule schedule{options_};
  deliver_start(worker_, store, schedule);
  for (;;) {
    std::optional<Work> work = wait_for_work(schedule.next_round, schedule.offline_rounds != 0);
    if (!work) return;
    if (work->new_language) engine.set_language(*work->new_language);
    if (work->sign_out) sign_out_step(worker_, engine, store, schedule);
    if (work->kiosk_registry) kiosk_registry_step(worker_, engine, *work->kiosk_registry);
    if (work->my_data_file) my_data_step(worker_, engine, *work->my_data_file);
    if (work->sign_in) {
      SignInRequest& request = *work->sign_in;
      sign_in_step(worker_, engine, store, schedule, request.server_url, request.username, request.password);
      continue;  // a round was just part of the sign-in
    }
    std::optional<date::year_month> team_month;
    {
      std::lock_guard lock(mutex_);
      team_month = team_month_;
    }
    const bool answered = work->round && round_step(worker_, engine, store, schedule, options_.today);
    if (team_month && (work->team || answered)) team_step(worker_, engine, *team_month);
  }
}

}  // namespace stellwerk::client
