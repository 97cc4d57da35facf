#include "handler_context.hpp"

#include "notices.hpp"

namespace stellwerk::client {

void HandlerContext::queue_change(std::function<void(store::LocalStore&)> change) {
  worker.post([change = std::move(change)](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    change(*store);  // store::Error: the worker shows it, and nothing was queued
    // The sync thread is told on the UI thread, once the change is on disk: a job never holds a
    // pointer to the sync thread, which may be gone before the worker's last job ends.
    return [](AppState& shown) { shown.requests.sync_soon = true; };
  });
  reload();
}

void HandlerContext::queue_awaited(ChangeKind kind, std::string what, std::function<std::int64_t(store::LocalStore&)> change) {
  worker.post([kind, what = std::move(what), change = std::move(change)](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    const std::int64_t mutation = change(*store);  // store::Error: the worker shows it, and nothing was queued
    return [kind, what, mutation](AppState& shown) {
      shown.requests.sync_soon = true;
      if (mutation != 0) announce_queued(shown, kind, what, mutation);
    };
  });
  reload();
}

}  // namespace stellwerk::client
