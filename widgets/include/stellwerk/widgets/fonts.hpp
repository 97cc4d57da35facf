// Font loading: Noto Sans (regular and bold, from Debian's fonts-noto-core) with every glyph German
// needs plus typographic punctuation, €, and FontAwesome icons merged in. Fonts are taken from
// Debian's paths when present, else found through fontconfig. All sizes are in em: 1 em = 16 px × scale.
#pragma once

#include <string>

#include <imgui.h>

namespace ui {

struct Fonts {
  ImFont* body = nullptr;     // 1 em, with icons
  ImFont* heading = nullptr;  // 1.5 em bold, with icons
  std::string warning;        // set when a font was missing and ImGui's default stands in
};

constexpr float kBaseFontPixels = 16.0f;

// Clears the current context's font atlas and loads our fonts at `scale` (1.0 … 2.0). The caller
// must rebuild the renderer's font texture afterwards.
Fonts load_fonts(float scale);

// Clears `atlas` and builds our fonts at `scale` into it, pixels included, without touching any
// ImGui context: start-up runs it on a thread while the window opens, then hands the atlas to
// ImGui::CreateContext and calls use_fonts. No other thread may use ImGui meanwhile.
Fonts build_fonts(ImFontAtlas& atlas, float scale);

// Makes fonts built by build_fonts into the current context's atlas the ones in use.
void use_fonts(const Fonts& built);

// The fonts loaded last (the body font is also the atlas default).
const Fonts& fonts();

// Path of the first installed font that fontconfig matches exactly for `pattern`
// (e.g. "Noto Sans:style=Bold"), or empty when none matches.
std::string find_font_file(const char* family, const char* style);

}  // namespace ui
