// Theme palettes. Each palette names a handful of roles (background, surface, text, border,
// accent, …) and maps them onto ImGui's colour slots, so that the three themes differ only in
// their role colours and the contrast rules hold for every slot a role is used in.
#include "stellwerk/widgets/theme.hpp"

#include <cmath>

namespace ui {
namespace {

ImVec4 hex(unsigned rgb, float alpha = 1.0f) {
  return ImVec4(static_cast<float>((rgb >> 16) & 0xff) / 255.0f, static_cast<float>((rgb >> 8) & 0xff) / 255.0f,
                static_cast<float>(rgb & 0xff) / 255.0f, alpha);
}

struct Palette {
  unsigned background;      // window
  unsigned surface;         // child windows, popups, side bar
  unsigned field;           // text fields and other frames
  unsigned field_hovered;
  unsigned text;
  unsigned text_secondary;  // still ≥ 4.5:1: we use it for real information, not decoration
  unsigned border;          // control boundaries: ≥ 3:1 against background and surface
  unsigned control;         // buttons, headers, tabs
  unsigned control_hovered;
  unsigned control_active;
  unsigned accent;          // check marks, slider grabs, focus ring
  unsigned ok, warning, danger, link;
  unsigned reserved;        // held for someone else's need (accessible desks): a fifth hue, not a shade of one above
  float frame_border;       // border width: the high-contrast theme draws heavier outlines
};

constexpr Palette kLight{
    .background = 0xF6F7F9, .surface = 0xFFFFFF, .field = 0xFFFFFF, .field_hovered = 0xEEF2F8,
    .text = 0x1B1C1E, .text_secondary = 0x50555C, .border = 0x7A7F87,
    .control = 0xDCE5F3, .control_hovered = 0xC9D8EE, .control_active = 0xB5C9E8,
    .accent = 0x1F56A8, .ok = 0x1B6E2E, .warning = 0x8A5300, .danger = 0xB3261E, .link = 0x1F56A8,
    .reserved = 0x6B3FA0,
    .frame_border = 1.0f};

constexpr Palette kDark{
    .background = 0x1C1D20, .surface = 0x25272B, .field = 0x2E3035, .field_hovered = 0x373A40,
    .text = 0xECEDEF, .text_secondary = 0xC8CCD2, .border = 0x8C919A,
    .control = 0x2F3F5A, .control_hovered = 0x3A4E70, .control_active = 0x465E86,
    .accent = 0x8AB4F8, .ok = 0x7CCB8C, .warning = 0xF2B757, .danger = 0xFF8A80, .link = 0x8AB4F8,
    .reserved = 0xC9A7F5,
    .frame_border = 1.0f};

constexpr Palette kHighContrast{
    .background = 0x000000, .surface = 0x000000, .field = 0x000000, .field_hovered = 0x1A1A1A,
    .text = 0xFFFFFF, .text_secondary = 0xE6E6E6, .border = 0xFFFFFF,
    .control = 0x000000, .control_hovered = 0x1F2E4D, .control_active = 0x003A80,
    .accent = 0xFFD500, .ok = 0x7DFF8F, .warning = 0xFFD500, .danger = 0xFF9E9E, .link = 0x66CCFF,
    .reserved = 0xE6A3FF,
    .frame_border = 2.0f};

const Palette& palette(ThemeId id) {
  switch (id) {
    case ThemeId::dark: return kDark;
    case ThemeId::high_contrast: return kHighContrast;
    case ThemeId::light:
    case ThemeId::COUNT: break;
  }
  return kLight;
}

StatusColors g_status = {hex(kLight.ok), hex(kLight.warning), hex(kLight.danger), hex(kLight.link),
                         hex(kLight.reserved)};

double channel_luminance(float c) {
  const double v = c;
  return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double relative_luminance(const ImVec4& c) {
  return 0.2126 * channel_luminance(c.x) + 0.7152 * channel_luminance(c.y) + 0.0722 * channel_luminance(c.z);
}

// Text must read on every surface it is drawn on (4.5:1); boundaries of controls, check marks,
// slider grabs and the keyboard focus ring must stand out from what surrounds them (3:1).
constexpr ContrastRequirement kRequirements[] = {
    {ImGuiCol_Text, ImGuiCol_WindowBg, 4.5},        {ImGuiCol_Text, ImGuiCol_ChildBg, 4.5},
    {ImGuiCol_Text, ImGuiCol_PopupBg, 4.5},         {ImGuiCol_Text, ImGuiCol_FrameBg, 4.5},
    {ImGuiCol_Text, ImGuiCol_FrameBgHovered, 4.5},  {ImGuiCol_Text, ImGuiCol_FrameBgActive, 4.5},
    {ImGuiCol_Text, ImGuiCol_Button, 4.5},          {ImGuiCol_Text, ImGuiCol_ButtonHovered, 4.5},
    {ImGuiCol_Text, ImGuiCol_ButtonActive, 4.5},    {ImGuiCol_Text, ImGuiCol_Header, 4.5},
    {ImGuiCol_Text, ImGuiCol_HeaderHovered, 4.5},   {ImGuiCol_Text, ImGuiCol_HeaderActive, 4.5},
    {ImGuiCol_Text, ImGuiCol_TitleBg, 4.5},         {ImGuiCol_Text, ImGuiCol_TitleBgActive, 4.5},
    {ImGuiCol_Text, ImGuiCol_MenuBarBg, 4.5},       {ImGuiCol_Text, ImGuiCol_Tab, 4.5},
    {ImGuiCol_Text, ImGuiCol_TabHovered, 4.5},      {ImGuiCol_Text, ImGuiCol_TabActive, 4.5},
    {ImGuiCol_Text, ImGuiCol_TableHeaderBg, 4.5},   {ImGuiCol_Text, ImGuiCol_TableRowBgAlt, 4.5},
    {ImGuiCol_TextDisabled, ImGuiCol_WindowBg, 4.5}, {ImGuiCol_TextDisabled, ImGuiCol_ChildBg, 4.5},
    // The side bar draws its shortcut hints in secondary text on selected and hovered entries.
    {ImGuiCol_TextDisabled, ImGuiCol_Header, 4.5},  {ImGuiCol_TextDisabled, ImGuiCol_HeaderHovered, 4.5},
    {ImGuiCol_Border, ImGuiCol_WindowBg, 3.0},      {ImGuiCol_Border, ImGuiCol_ChildBg, 3.0},
    {ImGuiCol_CheckMark, ImGuiCol_FrameBg, 3.0},    {ImGuiCol_SliderGrab, ImGuiCol_FrameBg, 3.0},
    {ImGuiCol_SliderGrabActive, ImGuiCol_FrameBg, 3.0}, {ImGuiCol_NavHighlight, ImGuiCol_WindowBg, 3.0},
    {ImGuiCol_NavHighlight, ImGuiCol_ChildBg, 3.0}, {ImGuiCol_ScrollbarGrab, ImGuiCol_ScrollbarBg, 3.0},
    {ImGuiCol_PlotHistogram, ImGuiCol_FrameBg, 3.0},
};

}  // namespace

std::string_view to_string(ThemeId id) {
  switch (id) {
    case ThemeId::light: return "light";
    case ThemeId::dark: return "dark";
    case ThemeId::high_contrast: return "high-contrast";
    case ThemeId::COUNT: break;
  }
  return "light";
}

std::optional<ThemeId> parse_theme(std::string_view name) {
  for (int i = 0; i < static_cast<int>(ThemeId::COUNT); ++i) {
    if (to_string(static_cast<ThemeId>(i)) == name) return static_cast<ThemeId>(i);
  }
  return std::nullopt;
}

Theme make_theme(ThemeId id, float scale) {
  const Palette& p = palette(id);
  Theme theme;
  ImGuiStyle& s = theme.style;  // starts from ImGui's defaults for every size
  s.WindowRounding = 0.0f;
  s.ChildRounding = 4.0f;
  s.FrameRounding = 4.0f;
  s.PopupRounding = 4.0f;
  s.GrabRounding = 4.0f;
  s.TabRounding = 4.0f;
  s.FrameBorderSize = p.frame_border;
  s.WindowBorderSize = 0.0f;
  s.ChildBorderSize = 1.0f;
  s.PopupBorderSize = 1.0f;
  s.WindowPadding = ImVec2(12, 12);
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(8, 7);
  s.ScrollbarSize = 16.0f;
  s.GrabMinSize = 14.0f;

  ImVec4* c = s.Colors;
  const ImVec4 transparent(0, 0, 0, 0);
  c[ImGuiCol_Text] = hex(p.text);
  c[ImGuiCol_TextDisabled] = hex(p.text_secondary);
  c[ImGuiCol_WindowBg] = hex(p.background);
  c[ImGuiCol_ChildBg] = hex(p.surface);
  c[ImGuiCol_PopupBg] = hex(p.surface);
  c[ImGuiCol_Border] = hex(p.border);
  c[ImGuiCol_BorderShadow] = transparent;
  c[ImGuiCol_FrameBg] = hex(p.field);
  c[ImGuiCol_FrameBgHovered] = hex(p.field_hovered);
  c[ImGuiCol_FrameBgActive] = hex(p.field_hovered);
  c[ImGuiCol_TitleBg] = hex(p.surface);
  c[ImGuiCol_TitleBgActive] = hex(p.surface);
  c[ImGuiCol_TitleBgCollapsed] = hex(p.surface);
  c[ImGuiCol_MenuBarBg] = hex(p.surface);
  c[ImGuiCol_ScrollbarBg] = hex(p.background);
  c[ImGuiCol_ScrollbarGrab] = hex(p.border);
  c[ImGuiCol_ScrollbarGrabHovered] = hex(p.text_secondary);
  c[ImGuiCol_ScrollbarGrabActive] = hex(p.text);
  c[ImGuiCol_CheckMark] = hex(p.accent);
  c[ImGuiCol_SliderGrab] = hex(p.accent);
  c[ImGuiCol_SliderGrabActive] = hex(p.accent);
  c[ImGuiCol_Button] = hex(p.control);
  c[ImGuiCol_ButtonHovered] = hex(p.control_hovered);
  c[ImGuiCol_ButtonActive] = hex(p.control_active);
  c[ImGuiCol_Header] = hex(p.control);
  c[ImGuiCol_HeaderHovered] = hex(p.control_hovered);
  c[ImGuiCol_HeaderActive] = hex(p.control_active);
  c[ImGuiCol_Separator] = hex(p.border);
  c[ImGuiCol_SeparatorHovered] = hex(p.accent);
  c[ImGuiCol_SeparatorActive] = hex(p.accent);
  c[ImGuiCol_ResizeGrip] = hex(p.border);
  c[ImGuiCol_ResizeGripHovered] = hex(p.accent);
  c[ImGuiCol_ResizeGripActive] = hex(p.accent);
  c[ImGuiCol_Tab] = hex(p.control);
  c[ImGuiCol_TabHovered] = hex(p.control_hovered);
  c[ImGuiCol_TabActive] = hex(p.control_active);
  c[ImGuiCol_TabUnfocused] = hex(p.control);
  c[ImGuiCol_TabUnfocusedActive] = hex(p.control_active);
  c[ImGuiCol_PlotLines] = hex(p.accent);
  c[ImGuiCol_PlotLinesHovered] = hex(p.accent);
  c[ImGuiCol_PlotHistogram] = hex(p.accent);
  c[ImGuiCol_PlotHistogramHovered] = hex(p.accent);
  c[ImGuiCol_TableHeaderBg] = hex(p.control);
  c[ImGuiCol_TableBorderStrong] = hex(p.border);
  c[ImGuiCol_TableBorderLight] = hex(p.border, 0.5f);
  c[ImGuiCol_TableRowBg] = transparent;
  c[ImGuiCol_TableRowBgAlt] = hex(p.field_hovered);
  c[ImGuiCol_TextSelectedBg] = hex(p.accent, 0.35f);
  c[ImGuiCol_DragDropTarget] = hex(p.accent);
  c[ImGuiCol_NavHighlight] = hex(p.accent);
  c[ImGuiCol_NavWindowingHighlight] = hex(p.accent);
  c[ImGuiCol_NavWindowingDimBg] = hex(0x000000, 0.35f);
  c[ImGuiCol_ModalWindowDimBg] = hex(0x000000, 0.45f);

  theme.status = {hex(p.ok), hex(p.warning), hex(p.danger), hex(p.link), hex(p.reserved)};
  s.ScaleAllSizes(scale);
  return theme;
}

void apply_theme(ThemeId id, float scale) {
  Theme theme = make_theme(id, scale);
  ImGui::GetStyle() = theme.style;
  g_status = theme.status;
}

const StatusColors& status_colors() { return g_status; }

double contrast_ratio(const ImVec4& a, const ImVec4& b) {
  const double la = relative_luminance(a);
  const double lb = relative_luminance(b);
  const double hi = la > lb ? la : lb;
  const double lo = la > lb ? lb : la;
  return (hi + 0.05) / (lo + 0.05);
}

std::span<const ContrastRequirement> contrast_requirements() { return kRequirements; }

}  // namespace ui
