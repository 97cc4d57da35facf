// QR codes as a phone sees them: an iCalendar booking with umlauts is encoded, drawn at 8 px per
// module with its quiet zone into a PNG, and read back by an independent decoder (Debian's zbarimg)
// byte for byte; text too long for any symbol is refused, not crashed on; and the ImGui widget
// takes exactly the room of the code and its quiet zone, black on white in the dark theme too,
// with its words in a tooltip.
#include <gtest/gtest.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <imgui_internal.h>  // ImGui::FindWindowByName: the draw list of the test window

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/icalendar.hpp"
#include "stellwerk/widgets/qr_code.hpp"
#include "widget_session.hpp"

namespace {

using widget_tests::WidgetSession;

constexpr int kModulePx = 8;

std::string booking_calendar() {
  stellwerk::CalendarEvent event;
  event.uid = "booking-4711@stellwerk.example";
  event.start = *stellwerk::parse_rfc3339("2026-11-03T08:00:00+01:00");
  event.end = *stellwerk::parse_rfc3339("2026-11-03T12:00:00+01:00");
  event.summary = "Arbeitsplatz 2.14 – Größere Übungsräume, Süd";
  event.location = "Rathaus Köln, Straße am Dom 1; 2. Etage";
  event.description = "Gebucht am Kiosk. Bitte einchecken: ab 07:45 Uhr.";
  const std::vector<stellwerk::CalendarEvent> events{event};
  return stellwerk::icalendar(events, *stellwerk::parse_rfc3339("2026-10-30T10:00:00Z"), "-//Stellwerk//Kiosk//DE");
}

// The matrix as a grey image, `px` pixels per module, with the quiet zone, as the widget draws it.
std::vector<unsigned char> raster(const ui::QrMatrix& matrix, int px) {
  const int side = (matrix.size + 2 * ui::kQrQuietZone) * px;
  std::vector<unsigned char> pixels(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), 255);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      if (matrix.dark(x / px - ui::kQrQuietZone, y / px - ui::kQrQuietZone)) {
        pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(side) + static_cast<std::size_t>(x)] = 0;
      }
    }
  }
  return pixels;
}

struct Decoded {
  int status = -1;
  std::string text;
};

// zbarimg --raw prints each symbol's text (converted to UTF-8, as a phone's reader does) and a
// line break; its complaints (no D-Bus in a container) go to stderr, which is dropped.
Decoded decode_png(const std::filesystem::path& png) {
  Decoded decoded;
  const std::string command = "zbarimg --quiet --raw -Sdisable -Sqrcode.enable '" + png.string() + "' 2>/dev/null";
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) decoded.text.append(buffer.data(), n);
    decoded.status = ::pclose(pipe);
  }
  if (decoded.text.ends_with('\n')) decoded.text.pop_back();
  return decoded;
}

TEST(QrCode, PhoneReaderDecodesTheCalendarEventByteForByte) {
  const std::string text = booking_calendar();
  ASSERT_NE(text.find("Größere Übungsräume"), std::string::npos);
  const auto matrix = ui::encode_qr(text);
  ASSERT_TRUE(matrix);
  EXPECT_EQ(matrix->modules.size(), static_cast<std::size_t>(matrix->size * matrix->size));
  const int side = (matrix->size + 2 * ui::kQrQuietZone) * kModulePx;
  const auto png = std::filesystem::path(::testing::TempDir()) / ("stellwerk-qr-" + std::to_string(::getpid()) + ".png");
  const auto pixels = raster(*matrix, kModulePx);
  ASSERT_NE(stbi_write_png(png.c_str(), side, side, 1, pixels.data(), side), 0);
  const Decoded decoded = decode_png(png);
  std::filesystem::remove(png);
  ASSERT_EQ(decoded.status, 0) << "zbarimg found no code (is zbar-tools installed? scripts/setup installs it)";
  EXPECT_EQ(decoded.text, text);
}

TEST(QrCode, TextTooLongForAnySymbolIsRefused) {
  EXPECT_FALSE(ui::encode_qr(std::string(5000, 'x')));
  EXPECT_FALSE(ui::encode_qr(std::string(2332, 'x')));  // one byte more than version 40-M holds
  const auto largest = ui::encode_qr(std::string(2331, 'x'));
  ASSERT_TRUE(largest);
  EXPECT_EQ(largest->size, 177);  // version 40
  EXPECT_FALSE(ui::encode_qr(""));
}

