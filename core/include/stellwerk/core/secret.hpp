// Passwords and PINs in memory. A Secret overwrites its bytes with explicit_bzero when it is
// cleared, replaced or destroyed — every copy of it, so that a password typed into the sign-in
// screen does not linger in freed heap memory for a core dump or a swapped page to reveal. The
// compiler may not drop these writes as dead stores, which a plain memset allows.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace stellwerk {

// Overwrites `size` bytes at `bytes` (glibc's explicit_bzero).
void wipe(void* bytes, std::size_t size);
// Overwrites the whole buffer of `text` (its capacity, not only its size), then empties it.
void wipe(std::string& text);

class Secret {
 public:
  Secret() = default;
  // Implicit: a typed password becomes a Secret at once.
  Secret(std::string_view text);
  Secret(const char* text) : Secret(std::string_view{text}) {}
  // Takes the string's buffer and wipes what the moved-from string may keep (a short text).
  explicit Secret(std::string&& text);
  Secret(const Secret& other);
  Secret& operator=(const Secret& other);
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  ~Secret();

  std::string_view view() const { return text_; }
  bool empty() const { return text_.empty(); }
  // Wipes the bytes now; the Secret is empty afterwards.
  void clear();

 private:
  std::string text_;
};

}  // namespace stellwerk
