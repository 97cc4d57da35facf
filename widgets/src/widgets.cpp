// Implementation of the shared widgets. Colours come from the active theme's status palette so
// that the contrast test of widgets/theme.cpp covers them.
#include "stellwerk/widgets/widgets.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include <imgui_internal.h>  // GImGui->InputTextState: ImGui's copy of the text being edited

#include "stellwerk/core/secret.hpp"

#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/theme.hpp"

namespace ui {

ImVec4 tone_color(Tone tone) {
  const StatusColors& c = status_colors();
  switch (tone) {
    case Tone::ok: return c.ok;
    case Tone::warning: return c.warning;
    case Tone::danger: return c.danger;
    case Tone::accent: return c.accent;
    case Tone::neutral: break;
  }
  return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

bool Button(const char* label, const ImVec2& size) {
  const bool pressed = ImGui::Button(label, size);
  TabStop();
  testing::record_last_item(label);
  return pressed;
}

float ButtonWidth(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

void SameLineIfFits(float width) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  // Inside a table column the column's own edge counts, which the work rect gives.
  const float limit = std::min(right_edge, ImGui::GetCurrentWindow()->WorkRect.Max.x);
  if (ImGui::GetItemRectMax().x + spacing + width <= limit) ImGui::SameLine();
}

bool NavItem(const char* icon, const char* label, const char* identity, bool selected, const char* shortcut_hint) {
  ImGui::PushID(identity);
  const float height = em(2.2f);
  const std::string text = std::string(icon) + "  " + label;
  const bool pressed = ImGui::Selectable("##nav", selected, ImGuiSelectableFlags_None, ImVec2(0, height));
  testing::record_last_item(identity);
  // Text is drawn over the selectable so that label and hint can align independently.
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float text_y = min.y + (height - ImGui::GetFontSize()) * 0.5f;
  if (selected) {
    // A bar on the left marks the current view in addition to the header colour and bold label.
    draw->AddRectFilled(min, ImVec2(min.x + em(0.25f), max.y), ImGui::GetColorU32(tone_color(Tone::accent)));
  }
  // The hint gives way when label and hint would touch (a long translation, a narrow side bar):
  // the label matters, the shortcut is a convenience. A label wider than the entry ends in "…"
  // and shows whole in a tooltip.
  const float label_x = min.x + em(0.8f);
  const float label_width = ImGui::CalcTextSize(text.c_str()).x;
  const bool has_hint = shortcut_hint != nullptr && *shortcut_hint != '\0';
  const float hint_width = has_hint ? ImGui::CalcTextSize(shortcut_hint).x : 0.0f;
  const float hint_x = max.x - hint_width - em(0.6f);
  const bool hint_fits = has_hint && label_x + label_width + em(0.5f) <= hint_x;
  const float label_limit = hint_fits ? hint_x - em(0.5f) : max.x - em(0.4f);
  if (label_x + label_width <= label_limit) {
    draw->AddText(ImVec2(label_x, text_y), ImGui::GetColorU32(ImGuiCol_Text), text.c_str());
  } else {
    const ImVec2 label_min(label_x, text_y);
    ImGui::RenderTextEllipsis(draw, label_min, ImVec2(label_limit, text_y + ImGui::GetFontSize()), label_limit,
                              label_limit, text.c_str(), nullptr, nullptr);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label);
  }
  if (hint_fits) {
    draw->AddText(ImVec2(hint_x, text_y), ImGui::GetColorU32(ImGuiCol_TextDisabled), shortcut_hint);
  }
  ImGui::PopID();
  return pressed;
}

bool TextField(const char* label, char* buffer, std::size_t size, ImGuiInputTextFlags flags) {
  TextFieldTabFocus(label);
  // Tab is the cycle's (tab_order.hpp): ImGui's own Tab, which jumps from any control to the next
  // text field, would take the focus from the control the cycle just chose.
  ImGui::PushAllowKeyboardFocus(false);
  const bool result = ImGui::InputText(label, buffer, size, flags);
  ImGui::PopAllowKeyboardFocus();
  TabStop();
  testing::record_last_item(label);
  return result;
}

void WipeTextField(char* buffer, std::size_t size) {
  stellwerk::wipe(buffer, size);
  ImGuiContext* context = ImGui::GetCurrentContext();
  if (context == nullptr) return;
  ImGuiInputTextState& state = context->InputTextState;
  // An active field would copy its text back into the caller's buffer; the state of an inactive
  // one is rebuilt from that buffer when it is activated again, so clearing it loses nothing.
  if (state.ID != 0 && state.ID == context->ActiveId) return;
  stellwerk::wipe(state.TextW.Data, static_cast<std::size_t>(state.TextW.Capacity) * sizeof(ImWchar));
  stellwerk::wipe(state.TextA.Data, static_cast<std::size_t>(state.TextA.Capacity));
  stellwerk::wipe(state.InitialTextA.Data, static_cast<std::size_t>(state.InitialTextA.Capacity));
  state.CurLenW = state.CurLenA = 0;
  state.Stb = {};
}

bool RadioOption(const char* label, bool active) {
  const bool pressed = ImGui::RadioButton(label, active);
  TabStop();
  testing::record_last_item(label);
  return pressed;
}

bool ComboOption(const char* label, bool selected) {
  const bool pressed = ImGui::Selectable(label, selected);
  TabStop();
  testing::record_last_item(label);
  if (selected) ImGui::SetItemDefaultFocus();
  return pressed;
}

bool TextFitted(std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  const float available = ImGui::GetContentRegionAvail().x;
  const ImVec2 size = ImGui::CalcTextSize(begin, end, false);
  if (size.x <= available) {
    ImGui::TextUnformatted(begin, end);
    return false;
  }
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  // Where TextUnformatted would put it: on the baseline of framed widgets beside it.
  const ImVec2 pos(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
  const float width = std::max(available, 1.0f);
  const ImRect bb(pos, ImVec2(pos.x + width, pos.y + size.y));
  ImGui::ItemSize(ImVec2(width, size.y), 0.0f);
  if (!ImGui::ItemAdd(bb, 0)) return true;
  ImGui::RenderTextEllipsis(window->DrawList, bb.Min, bb.Max, bb.Max.x, bb.Max.x, begin, end, &size);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(text.size()), begin);
  return true;
}

bool TextInBox(const ImVec2& min, const ImVec2& max, std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  const float width = max.x - min.x;
  const float height = max.y - min.y;
  const ImVec2 size = ImGui::CalcTextSize(begin, end, false);
  if (size.x <= width) {
    ImGui::RenderText(ImVec2(min.x + (width - size.x) * 0.5f, min.y + (height - size.y) * 0.5f), begin, end, false);
    return false;
  }
  // Broken into lines only at spaces: a word split in two reads as two words.
  bool words_fit = true;
  for (const char* word = begin; word < end && words_fit;) {
    const char* word_end = std::find(word, end, ' ');
    words_fit = ImGui::CalcTextSize(word, word_end, false).x <= width;
    word = word_end + 1;
  }
  const ImVec2 wrapped = ImGui::CalcTextSize(begin, end, false, width);
  if (words_fit && wrapped.y <= height) {
    ImGui::RenderTextWrapped(ImVec2(min.x, min.y + (height - wrapped.y) * 0.5f), begin, end, width);
    return false;
  }
  const ImVec2 top_left(min.x, min.y + (height - size.y) * 0.5f);
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), top_left, ImVec2(max.x, top_left.y + size.y), max.x, max.x,
                            begin, end, &size);
  return true;
}

