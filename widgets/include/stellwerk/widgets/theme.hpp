// The three colour themes (light, dark, high contrast) and the size scale. Each theme is a full
// set of Dear ImGui colours plus the few status colours our widgets add; tests/client checks every
// theme against WCAG 2.1 (text ≥ 4.5:1, controls and focus ≥ 3:1), so a colour change that hurts
// legibility fails the build.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include <imgui.h>

namespace ui {

enum class ThemeId : unsigned char { light, dark, high_contrast, COUNT };

std::string_view to_string(ThemeId);                   // "light", "dark", "high-contrast"
std::optional<ThemeId> parse_theme(std::string_view);  // the same names

// Colours our widgets use beyond ImGuiStyle. Each is used as a text or icon colour on WindowBg.
struct StatusColors {
  ImVec4 ok;       // online, confirmed, completed
  ImVec4 warning;  // pending, due soon
  ImVec4 danger;   // offline, rejected, overdue
  ImVec4 accent;   // selection marks, links
  ImVec4 reserved; // places held for people who need them (accessible desks on the floor plan)
};

struct Theme {
  ImGuiStyle style;
  StatusColors status;
};

// A theme with every size multiplied by `scale` (1.0 = 100 %, 2.0 = 200 %).
Theme make_theme(ThemeId id, float scale);

// Makes `id` the theme of the current ImGui context.
void apply_theme(ThemeId id, float scale);

// The status colours of the theme applied last.
const StatusColors& status_colors();

// WCAG 2.1 contrast ratio between two opaque colours (alpha is ignored), 1.0 … 21.0.
double contrast_ratio(const ImVec4& a, const ImVec4& b);

// The colours a theme must keep apart, as (foreground, background, minimum ratio, what) rows.
struct ContrastRequirement {
  ImGuiCol foreground;
  ImGuiCol background;
  double minimum;
};
std::span<const ContrastRequirement> contrast_requirements();

}  // namespace ui
