// The kiosk's window, its top bar, the idle screen and the idle warning (see kiosk_view.hpp).
#include "kiosk_view.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::kiosk {
namespace {

using i18n::tr;
using ui::em;

ui::SpotStyles spot_styles() {
  ui::SpotStyles styles;
  for (std::size_t i = 0; i < styles.size(); ++i) {
    const auto state = static_cast<ui::SpotState>(i);
    styles[i] = ui::SpotStateStyle{client::icon(state), client::label(state)};
  }
  return styles;
}

void big_text(const char* text) {
  ImGui::PushFont(ui::fonts().heading);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

// Where the words of the focused control go while a frame is drawn (KioskView::focused_words).
std::string* focus_words = nullptr;

}  // namespace

void note_focus(const char* label) {
  if (focus_words == nullptr || !ImGui::IsItemFocused()) return;
  const std::string_view text{label};
  std::string_view visible = text.substr(0, text.find("##"));
  // Icons are private-use glyphs: not words to speak.
  std::string words;
  for (std::size_t i = 0; i < visible.size(); ++i) {
    if (static_cast<unsigned char>(visible[i]) == 0xef && i + 2 < visible.size()) {
      i += 2;
      continue;
    }
    words += visible[i];
  }
  const auto first = words.find_first_not_of(' ');
  *focus_words = first == std::string::npos ? std::string{} : words.substr(first);
}

std::string clock_text(Instant when) {
  const MinuteOfDay minute = local_minute(when);
  return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

float touch_size() { return std::max(kTouchTarget * ImGui::GetFontSize() / ui::kBaseFontPixels, em(2.75f)); }

bool TouchButton(const char* label, float width) {
  const float fitted = std::max({width, ui::ButtonWidth(label), touch_size()});
  const bool pressed = ui::Button(label, ImVec2(fitted, touch_size()));
  note_focus(label);
  ui::TabStop();
  return pressed;
}

std::string labelled(const char* text, const char* identity) { return fmt::format("{}###{}", text, identity); }

void MessageLine(const KioskState& state) {
  if (!state.message) return;
  const ui::Tone tone = state.message->tone;
  const char* icon = tone == ui::Tone::danger ? ui::icon::error : tone == ui::Tone::ok ? ui::icon::check : ui::icon::info;
  ImGui::PushTextWrapPos(0.0f);
  ui::StatusLine(icon, state.message->text, tone);
  ImGui::PopTextWrapPos();
}

void KioskView::draw(const KioskState& state, Intents& out) {
  focused_words_.clear();
  focus_words = &focused_words_;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("###kiosk", nullptr, flags);
  top_bar(state, out);
  ImGui::Separator();
  switch (state.screen) {
    case Screen::idle: idle(state, out); break;
    case Screen::pin: pin_pad(state, tr("Enter your PIN"), state.pin != nullptr ? state.pin->size() : 0, out); break;
    case Screen::password: on_screen_keyboard(state, shift_, out); break;
    case Screen::person: person(state, out); break;
    case Screen::book: book(state, out); break;
    case Screen::confirmation: confirmation(state, out); break;
    case Screen::leave:
      pin_pad(state, tr("Facility PIN to leave kiosk mode"), state.pin != nullptr ? state.pin->size() : 0, out);
      break;
  }
  ImGui::End();
  if (state.idle_warning) {
    idle_warning(state, out);
  } else {
    warning_shown_ = false;
  }
  focus_words = nullptr;
}

void KioskView::top_bar(const KioskState& state, Intents& out) {
  ImGui::PushFont(ui::fonts().heading);
  const std::string building = state.today.known ? state.today.building_name : std::string{tr("Stellwerk kiosk")};
  ImGui::TextUnformatted(fmt::format("{}  {}", ui::icon::building, building).c_str());
  ImGui::SameLine();
  ImGui::TextUnformatted(fmt::format("   {}  {}", client::long_date(local_date(state.now)), clock_text(state.now)).c_str());
  ImGui::PopFont();
  // One touch each, always in the same place: contrast, text size, language, speech.
  const KioskSettings& s = state.settings;
  const std::string contrast = labelled(fmt::format("{} {}", ui::icon::palette, s.high_contrast ? tr("Normal contrast") : tr("High contrast")).c_str(), "kiosk-contrast");
  const std::string text_size = labelled(fmt::format("{} {}", ui::icon::text_size, s.large_text ? tr("Normal text") : tr("Larger text")).c_str(), "kiosk-text-size");
  const i18n::Language other = s.language == i18n::Language::de ? i18n::Language::en : i18n::Language::de;
  const std::string language = labelled(fmt::format("{} {}", ui::icon::language, client::language_name(other)).c_str(), "kiosk-language");
  const std::string speech = labelled(fmt::format("{} {}", ui::icon::speech, s.speech ? tr("Speech: on") : tr("Speech: off")).c_str(), "kiosk-speech");
  if (TouchButton(contrast.c_str())) out.push_back(ToggleContrast{});
  ImGui::SameLine();
  if (TouchButton(text_size.c_str())) out.push_back(ToggleLargeText{});
  ImGui::SameLine();
  if (TouchButton(language.c_str())) out.push_back(SwitchLanguage{});
  ImGui::SameLine();
  if (TouchButton(speech.c_str())) out.push_back(ToggleSpeech{});
  if (!state.online) {
    ImGui::PushTextWrapPos(0.0f);
    ui::StatusLine(ui::icon::offline,
                   state.person ? tr("Offline: the server cannot be reached. Bookings and check-in wait until it is back.")
                                : tr("Offline: the plan shows the last known state. Signing in needs the server and "
                                     "works again as soon as it is reachable."),
                   ui::Tone::warning);
    ImGui::PopTextWrapPos();
  }
}

void KioskView::floor_tabs(const BuildingToday& today, std::size_t& chosen, const char* identity) {
  if (today.floors.empty()) return;
  chosen = std::min(chosen, today.floors.size() - 1);
  for (std::size_t i = 0; i < today.floors.size(); ++i) {
    if (i > 0) ui::SameLineIfFits(ui::ButtonWidth(today.floors[i].name.c_str()));
    const bool selected = i == chosen;
    const std::string label = labelled(fmt::format("{}{}{}", selected ? ui::icon::check : "", selected ? " " : "", today.floors[i].name).c_str(),
                                       fmt::format("{}-{}", identity, today.floors[i].id).c_str());
    if (TouchButton(label.c_str())) chosen = i;
  }
}

void KioskView::plan(const KioskState& state, std::span<const Place> places, const Id& floor_id, ui::PlanView& view,
                     float height, Intents* out) {
  const auto floor = std::find_if(state.today.floors.begin(), state.today.floors.end(),
                                  [&](const KioskFloor& f) { return f.id == floor_id; });
  if (floor == state.today.floors.end()) return;
  if (shown_floor_ != floor_id) view.fit_requested = true;
  shown_floor_ = floor_id;
  std::vector<ui::PlanSpot> spots;
  std::vector<const Place*> shown;
  for (const Place& place : places) {
    if (place.floor_id != floor_id) continue;
    ui::PlanSpot spot;
    spot.identity = place.id;
    spot.x = place.x, spot.y = place.y, spot.w = place.w, spot.h = place.h;
    spot.type_icon = client::icon(place.type);
    spot.label = place.name;
    spot.state = place.state;
    spot.tooltip = fmt::format("{} – {}", place.name, client::label(place.state));
    spots.push_back(std::move(spot));
    shown.push_back(&place);
  }
  const ui::PlanLabels words{tr("Zoom in"), tr("Zoom out"), tr("Whole floor")};
  const ui::PlanResult result = ui::FloorPlan("kiosk-plan", floor->width_m, floor->height_m, spots, spot_styles(), view, height, words);
  if (out != nullptr && result.activated && shown[*result.activated]->state == ui::SpotState::free) {
    out->push_back(PickPlace{shown[*result.activated]->id});
  }
}

void KioskView::idle(const KioskState& state, Intents& out) {
  const BuildingToday& today = state.today;
  const float invitation_width = std::max(em(20), ImGui::GetContentRegionAvail().x * 0.34f);
  ImGui::BeginChild("kiosk-idle-today", ImVec2(ImGui::GetContentRegionAvail().x - invitation_width, 0));
  if (!today.known) {
    ui::EmptyState(state.online ? tr("Today's plan of this building is being loaded.")
                                : tr("No plan of this building yet: the server has not been reached since this kiosk started."));
  } else if (!today.opening_hours) {
    ui::StatusLine(ui::icon::off, tr("The building is closed today."), ui::Tone::neutral);
  } else {
    const OpeningHours& hours = *today.opening_hours;
    ui::StatusLine(ui::icon::clock, fmt::format(fmt::runtime(tr("Open today {:02}:{:02}–{:02}:{:02}")), hours.opens / 60,
                                                hours.opens % 60, hours.closes / 60, hours.closes % 60),
                   ui::Tone::neutral);
  }
  if (today.known) {
    ui::Heading(ui::icon::desk, tr("Free desks today"));
    for (const FloorCount& count : free_desks_per_floor(today)) {
      ImGui::TextUnformatted(fmt::format(fmt::runtime(tr("{0}: {1} of {2} desks free")), count.floor->name,
                                         count.free_desks, count.desks).c_str());
    }
    ui::Heading(ui::icon::room, tr("Meeting rooms"));
    for (const RoomNow& room : rooms_now(today, state.now)) {
      std::string when;
      if (room.free) {
        when = room.next ? fmt::format(fmt::runtime(tr("free now, until {}")), clock_text(*room.next))
                         : std::string{tr("free now, for the rest of the day")};
      } else {
        when = room.next ? fmt::format(fmt::runtime(tr("busy now, free from {}")), clock_text(*room.next))
                         : std::string{tr("not available today")};
      }
      ui::StatusLine(room.free ? ui::icon::check : ui::icon::clock,
                     fmt::format("{} ({}): {}", room.room->name, room.room->capacity, when),
                     room.free ? ui::Tone::ok : ui::Tone::neutral);
    }
    floor_tabs(today, idle_floor_, "kiosk-idle-floor");
    if (!today.floors.empty()) {
      // The plan widget adds its zoom buttons above and its legend below the plan's own height.
      const float around = touch_size() + em(3.0f);
      plan(state, today.places, today.floors[idle_floor_].id, idle_plan_, std::max(em(12), ImGui::GetContentRegionAvail().y - around), nullptr);
    }
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("kiosk-idle-invitation", ImVec2(0, 0), true);
  // Both languages at once: whoever walks up reads the one they know.
  big_text("Ausweis an das Lesegerät halten");
  ImGui::TextWrapped("Hold your badge to the reader");
  ImGui::Spacing();
  big_text("oder „Anmelden“ tippen");
  ImGui::TextWrapped("or tap \"Sign in\"");
  ImGui::Spacing();
  if (TouchButton(labelled(fmt::format("{} Anmelden / Sign in", ui::icon::sign_in).c_str(), "kiosk-sign-in").c_str(),
                  ImGui::GetContentRegionAvail().x)) {
    out.push_back(TapSignIn{});
  }
  MessageLine(state);
  ImGui::EndChild();
}

void KioskView::idle_warning(const KioskState& state, Intents& out) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(em(32), viewport->Size.x), 0));
  // The keyboard's focus moves to the warning when it appears, so Enter continues.
  if (!warning_shown_) ImGui::SetNextWindowFocus();
  warning_shown_ = true;
  ImGui::Begin("###kiosk-idle-warning", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  big_text(tr("Are you still there?"));
  ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("You will be signed out in {} seconds.")),
                                       state.idle_warning->count()).c_str());
  if (TouchButton(labelled(tr("Continue"), "kiosk-stay").c_str(), em(12))) out.push_back(StayOn{});
  ImGui::SameLine();
  if (TouchButton(labelled(tr("Done"), "kiosk-warning-done").c_str(), em(12))) out.push_back(Done{});
  ImGui::End();
}

}  // namespace stellwerk::kiosk
