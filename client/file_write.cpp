// POSIX calls rather than a stream, so that each failure (no folder, no permission, disk full)
// comes back with the system's reason; fsync before the rename, so that a crash leaves the old
// file or the new one (see file_write.hpp).
#include "file_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace stellwerk::client {
namespace {

std::string system_reason(const std::filesystem::path& file, int error) {
  return fmt::format("cannot write {}: {}", file.string(), std::strerror(error));
}

}  // namespace

std::expected<void, std::string> write_file_atomically(const std::filesystem::path& file, std::string_view bytes) {
  const std::filesystem::path temporary =
      file.parent_path() / fmt::format(".{}.{}.tmp", file.filename().string(), ::getpid());
  // A fresh file of our own: a leftover of an earlier crash is removed first, and neither it (with
  // its old mode) nor a link planted at that name is ever written through.
  ::unlink(temporary.c_str());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(system_reason(file, errno));
  std::size_t written = 0;
  int error = 0;
  while (written < bytes.size() && error == 0) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno != EINTR) error = errno;
    if (n > 0) written += static_cast<std::size_t>(n);
  }
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temporary.c_str(), file.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary.c_str());
    return std::unexpected(system_reason(file, error));
  }
  return {};
}

std::filesystem::path in_documents(std::string_view name) {
  namespace fs = std::filesystem;
  std::error_code ignored;
  if (const char* documents = std::getenv("XDG_DOCUMENTS_DIR"); documents != nullptr && *documents != '\0' &&
                                                                  fs::is_directory(documents, ignored)) {
    return fs::path(documents) / name;
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') return fs::path(home) / name;
  return fs::path(name);
}

}  // namespace stellwerk::client
