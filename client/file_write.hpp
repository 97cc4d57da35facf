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
// `mode`: the new file's permissions before the umask (0600 for what only its owner may read).
std::expected<void, std::string> write_file_atomically(const std::filesystem::path& file, std::string_view bytes,
                                                       unsigned mode = 0644);

// "$XDG_DOCUMENTS_DIR/name" when that folder exists, else "$HOME/name", else "name".
std::filesystem::path in_documents(std::string_view name);

}  // namespace stellwerk::client
