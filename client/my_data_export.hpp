// "What is stored about me" as one file, for Settings and `stellwerk export-my-data FILE`: the
// server's record of the signed-in person and what this device's store holds about them
// (sync::SyncEngine::my_data, docs/privacy.md), written whole and readable by its owner only.
#pragma once

#include <expected>
#include <filesystem>
#include <string>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/sync_engine.hpp"

namespace stellwerk::client {

struct MyDataExportError {
  int exit_code = 0;    // the command line's (commands.hpp)
  std::string message;  // in the person's language
};

// Asks the server (online only: the export is the server's record as it is now) and writes `file`.
std::expected<void, MyDataExportError> export_my_data(sync::SyncEngine& engine, const std::filesystem::path& file);

// `stellwerk export-my-data FILE`: says where it wrote, or why not, on stderr; the exit code.
int export_my_data_command(sync::SyncEngine& engine, const std::filesystem::path& file);

// Where Settings writes it: "stellwerk-my-data-YYYY-MM-DD.json" in the person's documents.
std::filesystem::path default_my_data_file(Date today);

}  // namespace stellwerk::client
