// What a person types on the kiosk that must not outlive its use: the badge number, the PIN, the
// user name and the password of the fallback sign-in. Each lives in one fixed buffer owned by the
// kiosk (never in an ImGui text field, which keeps copies of its own in its undo and edit buffers,
// and never in a growing std::string, which leaves old copies behind when it reallocates) and is
// wiped with explicit_bzero (stellwerk::wipe) as soon as it was sent or the screen was left.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "stellwerk/core/secret.hpp"

namespace stellwerk::kiosk {

template <std::size_t Capacity>
class SecretBuffer {
 public:
  SecretBuffer() = default;
  SecretBuffer(const SecretBuffer&) = delete;
  SecretBuffer& operator=(const SecretBuffer&) = delete;
  ~SecretBuffer() { clear(); }

  // False (and nothing added) when the buffer is full: a badge or PIN has a known maximum length.
  bool push(char c) {
    if (size_ >= Capacity) return false;
    bytes_[size_++] = c;
    return true;
  }
  void pop() {
    if (size_ == 0) return;
    bytes_[--size_] = '\0';
  }
  void clear() {
    wipe(bytes_.data(), bytes_.size());
    size_ = 0;
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool full() const { return size_ == Capacity; }
  std::string_view view() const { return {bytes_.data(), size_}; }
  // A copy as a Secret, which wipes itself in turn.
  Secret secret() const { return Secret{view()}; }

 private:
  std::array<char, Capacity> bytes_{};
  std::size_t size_ = 0;
};

// Badge numbers and PINs are digits; user names and passwords are printable text.
inline constexpr std::size_t kBadgeDigits = 32;
inline constexpr std::size_t kPinDigits = 12;
inline constexpr std::size_t kTextLength = 64;

}  // namespace stellwerk::kiosk