void TableHeadersRow() {
  ImGuiTable* table = ImGui::GetCurrentTable();
  if (table == nullptr) return;
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ImGui::TableGetHeaderRowHeight());
  const int columns = ImGui::TableGetColumnCount();
  for (int n = 0; n < columns; ++n) {
    if (!ImGui::TableSetColumnIndex(n)) continue;
    const char* name = ImGui::TableGetColumnName(n);
    ImGui::PushID(table->InstanceCurrent * table->ColumnsCount + n);  // as ImGui's own header row
    ImGui::TableHeader(name);
    ImGui::PopID();
    const ImGuiTableColumn& column = table->Columns[n];
    const float room = column.WorkMaxX - column.WorkMinX;
    if (ImGui::IsItemHovered() && ImGui::CalcTextSize(name, nullptr, true).x > room) {
      const char* shown_end = ImGui::FindRenderedTextEnd(name);
      ImGui::SetTooltip("%.*s", static_cast<int>(shown_end - name), name);
    }
  }
}

void Heading(const char* icon, const char* text) {
  ImGui::PushFont(fonts().heading != nullptr ? fonts().heading : ImGui::GetFont());
  if (icon != nullptr) {
    ImGui::TextUnformatted(icon);
    ImGui::SameLine();
  }
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
  ImGui::Spacing();
}

