// QR codes: encoding with libqrencode (no ImGui) and drawing as one ImGui item (qr_code.hpp).
// Dark modules are drawn as one rectangle per horizontal run, so a version-10 code costs a few
// hundred rectangles rather than one per module.
#include "stellwerk/widgets/qr_code.hpp"

#include <qrencode.h>

#include <cmath>
#include <memory>

#include <imgui.h>

#include "stellwerk/widgets/item_locator.hpp"

namespace ui {
namespace {

// The most bytes any QR symbol holds (version 40-L); longer text is refused before the int cast.
constexpr std::size_t kMaxQrBytes = 2953;

struct QrCodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

std::optional<QrMatrix> encode_qr(std::string_view utf8_text) {
  if (utf8_text.empty() || utf8_text.size() > kMaxQrBytes) return std::nullopt;
  const std::unique_ptr<QRcode, QrCodeFree> code(
      QRcode_encodeData(static_cast<int>(utf8_text.size()), reinterpret_cast<const unsigned char*>(utf8_text.data()),
                        0, QR_ECLEVEL_M));
  if (!code || code->width <= 0 || code->data == nullptr) return std::nullopt;
  QrMatrix matrix;
  matrix.size = code->width;
  const auto count = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
  matrix.modules.resize(count);
  // libqrencode keeps flags for its own use in the upper bits; bit 0 is the colour.
  for (std::size_t i = 0; i < count; ++i) matrix.modules[i] = code->data[i] & 1u;
  return matrix;
}

void QrCode(const char* id, const QrMatrix& matrix, float module_px, const char* accessible_label) {
  const float side = static_cast<float>(matrix.size + 2 * kQrQuietZone) * module_px;
  // The item lands on whole pixels, so that modules of whole pixels stay sharp.
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(std::floor(cursor.x), std::floor(cursor.y)));
  ImGui::InvisibleButton(id, ImVec2(side, side));
  testing::record_last_item(id);
  if (accessible_label != nullptr && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", accessible_label);
  if (!ImGui::IsItemVisible()) return;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetItemRectMin();
  draw->AddRectFilled(min, ImVec2(min.x + side, min.y + side), IM_COL32_WHITE);
  const float origin_x = min.x + static_cast<float>(kQrQuietZone) * module_px;
  const float origin_y = min.y + static_cast<float>(kQrQuietZone) * module_px;
  for (int y = 0; y < matrix.size; ++y) {
    const float top = origin_y + static_cast<float>(y) * module_px;
    for (int x = 0; x < matrix.size;) {
      if (!matrix.dark(x, y)) {
        ++x;
        continue;
      }
      const int run_start = x;
      while (x < matrix.size && matrix.dark(x, y)) ++x;
      draw->AddRectFilled(ImVec2(origin_x + static_cast<float>(run_start) * module_px, top),
                          ImVec2(origin_x + static_cast<float>(x) * module_px, top + module_px), IM_COL32_BLACK);
    }
  }
}

}  // namespace ui
