// The window's control map for automation (see ui_map.hpp).
#include "ui_map.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

namespace stellwerk::client {

UiMap::UiMap() {
  const char* path = std::getenv("STELLWERK_UI_MAP");
  if (path != nullptr && *path != '\0') file_ = path;
}

UiMap::~UiMap() {
  if (!file_.empty()) ui::testing::install_locator(nullptr);
}

void UiMap::begin_frame() {
  if (file_.empty()) return;
  locator_.clear();
  ui::testing::install_locator(&locator_);
}

void UiMap::end_frame() {
  if (file_.empty()) return;
  std::vector<std::string> lines;
  for (const auto& [identity, rect] : locator_.items()) {
    lines.push_back(fmt::format("{} {:.0f} {:.0f} {:.0f} {:.0f}\n", identity, rect.min.x, rect.min.y, rect.max.x, rect.max.y));
  }
  std::sort(lines.begin(), lines.end());
  std::string text;
  for (const std::string& line : lines) text += line;
  if (text == written_) return;
  const std::string temporary = file_ + ".tmp";
  if (std::FILE* out = std::fopen(temporary.c_str(), "w")) {
    const bool complete = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    if (std::fclose(out) == 0 && complete && std::rename(temporary.c_str(), file_.c_str()) == 0) written_ = text;
  }
}

}  // namespace stellwerk::client
