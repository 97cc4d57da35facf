// QR codes on screen: the kiosk shows one that a phone scans to take a booking (an iCalendar
// event) along. Two parts: encode_qr() turns text into the module matrix with libqrencode and
// needs no ImGui context (so it is tested and reused on its own); ui::QrCode() draws a matrix.
// The code is always black on white with its quiet zone, whatever the theme, because phone
// cameras read dark modules on a light ground and need the light margin to find the code.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace ui {

// The symbol without its quiet zone: size × size modules, row by row, 1 = dark.
struct QrMatrix {
  int size = 0;
  std::vector<std::uint8_t> modules;
  // Outside the symbol (the quiet zone and beyond) every module is light, and so is one that
  // `modules` lacks.
  bool dark(int x, int y) const {
    if (x < 0 || y < 0 || x >= size || y >= size) return false;
    const std::size_t at = static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x);
    return at < modules.size() && modules[at] != 0;
  }
};

// The light margin a reader needs around the symbol, in modules on each side (ISO/IEC 18004).
inline constexpr int kQrQuietZone = 4;

// Encodes the bytes of `utf8_text` unchanged in 8-bit mode with error correction level M (15 % of
// the symbol may be lost), in the smallest version that holds them. Returns nullopt when the text
// is empty, when it does not fit the largest symbol (version 40-M holds 2331 bytes) or when
// libqrencode fails for any other reason; never throws. Thread-safe (Debian builds libqrencode
// with pthread).
std::optional<QrMatrix> encode_qr(std::string_view utf8_text);

// Draws `matrix` as one item of (size + 2 × kQrQuietZone) × module_px pixels square at the cursor:
// dark modules in black on a white backplate that includes the quiet zone. A whole number of pixels
// per module keeps the modules sharp. The item can take the keyboard focus (identity `id`, after
// "###" if present), and `accessible_label` ("QR code: add this booking to your calendar") shows as
// its tooltip on hover and focus, so the code is never a picture without words.
void QrCode(const char* id, const QrMatrix& matrix, float module_px, const char* accessible_label);

}  // namespace ui
