// Secret and wipe (secret.hpp). A moved-from std::string that held a short text keeps its bytes
// in its own small buffer, so every move wipes the source as well.
#include "stellwerk/core/secret.hpp"

#include <string.h>  // explicit_bzero

namespace stellwerk {

void wipe(void* bytes, std::size_t size) {
  if (bytes != nullptr && size > 0) explicit_bzero(bytes, size);
}

void wipe(std::string& text) {
  // The buffer holds capacity() characters and the terminating zero.
  wipe(text.data(), text.capacity() + 1);
  text.clear();
}

Secret::Secret(std::string_view text) {
  text_.reserve(text.size());  // one allocation: growing would free unwiped buffers
  text_.assign(text);
}

Secret::Secret(std::string&& text) : text_(std::move(text)) { wipe(text); }

Secret::Secret(const Secret& other) : Secret(other.view()) {}

Secret& Secret::operator=(const Secret& other) {
  if (this != &other) {
    clear();
    text_.reserve(other.text_.size());
    text_.assign(other.text_);
  }
  return *this;
}

Secret::Secret(Secret&& other) noexcept : text_(std::move(other.text_)) { wipe(other.text_); }

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    clear();
    text_ = std::move(other.text_);
    wipe(other.text_);
  }
  return *this;
}

Secret::~Secret() { wipe(text_); }

void Secret::clear() { wipe(text_); }

}  // namespace stellwerk
