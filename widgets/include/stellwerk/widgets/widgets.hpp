// Reusable widgets of the Stellwerk UI. They follow Dear ImGui's conventions: a label's text after
// "###" is its identity (so translated labels keep widget state), functions return true when the
// person activated them, and state is never shown by colour alone — every tone comes with an icon
// and a word.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <imgui.h>

namespace ui {

enum class Tone : unsigned char { neutral, ok, warning, danger, accent };

ImVec4 tone_color(Tone tone);

// A button that reports its place to the test locator.
bool Button(const char* label, const ImVec2& size = ImVec2(0, 0));

// The width of a button with this label at the current font and style.
float ButtonWidth(const char* label);

// Continues the line of the last item when something `width` wide still fits before the right edge
// of the content region, else lets the next item start a new line: keeps every control reachable
// at 200 % and with the longer German labels.
void SameLineIfFits(float width);

// A full-width entry of the navigation side bar: icon, label, and a keyboard hint on the right.
bool NavItem(const char* icon, const char* label, const char* identity, bool selected, const char* shortcut_hint);

// A single-line text field, as wide as the current item width (PushItemWidth), that reports its
// place to the test locator. `label` is only its identity ("###signin-user"): show the visible label above it, where
// it stays readable at every width. Returns what ImGui::InputText returns (with
// ImGuiInputTextFlags_EnterReturnsTrue: true when Enter was pressed in it).
bool TextField(const char* label, char* buffer, std::size_t size, ImGuiInputTextFlags flags = 0);

// Overwrites a secret typed into a TextField — the caller's buffer and ImGui's own edit copy of
// the last field that was edited, when that field is no longer active — so that a password does not
// stay in memory after it was used.
void WipeTextField(char* buffer, std::size_t size);

// A radio-style choice that reports its place to the test locator.
bool RadioOption(const char* label, bool active);

// An entry of a combo box's list ("text###identity") that reports its place to the test locator
// and takes the keyboard focus when the list opens on the selected entry.
bool ComboOption(const char* label, bool selected);

// Text in the width left on the current line (a table cell, a column): whole when it fits, else
// ending in "…" with the whole text in a tooltip while the pointer rests on it. For table cells
// and other places that must stay one line high; elsewhere prefer wrapped text. Returns true when
// it shortened the text.
bool TextFitted(std::string_view text);

// `text` inside the box [min, max] (a button's face, a cell): on one line when it fits, else
// broken into lines when they fit its height without breaking a word, else on one line ending in
// "…". Centred on one line, left-aligned when broken. Returns true when it shortened the text: the
// caller then shows it whole in a tooltip.
bool TextInBox(const ImVec2& min, const ImVec2& max, std::string_view text);

// The header row of the current table, like ImGui::TableHeadersRow, except that a title ImGui
// shortens to "…" shows whole in a tooltip while the pointer rests on it.
void TableHeadersRow();

// The title of a view, in the heading font.
void Heading(const char* icon, const char* text);

// A line with an icon, the text, and the tone's colour on the icon only (text keeps full contrast).
void StatusLine(const char* icon, std::string_view text, Tone tone);

// A card: a bordered child region with a title. Always call EndCard(), whatever BeginCard returned.
bool BeginCard(const char* identity, const char* icon, const char* title, float height_em);
void EndCard();

// Shown where a list has nothing to show, so that "empty" never looks like "broken".
void EmptyState(const char* text);

// One segment of the status bar (e.g. "Offline", "3 changes pending").
struct StatusSegment {
  const char* icon;
  std::string text;
  Tone tone = Tone::neutral;
  std::string tooltip;
};

// The status bar along the bottom edge of the main window. Its height is one line plus padding.
void StatusBar(std::span<const StatusSegment> segments);
float StatusBarHeight();

// The cell content of a week grid: one cell per day and half (am, pm).
struct WeekCell {
  const char* icon = nullptr;
  std::string text;         // e.g. "Office"; an empty cell says so in words
  bool disabled = false;    // weekends and public holidays
  std::string tooltip;
};

struct WeekCellRef {
  int day = 0;   // 0 = first column
  int half = 0;  // 0 = morning, 1 = afternoon
};

// A grid of `day_titles.size()` columns × 2 rows. `cells` is row-major by day: cells[day * 2 + half].
// Returns the cell the person activated (click, or Enter/Space on the focused cell).
std::optional<WeekCellRef> WeekGrid(const char* identity, std::span<const std::string> day_titles,
                                    std::span<const std::string> half_titles, std::span<const WeekCell> cells);

// Sizes in em: multiples of the current font size, so the layout follows the scale setting.
inline float em(float n) { return ImGui::GetFontSize() * n; }

}  // namespace ui