TEST(QrCode, ModulesOutsideTheSymbolAreLight) {
  const auto matrix = ui::encode_qr("Tisch 2.14");
  ASSERT_TRUE(matrix);
  EXPECT_TRUE(matrix->dark(0, 0));  // the corner of a finder pattern
  EXPECT_FALSE(matrix->dark(-1, 0));
  EXPECT_FALSE(matrix->dark(0, matrix->size));
  const ui::QrMatrix broken{5, {1, 1}};  // fewer modules than it claims
  EXPECT_FALSE(broken.dark(4, 4));
}

// The filled rectangles of `colour` in the test window that cover the box [min, max] whole.
int rects_covering(const ImDrawList& list, ImU32 colour, ImVec2 min, ImVec2 max) {
  int found = 0;
  // AddRectFilled without rounding writes 4 vertices: top-left, top-right, bottom-right, bottom-left.
  for (int i = 0; i + 3 < list.VtxBuffer.Size; ++i) {
    const ImDrawVert& a = list.VtxBuffer[i];
    const ImDrawVert& c = list.VtxBuffer[i + 2];
    if (a.col == colour && c.col == colour && a.pos.x <= min.x && a.pos.y <= min.y && c.pos.x >= max.x &&
        c.pos.y >= max.y) {
      ++found;
    }
  }
  return found;
}

TEST(QrCode, WidgetTakesTheCodeAndItsQuietZoneBlackOnWhiteInTheDarkTheme) {
  WidgetSession session(ui::ThemeId::dark);
  const auto matrix = ui::encode_qr(booking_calendar());
  ASSERT_TRUE(matrix);
  float after_top = 0;  // where the next item starts
  const auto draw = [&] {
    ImGui::TextUnformatted("Scan to add it to your calendar");
    ui::QrCode("###booking-qr", *matrix, static_cast<float>(kModulePx), "QR code: this booking as a calendar event");
    ImGui::TextUnformatted("after the code");
    after_top = ImGui::GetItemRectMin().y;
  };
  session.frames(draw, 2);
  const auto rect = session.find("booking-qr");
  ASSERT_TRUE(rect);
  const float side = static_cast<float>((matrix->size + 8) * kModulePx);
  EXPECT_EQ(rect->max.x - rect->min.x, side);
  EXPECT_EQ(rect->max.y - rect->min.y, side);
  ImGuiWindow* window = ImGui::FindWindowByName("###widget-test");
  ASSERT_NE(window, nullptr);
  EXPECT_EQ(rects_covering(*window->DrawList, IM_COL32_WHITE, rect->min, rect->max), 1) << "no white backplate";
  // The top-left finder pattern starts with a run of 7 dark modules, just inside the quiet zone.
  const float inset = 4.0f * kModulePx;
  const ImVec2 finder_min(rect->min.x + inset, rect->min.y + inset);
  EXPECT_EQ(rects_covering(*window->DrawList, IM_COL32_BLACK, finder_min,
                           ImVec2(finder_min.x + 7.0f * kModulePx, finder_min.y + kModulePx)),
            1);
  // The next item starts below the code, not on top of it.
  EXPECT_GE(after_top, rect->max.y);
}

TEST(QrCode, WidgetSaysWhatItIsWhenThePointerRestsOnIt) {
  WidgetSession session(ui::ThemeId::high_contrast);
  const auto matrix = ui::encode_qr("BEGIN:VCALENDAR");
  ASSERT_TRUE(matrix);
  const auto draw = [&] { ui::QrCode("qr", *matrix, 4.0f, "QR-Code: diese Buchung für Ihren Kalender"); };
  session.frame(draw);
  EXPECT_FALSE(session.shows_text("QR-Code: diese Buchung"));
  const auto rect = session.find("qr");
  ASSERT_TRUE(rect);
  ImGui::GetIO().MousePos = rect->center();
  session.frames(draw, 2);
  EXPECT_TRUE(session.shows_text("QR-Code: diese Buchung für Ihren Kalender"));
}

}  // namespace
