// Writing a whole file so that a crash or a full disk leaves the old file or the new one, never
// half of one: the calendar export and the certificate export write through this.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace stellwerk::client {

// Writes `bytes` to a temporary file beside `file`, syncs it and renames it over `file`. The
// error names the file and the system's reason ("cannot write /home/…: Permission denied").
// The new file is readable by its owner only (0600): everything written through here is personal
// (a calendar, a certificate, everything stored about a person); the owner may share it on purpose.
std::expected<void, std::string> write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

// "$XDG_DOCUMENTS_DIR/name" when that folder exists, else "$HOME/name", else "name".
std::filesystem::path in_documents(std::string_view name);

}  // namespace stellwerk::client