void StatusLine(const char* icon, std::string_view text, Tone tone) {
  if (icon != nullptr) {
    ImGui::PushStyleColor(ImGuiCol_Text, tone_color(tone));
    ImGui::TextUnformatted(icon);
    ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  ImGui::TextWrapped("%.*s", static_cast<int>(text.size()), text.data());
}

bool BeginCard(const char* identity, const char* icon, const char* title, float height_em) {
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, em(0.4f));
  const bool open = ImGui::BeginChild(identity, ImVec2(0, em(height_em)), true);
  ImGui::PopStyleVar();
  if (open) {
    ImGui::PushFont(fonts().heading != nullptr ? fonts().heading : ImGui::GetFont());
    if (icon != nullptr) {
      ImGui::TextUnformatted(icon);
      ImGui::SameLine();
    }
    // Wrapped: a narrow card at 200 % would cut "Meine Buchung heute".
    ImGui::TextWrapped("%s", title);
    ImGui::PopFont();
    ImGui::Separator();
  }
  return open;
}

void EndCard() { ImGui::EndChild(); }

void EmptyState(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

float StatusBarHeight() { return ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y; }

void StatusBar(std::span<const StatusSegment> segments) {
  bool first = true;
  for (const StatusSegment& segment : segments) {
    if (!first) {
      ImGui::SameLine(0, em(1.5f));
    }
    first = false;
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, tone_color(segment.tone));
    ImGui::TextUnformatted(segment.icon);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(segment.text.c_str());
    ImGui::EndGroup();
    if (!segment.tooltip.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", segment.tooltip.c_str());
  }
}

std::optional<WeekCellRef> WeekGrid(const char* identity, std::span<const std::string> day_titles,
                                    std::span<const std::string> half_titles, std::span<const WeekCell> cells) {
  std::optional<WeekCellRef> activated;
  const int days = static_cast<int>(day_titles.size());
  if (days == 0 || half_titles.size() < 2 || cells.size() < day_titles.size() * 2) return activated;
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame;
  if (!ImGui::BeginTable(identity, days + 1, flags)) return activated;
  ImGui::TableSetupColumn("##half", ImGuiTableColumnFlags_WidthFixed, em(7.0f));
  for (const std::string& title : day_titles) ImGui::TableSetupColumn(title.c_str());
  TableHeadersRow();
  const float cell_height = em(3.2f);
  for (int half = 0; half < 2; ++half) {
    ImGui::TableNextRow(ImGuiTableRowFlags_None, cell_height);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(half_titles[static_cast<std::size_t>(half)].c_str());
    for (int day = 0; day < days; ++day) {
      ImGui::TableNextColumn();
      const WeekCell& cell = cells[static_cast<std::size_t>(day * 2 + half)];
      ImGui::PushID(day * 2 + half);
      if (cell.disabled) ImGui::BeginDisabled();
      const std::string label = (cell.icon != nullptr ? std::string(cell.icon) + " " : std::string()) + cell.text;
      // The label is drawn on the button's face by TextInBox, so that "Mobiles Arbeiten" in a
      // narrow column at 200 % breaks into two lines instead of being cut.
      const bool pressed = ImGui::Button("##cell", ImVec2(-FLT_MIN, cell_height - em(0.4f)));
      TabStop();
      testing::record_last_item("cell-" + std::to_string(day) + "-" + std::to_string(half));
      const ImVec2 padding = ImGui::GetStyle().FramePadding;
      const ImVec2 face_min(ImGui::GetItemRectMin().x + padding.x, ImGui::GetItemRectMin().y + padding.y);
      const ImVec2 face_max(ImGui::GetItemRectMax().x - padding.x, ImGui::GetItemRectMax().y - padding.y);
      // When icon and word do not share one line, the icon gets the top line to itself and the
      // word the rest, so that a narrow cell shortens the word ("Mobil…"), never hides it.
      bool shortened = false;
      if (cell.icon == nullptr || ImGui::CalcTextSize(label.c_str()).x <= face_max.x - face_min.x) {
        shortened = TextInBox(face_min, face_max, label);
      } else {
        const float split = face_min.y + (face_max.y - face_min.y) * 0.45f;
        TextInBox(face_min, ImVec2(face_max.x, split), cell.icon);
        shortened = TextInBox(ImVec2(face_min.x, split), face_max, cell.text);
      }
      if (cell.disabled) ImGui::EndDisabled();
      if ((shortened || !cell.tooltip.empty()) && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        const std::string tooltip = shortened && !cell.tooltip.empty() ? label + "\n" + cell.tooltip
                                    : shortened                       ? label
                                                                      : cell.tooltip;
        ImGui::SetTooltip("%s", tooltip.c_str());
      }
      if (pressed) activated = WeekCellRef{day, half};
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
  return activated;
}

}  // namespace ui
