// Worker thread implementation. Exceptions from a job (store::Error on disk failure) are turned
// into an update that shows the error, so one failed read never takes the app down.
#include "worker.hpp"

#include <exception>
#include <string>

#include <fmt/format.h>

#include "stellwerk/core/i18n.hpp"

namespace stellwerk::client {

std::string rebuilt_notice(const store::OpenReport& report) {
  if (!report.rebuilt_after_corruption) return {};
  const int kept = report.recovered_outbox_entries;
  // The session's token is never rescued from a damaged file (see schema.cpp), so the cache
  // comes back from the server after the next sign-in.
  if (!report.outbox_fully_recovered) {
    return fmt::format(
        fmt::runtime(i18n::trn("The local data was damaged and has been rebuilt: {0} waiting change was kept, some "
                               "could not be read (they stay in {1}), and everything else is fetched again from the "
                               "server after you sign in.",
                               "The local data was damaged and has been rebuilt: {0} waiting changes were kept, some "
                               "could not be read (they stay in {1}), and everything else is fetched again from the "
                               "server after you sign in.",
                               static_cast<unsigned long>(kept))),
        kept, report.damaged_copy.string());
  }
  if (kept == 0) {
    return i18n::tr("The local data was damaged and has been rebuilt: no changes were waiting to be sent, and "
                    "everything is fetched again from the server after you sign in.");
  }
  return fmt::format(
      fmt::runtime(i18n::trn("The local data was damaged and has been rebuilt: your {0} waiting change was kept, and "
                             "everything else is fetched again from the server after you sign in.",
                             "The local data was damaged and has been rebuilt: your {0} waiting changes were kept, "
                             "and everything else is fetched again from the server after you sign in.",
                             static_cast<unsigned long>(kept))),
      kept);
}

Worker::Worker(std::filesystem::path data_dir, std::function<void()> wake) : wake_(std::move(wake)) {
  // Counted as busy from the start: the store opens before the first job runs.
  running_job_ = true;
  thread_ = std::thread([this, dir = std::move(data_dir)]() mutable { run(std::move(dir)); });
}

// The queued jobs are finished, not dropped: one of them may be the change the person clicked
// just before closing the window, and a change that never reaches the store is lost for good.
// Jobs are short local reads and writes, so closing waits milliseconds for them.
Worker::~Worker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  thread_.join();
}

void Worker::post(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  work_ready_.notify_one();
}

void Worker::deliver(UiUpdate update) {
  if (!update) return;
  {
    std::lock_guard lock(mutex_);
    updates_.push_back(std::move(update));
  }
  // Outside the lock, as in run(): the wake callback may take locks of its own (GLFW's).
  wake_();
}

std::vector<UiUpdate> Worker::take_updates() {
  std::lock_guard lock(mutex_);
  std::vector<UiUpdate> taken;
  taken.swap(updates_);
  return taken;
}

bool Worker::busy() const {
  std::lock_guard lock(mutex_);
  return running_job_ || !jobs_.empty() || !updates_.empty();
}

bool Worker::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void Worker::run(std::filesystem::path data_dir) {
  std::optional<store::LocalStore> local_store;
  UiUpdate opened;
  auto result = store::LocalStore::open(data_dir);
  if (result) {
    local_store.emplace(std::move(*result));
    const store::OpenReport report = local_store->open_report();
    opened = [report](AppState& state) {
      if (const std::string text = rebuilt_notice(report); !text.empty()) state.notice = text;
    };
  } else {
    opened = [message = result.error()](AppState& state) {
      state.error = fmt::format(fmt::runtime(i18n::tr("The local data could not be opened: {}")), message);
      state.data.loaded = true;  // nothing more will come; show the error instead of waiting
    };
  }

  std::unique_lock lock(mutex_);
  updates_.push_back(std::move(opened));
  running_job_ = false;
  lock.unlock();
  wake_();
  lock.lock();

  for (;;) {
    work_ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // stopping, and every queued job is done
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    running_job_ = true;
    lock.unlock();

    UiUpdate update;
    try {
      update = job(local_store ? &*local_store : nullptr);
    } catch (const std::exception& e) {
      update = [message = std::string(e.what())](AppState& state) {
        state.error = fmt::format(fmt::runtime(i18n::tr("Reading or writing local data failed: {}")), message);
      };
    }

    lock.lock();
    if (update) updates_.push_back(std::move(update));
    running_job_ = false;
    lock.unlock();
    wake_();
    lock.lock();
  }
}

}  // namespace stellwerk::client
