#include "my_data_export.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "connection_words.hpp"
#include "file_write.hpp"
#include "labels.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client {

std::expected<void, MyDataExportError> export_my_data(sync::SyncEngine& engine, const std::filesystem::path& file) {
  const sync::MyDataAnswer answer = engine.my_data();
  if (answer.problem) {
    const int code = answer.problem->status == 401 ? kExitSignedOut : kExitRejected;
    return std::unexpected(MyDataExportError{code, problem_text(answer.problem->code)});
  }
  if (answer.document.empty()) {
    return std::unexpected(MyDataExportError{kExitUnreachable, connection_problem(answer.failure)});
  }
  if (auto written = write_file_atomically(file, answer.document + "\n"); !written) {
    return std::unexpected(MyDataExportError{kExitUsage, written.error()});
  }
  return {};
}

int export_my_data_command(sync::SyncEngine& engine, const std::filesystem::path& file) {
  if (auto exported = export_my_data(engine, file); !exported) {
    std::fprintf(stderr, "stellwerk: nothing written: %s\n", exported.error().message.c_str());
    return exported.error().exit_code;
  }
  std::fprintf(stderr, "stellwerk: wrote what the server and this device store about you to %s\n", file.c_str());
  return kExitOk;
}

std::filesystem::path default_my_data_file(Date today) {
  return in_documents(fmt::format("stellwerk-my-data-{}.json", format_date(today)));
}

}  // namespace stellwerk::client
