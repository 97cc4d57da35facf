// Desks ("Arbeitsplätze"): choose building (Gebäude), floor (Etage) and day and see every desk,
// room and parking space there with its features and whether it is booked by the person or taken.
// Occupancy of other people's bookings comes from the server's changes feed, so until a server is
// connected the view says so instead of guessing "free". "Book" books the whole day (the
// department's day slot); it is queued at once, shown as pending, and the server decides — a
// refusal comes back as a conflict on Home. The floor plan arrives with a later issue.
#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "../labels.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "views.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

const Building* find_building(const AppState& state) {
  for (const Building& b : state.data.buildings) {
    if (b.id == state.desks.building_id) return &b;
  }
  return nullptr;
}

std::string features_text(const Resource& r) {
  std::string text;
  for (const std::string& f : r.features) {
    if (!text.empty()) text += ", ";
    const char* name = feature_label(f);
    text += name != nullptr ? name : f;
  }
  return text;
}


// Why nothing can be booked on `day`, or nullptr when it can. The server checks again; this only
// spares the person a refusal they could have seen coming.
const char* not_bookable_reason(const AppState& state, Date day) {
  if (date::sys_days{day} < date::sys_days{state.today}) return tr("This day is in the past.");
  if (nrw_holiday(day)) return tr("This day is a public holiday.");
  const auto weekday = static_cast<std::size_t>(weekday_index(day));
  const bool bookable = state.data.department ? state.data.department->policy.bookable_weekdays[weekday]
                                              : is_working_day(day);
  if (!bookable) return tr("Your department does not book on this weekday.");
  return nullptr;
}

const BookingSummary* my_booking_on(const AppState& state, const Id& resource_id, Date day) {
  for (const BookingSummary& b : state.data.bookings) {
    if (b.booking.resource_id == resource_id && local_date(b.booking.start) == day &&
        b.booking.state != BookingState::cancelled && b.booking.state != BookingState::released) {
      return &b;
    }
  }
  return nullptr;
}

}  // namespace

void DesksView::draw(const AppState& state, Intents& out) {
  ui::Heading(ui::icon::desk, label(ViewId::desks));
  if (state.data.buildings.empty()) {
    ui::EmptyState(tr("No buildings are known yet. They appear after the first sync with the server."));
    return;
  }
  const Building* building = find_building(state);

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Building"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(18.0f));
  if (ImGui::BeginCombo("###building", building != nullptr ? building->name.c_str() : "")) {
    for (const Building& b : state.data.buildings) {
      const bool selected = building != nullptr && b.id == building->id;
      if (ImGui::Selectable(b.name.c_str(), selected)) out.push_back(SelectBuilding{b.id});
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  if (building != nullptr && !building->address.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", building->address.c_str());
  }
  if (building == nullptr) return;

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Floor"));
  for (const Floor& f : building->floors) {
    ImGui::SameLine();
    if (ui::RadioOption((f.name + "###floor-" + f.id).c_str(), f.id == state.desks.floor_id)) {
      out.push_back(SelectFloor{f.id});
    }
  }
  const Date day = state.desks.day.ok() ? state.desks.day : state.today;
  if (ui::Button(fmt::format("{} {}###prev-day", ui::icon::left, tr("Previous day")).c_str())) {
    out.push_back(ShowDay{add_days(day, -1)});
  }
  ImGui::SameLine();
  if (ui::Button(fmt::format("{}###today", tr("Today")).c_str())) out.push_back(ShowDay{state.today});
  ImGui::SameLine();
  if (ui::Button(fmt::format("{} {}###next-day", tr("Next day"), ui::icon::right).c_str())) {
    out.push_back(ShowDay{add_days(day, 1)});
  }
  ImGui::SameLine();
  ImGui::TextUnformatted(fmt::format(fmt::runtime(tr("Day: {}")), long_date(day)).c_str());
  const char* not_bookable = not_bookable_reason(state, day);
  if (not_bookable != nullptr) ui::StatusLine(ui::icon::info, not_bookable, ui::Tone::neutral);
  if (!state.data.sync.server_configured) {
    ui::StatusLine(ui::icon::info, tr("Who else has booked is known only when connected to the server. "
                                      "Your own bookings are marked."),
                   ui::Tone::accent);
  }
  ImGui::Spacing();

  if (!state.desks.resources_loaded) {
    ui::EmptyState(tr("Loading…"));
    return;
  }
  if (state.desks.resources.empty()) {
    ui::EmptyState(tr("Nothing on this floor can be booked."));
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("###resources", 4, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("Name"), ImGuiTableColumnFlags_None, 1.0f);
    ImGui::TableSetupColumn(tr("Type"), ImGuiTableColumnFlags_None, 1.2f);
    ImGui::TableSetupColumn(tr("Features"), ImGuiTableColumnFlags_None, 3.0f);
    ImGui::TableSetupColumn(tr("Status"), ImGuiTableColumnFlags_None, 1.6f);
    ImGui::TableHeadersRow();
    for (const Resource& r : state.desks.resources) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.name.c_str());
      ImGui::TableNextColumn();
      if (r.type == ResourceType::room) {
        ImGui::Text("%s %s (%d)", icon(r.type), label(r.type), r.capacity);
      } else {
        ImGui::Text("%s %s", icon(r.type), label(r.type));
      }
      ImGui::TableNextColumn();
      if (r.accessible) {
        ImGui::TextUnformatted(ui::icon::accessible);
        ImGui::SameLine();
      }
      ImGui::TextWrapped("%s", features_text(r).c_str());
      ImGui::TableNextColumn();
      if (const BookingSummary* mine = my_booking_on(state, r.id, day)) {
        std::string text = fmt::format(fmt::runtime(tr("My booking {}")), time_range(mine->booking.start, mine->booking.end));
        if (mine->pending) text += fmt::format(" · {}", tr("pending"));
        ui::StatusLine(mine->pending ? ui::icon::pending : ui::icon::check, text,
                       mine->pending ? ui::Tone::warning : ui::Tone::ok);
      } else if (std::any_of(state.desks.busy.begin(), state.desks.busy.end(), [&](const BusyTime& b) { return b.resource_id == r.id; })) {
        ui::StatusLine(ui::icon::cancel, tr("Taken"), ui::Tone::neutral);
      } else {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", state.data.sync.server_configured ? tr("Free") : tr("Unknown while offline"));
        if (not_bookable == nullptr) {
          const std::string book = fmt::format("{}###book-{}", tr("Book"), r.id);
          ui::SameLineIfFits(ui::ButtonWidth(book.c_str()));  // the column is narrow at 200 %
          if (ui::Button(book.c_str())) {
            out.push_back(BookResource{r.id, day, HalfDay::day});
          }
        }
      }
    }
    ImGui::EndTable();
  }
}

}  // namespace stellwerk::client
