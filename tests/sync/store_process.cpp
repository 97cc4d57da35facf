// A second process on a store folder, for the multi-process tests of LocalStore
// (multi_process_test.cpp). POSIX file locks belong to a process, so what one program does to
// another program's SQLite locks can only be seen with a real second process; this one opens
// the store in the folder given, does one thing, prints the result and closes the store again,
// exactly as a `stellwerk book …` or `stellwerk sync` run does.
//
//   sync_store_process DIR enqueue N   queues N changes, prints "<mutation_id> <key>" per line
//   sync_store_process DIR outbox      prints "<mutation_id> <key>" for every outbox row
//   sync_store_process DIR report      prints the open report: "rebuilt <0|1> outbox <n>"
//   sync_store_process DIR hold        prints "open" and keeps the store open until stdin ends
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "stellwerk/sync/local_store.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: sync_store_process DIR enqueue N | outbox | report | hold\n", stderr);
    return 2;
  }
  auto store = stellwerk::store::LocalStore::open(argv[1]);
  if (!store) {
    fmt::print(stderr, "{}\n", store.error());
    return 1;
  }
  const std::string_view command = argv[2];
  if (command == "enqueue" && argc == 4) {
    const int count = std::atoi(argv[3]);
    for (int i = 0; i < count; ++i) {
      const auto entry = store->enqueue(stellwerk::ChangeKind::workday, "PUT", fmt::format("/api/v1/workdays/2025-03-{:02}", 1 + i % 28), "{}");
      fmt::print("{} {}\n", entry.mutation_id, entry.idempotency_key);
    }
    return 0;
  }
  if (command == "outbox") {
    for (const auto& entry : store->outbox()) fmt::print("{} {}\n", entry.mutation_id, entry.idempotency_key);
    return 0;
  }
  if (command == "report") {
    const auto& report = store->open_report();
    fmt::print("rebuilt {} outbox {}\n", report.rebuilt_after_corruption ? 1 : 0, store->outbox().size());
    return 0;
  }
  if (command == "hold") {
    std::puts("open");
    std::fflush(stdout);
    char byte = 0;
    while (::read(0, &byte, 1) > 0) {
    }
    return 0;
  }
  std::fputs("unknown command\n", stderr);
  return 2;
}
