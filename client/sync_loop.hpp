// The window's sync thread: it owns a second LocalStore on the --data folder (SQLite's WAL lets
// the worker's connection and this one work side by side) and a sync::SyncEngine, and keeps the
// local store and the server in step without ever blocking the UI. It syncs when it starts with a
// stored session, soon after each local change (the controller pokes it), every minute while
// online, after being offline with a backoff (5 s doubling to 5 min, with jitter so that many
// clients coming back at once do not arrive together), and when the person asks. It also runs
// the sign-in and sign-out the UI asks for, because they talk to the server too.
//
// Every result reaches the UI as a UiUpdate through Worker::deliver — the one queue — so the UI
// thread applies it like any other; the updates change only AppState::session, ::connection,
// data.sync and ::requests (a reload after a round that changed the store).
//
// Thread-safety: every public member may be called from any thread; they only leave a request and
// wake the thread. Stopping is prompt: waits between retries and between rounds end as soon as
// stop() is called; a request already on the wire finishes within the transport's timeouts.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/secret.hpp"

#include "stellwerk/sync/transport.hpp"
#include "worker.hpp"

namespace stellwerk::client {

struct SyncLoopOptions {
  std::filesystem::path data_dir;
  net::TransportOptions transport;
  std::string language = "de";  // Accept-Language: the server's problem titles in the person's language
  std::chrono::milliseconds interval{60'000};            // between rounds while online
  std::chrono::milliseconds offline_first_retry{5'000};  // after the first failed round
  std::chrono::milliseconds offline_max_retry{300'000};
  std::chrono::milliseconds change_delay{300};  // after a poke: changes made in quick succession go together
  std::optional<Date> today;  // the day whose months' approvals are read; unset: today in Berlin (tests set the server's day)
  // Called on the sync thread as each of the engine's retry waits begins, so that a test can act
  // during one instead of guessing when it comes; unset in the app.
  std::function<void(std::chrono::milliseconds)> on_retry_wait;
};

class SyncLoop {
 public:
  // Starts the thread; it reads the session and, when one is stored, syncs at once.
  SyncLoop(SyncLoopOptions options, Worker& worker);
  ~SyncLoop();  // stop() and join
  SyncLoop(const SyncLoop&) = delete;
  SyncLoop& operator=(const SyncLoop&) = delete;

  // A local change was written: send it soon (after `change_delay`).
  void poke();
  // The person asked: sync now, also while offline backoff is waiting.
  void sync_now();
  // Signs in (the password is wiped from memory once used) and runs a first sync.
  void sign_in(std::string server_url, std::string username, Secret password);
  // Signs out on the server when it can be reached and forgets the token; the outbox stays.
  void sign_out();
  void set_language(std::string language);
  // Facility admins' kiosk registry (Settings): list the kiosks, register one or revoke one, as
  // the signed-in person. The answer replaces AppState::kiosks; a request not yet started is
  // replaced by a newer one.
  struct KioskRegistryRequest {
    enum class Action : unsigned char { list, register_kiosk, revoke } action = Action::list;
    std::string name;  // register_kiosk: the kiosk's name
    Id id;             // register_kiosk: its building; revoke: the kiosk
  };
  void kiosk_registry(KioskRegistryRequest request);
  // A manager's Team page: read the team's open requests and everyone's totals of `month` now,
  // and again after every sync round that reached the server (a decision sent, a new request).
  // The answer replaces AppState::team's lists.
  void team(date::year_month month);
  // Settings' "What is stored about me": fetches it and writes `file`; the outcome is a toast.
  void export_my_data(std::filesystem::path file);
  // Ends the thread promptly; idempotent. Nothing is delivered after it returns.
  void stop();

 private:
  struct SignInRequest {
    std::string server_url;
    std::string username;
    Secret password;
  };
  // What the sync thread is asked to do next; taken out of the shared fields under the mutex.
  struct Work {
    std::optional<SignInRequest> sign_in;
    bool sign_out = false;
    bool round = false;
    std::optional<std::string> new_language;
    std::optional<KioskRegistryRequest> kiosk_registry;
    bool team = false;
    std::optional<std::filesystem::path> my_data_file;
  };
  void run();
  // Tells the UI that no session will come, then waits for stop().
  void wait_out_unopenable_store(std::string reason);
  // Waits until there is work or `next_round` is due; nullopt when stopping. While `offline`, a
  // local change waits for the backoff instead of syncing after the change delay.
  std::optional<Work> wait_for_work(std::optional<std::chrono::steady_clock::time_point> next_round, bool offline);
  // Sleeps up to `duration`; false when stopping (the engine's retry wait).
  bool pause(std::chrono::milliseconds duration);

  SyncLoopOptions options_;
  Worker& worker_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool sync_requested_ = false;  // by sync_now(): overrides the offline backoff
  std::optional<std::chrono::steady_clock::time_point> poked_until_;  // sync at this time at the latest
  std::optional<SignInRequest> sign_in_;
  bool sign_out_ = false;
  std::optional<std::string> language_;  // a new language to hand to the engine
  std::optional<KioskRegistryRequest> kiosk_registry_;
  bool team_requested_ = false;
  std::optional<date::year_month> team_month_;
  std::optional<std::filesystem::path> my_data_file_;  // the month the Team page shows; unset: never asked
  std::thread thread_;
};

}  // namespace stellwerk::client
