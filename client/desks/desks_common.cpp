// Helpers shared by the Desks view's files (desks_parts.hpp): names, filters, state words, located
// checkboxes and combos, steppers, and the actions on one of the person's bookings.
#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "desks/desks_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/placement.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::client::desks {

using i18n::tr;
using i18n::trn;

Frame frame_of(const AppState& state) {
  Frame frame;
  frame.now = now_of(state);
  frame.day = shown_day(state);
  frame.time = chosen_interval(state);
  frame.problem = chosen_time_problem(state, frame.now);
  return frame;
}

std::optional<std::string> whole_day_problem(const AppState& state, const Frame& frame) {
  return time_problem(state, Interval{to_instant(frame.day, 0), to_instant(frame.day, 24 * 60)}, frame.now);
}

std::string labelled(std::string_view text, std::string_view identity) {
  return fmt::format("{}###{}", text, identity);
}

std::string clock_text(MinuteOfDay minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

std::string clock_text(Instant when) { return clock_text(local_minute(when)); }

const Building* shown_building(const AppState& state) {
  for (const Building& b : state.data.buildings) {
    if (b.id == state.desks.building_id) return &b;
  }
  return nullptr;
}

const Floor* shown_floor(const AppState& state) {
  const Building* building = shown_building(state);
  if (building == nullptr) return nullptr;
  for (const Floor& f : building->floors) {
    if (f.id == state.desks.floor_id) return &f;
  }
  return nullptr;
}

const Resource* find_resource(const AppState& state, const Id& id) {
  for (const Resource& r : state.desks.resources) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string features_text(const Resource& resource) {
  std::string text;
  for (const std::string& f : resource.features) {
    if (!text.empty()) text += ", ";
    const char* name = feature_label(f);
    text += name != nullptr ? name : f;
  }
  return text;
}

std::string resource_summary(const Resource& resource) {
  std::string text = label(resource.type);
  if (resource.type == ResourceType::room) {
    const auto seats = static_cast<unsigned long>(resource.capacity);
    text += " · " + fmt::format(fmt::runtime(trn("{} seat", "{} seats", seats)), seats);
  }
  const std::string features = features_text(resource);
  if (!features.empty()) text += " · " + features;
  return text;
}

bool is_favourite(const AppState& state, const Id& resource_id) {
  return std::any_of(state.data.favourites.begin(), state.data.favourites.end(),
                     [&](const Favourite& f) { return f.resource_id == resource_id; });
}

bool is_usual(const AppState& state, const Id& resource_id) {
  return std::any_of(state.data.favourites.begin(), state.data.favourites.end(),
                     [&](const Favourite& f) { return f.resource_id == resource_id && f.usual; });
}

bool matches_filters(const AppState& state, const Resource& resource, ui::SpotState spot) {
  if (!has_features(resource, state.desks.required_features)) return false;
  return !state.desks.only_free || spot == ui::SpotState::free;
}

ui::SpotStyles spot_styles() {
  ui::SpotStyles styles;
  for (std::size_t i = 0; i < styles.size(); ++i) {
    const auto state = static_cast<ui::SpotState>(i);
    styles[i] = ui::SpotStateStyle{icon(state), label(state)};
  }
  return styles;
}

void spot_state_line(ui::SpotState state) {
  ImGui::PushStyleColor(ImGuiCol_Text, ui::spot_color(state));
  ImGui::TextUnformatted(icon(state));
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ui::TextFitted(label(state));  // a narrow Status column: "meine Bu…" with the word in a tooltip
}

bool located_checkbox(const char* label, bool checked) {
  bool value = checked;
  const bool changed = ImGui::Checkbox(label, &value);
  ui::TabStop();
  ui::testing::record_last_item(label);
  return changed;
}

std::optional<MinuteOfDay> time_combo(const char* identity, MinuteOfDay value, MinuteOfDay first, MinuteOfDay last,
                                      int step) {
  std::optional<MinuteOfDay> picked;
  ImGui::SetNextItemWidth(ui::em(5.5f));
  const std::string combo = fmt::format("###{}", identity);
  if (ImGui::BeginCombo(combo.c_str(), clock_text(value).c_str(), ImGuiComboFlags_HeightLarge)) {
    for (MinuteOfDay m = first; m <= last; m += step) {
      const std::string item = fmt::format("{}###{}-{}", clock_text(m), identity, m);
      if (ui::ComboOption(item.c_str(), m == value)) picked = m;
    }
    ImGui::EndCombo();
  } else {
    ui::testing::record_last_item(identity);  // while open, the list is what a person clicks
  }
  return picked;
}

std::optional<Date> day_stepper(std::string_view identity, Date day) {
  std::optional<Date> changed;
  if (ui::Button(fmt::format("{}###{}-prev", ui::icon::left, identity).c_str())) changed = add_days(day, -1);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Previous day"));
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(display_date(day).c_str());
  ImGui::SameLine();
  if (ui::Button(fmt::format("{}###{}-next", ui::icon::right, identity).c_str())) changed = add_days(day, 1);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Next day"));
  return changed;
}

const char* why_not_bookable(const AppState& state, const Frame& frame, const Resource& resource, ui::SpotState spot) {
  switch (spot) {
    case ui::SpotState::booked:
      return problem_text(resource.type == ResourceType::desk ? Refusal::desk_taken : Refusal::resource_taken);
    case ui::SpotState::unavailable:
      if (!frame.problem && closed_on(resource, frame.day)) return problem_text(Refusal::place_closed);
      return problem_text(frame.problem.value_or(""));
    case ui::SpotState::reserved_accessible: return problem_text(Refusal::accessible_held);
    case ui::SpotState::free:
      if (resource.type == ResourceType::desk && my_desk_during(state, frame.time.start, frame.time.end) != nullptr) {
        return problem_text(Refusal::already_booked);
      }
      return nullptr;
    case ui::SpotState::mine:
    case ui::SpotState::pending:
    case ui::SpotState::COUNT: break;
  }
  return nullptr;
}

void booking_state_line(const BookingSummary& summary) {
  if (summary.pending) {
    ui::StatusLine(ui::icon::pending, fmt::format("{} · {}", label(summary.booking.state), tr("pending")),
                   ui::Tone::warning);
    return;
  }
  switch (summary.booking.state) {
    case BookingState::booked: ui::StatusLine(ui::icon::check, label(summary.booking.state), ui::Tone::accent); break;
    case BookingState::checked_in: ui::StatusLine(ui::icon::check, label(summary.booking.state), ui::Tone::ok); break;
    case BookingState::released:
      if (summary.released_because) {
        // The released booking says why, so that its holder is told what the facility admin did.
        ui::StatusLine(ui::icon::cancel, fmt::format("{} · {}", label(summary.booking.state),
                                                     problem_text(*summary.released_because)),
                       ui::Tone::warning);
        break;
      }
      [[fallthrough]];
    case BookingState::cancelled:
    case BookingState::COUNT: ui::StatusLine(ui::icon::cancel, label(summary.booking.state), ui::Tone::neutral); break;
  }
}

void release_line(const AppState& state, const Frame& frame, const Booking& booking) {
  if (booking.state != BookingState::booked) return;
  const Instant release = release_time(state, booking);
  if (frame.now >= release) return;  // over: the next sync says whether it was released
  const Instant opens = check_in_window(state, booking).opens;
  if (frame.now < opens && local_date(booking.start) == state.today) {
    ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Check-in from {}")), clock_text(opens)).c_str());
  }
  ui::StatusLine(ui::icon::clock,
                 fmt::format(fmt::runtime(tr("Released at {} unless you check in")), clock_text(release)),
                 ui::Tone::warning);
}

void booking_buttons(const AppState& state, const Frame& frame, const BookingSummary& summary, Id& cancelling,
                     std::string_view prefix, Intents& out) {
  const Booking& booking = summary.booking;
  if (booking.state != BookingState::booked && booking.state != BookingState::checked_in) return;
  const std::string id = booking.id;
  if (cancelling == id) {
    ImGui::TextWrapped("%s", tr("Cancel this booking?"));
    const std::string yes = labelled(tr("Yes, cancel"), fmt::format("{}cancel-confirm-{}", prefix, id));
    if (ui::Button(yes.c_str())) {
      out.push_back(CancelBooking{id});
      cancelling.clear();
    }
    const std::string keep = labelled(tr("Keep"), fmt::format("{}cancel-keep-{}", prefix, id));
    ui::SameLineIfFits(ui::ButtonWidth(keep.c_str()));
    if (ui::Button(keep.c_str())) cancelling.clear();
    return;
  }
  bool first = true;
  if (check_in_open(state, booking, frame.now)) {
    if (ui::Button(labelled(tr("Check in"), fmt::format("{}check-in-{}", prefix, id)).c_str())) {
      out.push_back(CheckIn{id});
    }
    first = false;
  }
  const std::string cancel = labelled(tr("Cancel booking"), fmt::format("{}cancel-{}", prefix, id));
  if (!first) ui::SameLineIfFits(ui::ButtonWidth(cancel.c_str()));
  if (ui::Button(cancel.c_str())) cancelling = id;
}

}  // namespace stellwerk::client::desks
