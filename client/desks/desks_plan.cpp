// The Desks view's floor: the plan (ui::FloorPlan) and the same places as a sortable, filterable
// list, each with the details of the selected place beside it (or below it when the window is
// narrow, at 200 % or with long German labels). Activating a free place books it at once — Enter
// books, as the person expects from the plan — and shows its details either way; a place that is
// not free only opens its details, which say why it cannot be booked.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "desks/desks_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "desks/desks_view.hpp"

namespace stellwerk::client {
namespace {

using desks::Frame;
using desks::labelled;
using i18n::tr;

struct Place {
  const Resource* resource = nullptr;
  ui::SpotState spot = ui::SpotState::free;
  bool matches = true;  // passes the filters
};

std::vector<Place> places_of(const AppState& state, const Frame& frame) {
  std::vector<Place> places;
  places.reserve(state.desks.resources.size());
  const SpotStates states(state, frame.time.start, frame.time.end, frame.now);
  for (const Resource& r : state.desks.resources) {
    const ui::SpotState spot = states.of(r);
    places.push_back(Place{&r, spot, desks::matches_filters(state, r, spot)});
  }
  return places;
}

std::string tooltip_of(const AppState& state, const Frame& frame, const Place& place) {
  // The plan's tooltip already names the place, its state and the favourite star.
  const Resource& r = *place.resource;
  std::string text = desks::resource_summary(r);
  if (const char* why = desks::why_not_bookable(state, frame, r, place.spot)) text += fmt::format("\n{}", why);
  if (r.closure && closed_on(r, frame.day)) text += fmt::format("\n{}", r.closure->reason);
  return text;
}

// Wide enough for the details beside the plan or list; else they go below.
bool details_beside() { return ImGui::GetContentRegionAvail().x >= ui::em(50.0f); }
float details_width() { return ui::em(19.0f); }

// The list's columns, by ImGui user id: the sort specification names them so.
enum ListColumn : ImGuiID { kName = 1, kType, kFeatures, kStatus, kFavourite, kActions };

// Rows of the list in the order of the table's sort specification (name, type or state).
void sort_places(std::vector<const Place*>& rows, const ImGuiTableSortSpecs* specs) {
  ImGuiID column = kName;
  bool descending = false;
  if (specs != nullptr && specs->SpecsCount > 0) {
    column = specs->Specs[0].ColumnUserID;
    descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
  }
  // A key per row, then ties by name, so the order is stable and the same in every frame.
  const auto key = [&](const Place* p) -> std::string {
    if (column == kType) return label(p->resource->type);
    if (column == kStatus) return std::string(1, static_cast<char>('a' + static_cast<int>(p->spot)));  // free first
    return {};
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Place* a, const Place* b) {
    auto ka = std::make_pair(key(a), a->resource->name);
    auto kb = std::make_pair(key(b), b->resource->name);
    return descending ? kb < ka : ka < kb;
  });
}

}  // namespace

void DesksView::activate(const AppState& state, const Resource& resource, Intents& out) {
  out.push_back(SelectResource{resource.id});
  const Frame frame = desks::frame_of(state);
  const ui::SpotState spot = spot_state(state, resource, frame.time.start, frame.time.end, frame.now);
  // A meeting room is booked by the half hour on its timeline, never for a whole slot by one key.
  if (resource.type != ResourceType::room && spot == ui::SpotState::free &&
      desks::why_not_bookable(state, frame, resource, spot) == nullptr) {
    out.push_back(BookResource{resource.id, frame.day, chosen_half(state), chosen_range(state)});
  }
}

void DesksView::draw_plan(const AppState& state, Intents& out) {
  const Floor* floor = desks::shown_floor(state);
  if (floor == nullptr) return;
  if (plan_floor_ != floor->id) {
    plan_floor_ = floor->id;
    plan_.fit_requested = true;  // a new floor: fit it and start the keyboard afresh
  }
  const Frame frame = desks::frame_of(state);
  const std::vector<Place> places = places_of(state, frame);
  std::vector<ui::PlanSpot> spots;
  spots.reserve(places.size());
  for (const Place& place : places) {
    const Resource& r = *place.resource;
    spots.push_back(ui::PlanSpot{r.id, static_cast<float>(r.x), static_cast<float>(r.y), static_cast<float>(r.w),
                                 static_cast<float>(r.h), icon(r.type), r.name, place.spot,
                                 desks::is_favourite(state, r.id), !place.matches, tooltip_of(state, frame, place)});
  }
  const ui::SpotStyles styles = desks::spot_styles();
  const ui::PlanLabels labels{tr("Zoom in"), tr("Zoom out"), tr("Whole floor")};
  const bool beside = details_beside();
  // The floor's drawing under the places, once the window has it as a texture.
  const bool drawn = state.desks.drawing && state.desks.drawing->floor_id == floor->id;
  const auto drawing = drawn ? reinterpret_cast<ImTextureID>(state.desks.drawing_texture) : nullptr;
  // The touch-size zoom buttons above the plan (2.75 em) and the legend below it (up to two lines
  // in a narrow column).
  const float chrome = ui::em(2.75f) + ImGui::GetStyle().ItemSpacing.y * 2.0f + ImGui::GetTextLineHeightWithSpacing() * 2.0f;
  const float height = std::max(ui::em(20.0f), ImGui::GetContentRegionAvail().y - chrome);

  if (beside && ImGui::BeginTable("###plan-layout", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("###plan-column", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("###details-column", ImGuiTableColumnFlags_WidthFixed, details_width());
    ImGui::TableNextColumn();
    const ui::PlanResult result = ui::FloorPlan("floor-plan", static_cast<float>(floor->width_m),
                                                static_cast<float>(floor->height_m), spots, styles, plan_, height,
                                                labels, drawing);
    if (result.activated && *result.activated < places.size()) activate(state, *places[*result.activated].resource, out);
    ImGui::TableNextColumn();
    draw_details(state, out);
    ImGui::EndTable();
  } else {
    const ui::PlanResult result = ui::FloorPlan("floor-plan", static_cast<float>(floor->width_m),
                                                static_cast<float>(floor->height_m), spots, styles, plan_,
                                                std::max(ui::em(20.0f), height * 0.6f), labels, drawing);
    if (result.activated && *result.activated < places.size()) activate(state, *places[*result.activated].resource, out);
    ImGui::Separator();
    draw_details(state, out);
  }
}

namespace {

// One row of the list: name (selects the place), type and features unless `compact`, state,
// favourite mark and "Book".
void draw_list_row(const AppState& state, const Frame& frame, const Place& place, bool compact, Intents& out) {
  const Resource& r = *place.resource;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  // The whole row selects the place and shows its details; the checkbox and the button
  // drawn after it on the same row still take their own clicks.
  const std::string name = fmt::format("{} {}###details-{}", icon(r.type), r.name, r.id);
  const bool selected = state.desks.selected == r.id;
  ImGui::AlignTextToFramePadding();
  if (ImGui::Selectable(name.c_str(), selected,
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                        ImVec2(0, ImGui::GetFrameHeight()))) {
    out.push_back(SelectResource{r.id});
  }
  ui::TabStop();
  ui::testing::record_last_item(name);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", desks::resource_summary(r).c_str());
  if (!compact) {
    ImGui::TableNextColumn();
    // One line per row: what the column cannot hold ends in "…", whole in a tooltip.
    ui::TextFitted(r.type == ResourceType::room ? fmt::format("{} ({})", label(r.type), r.capacity)
                                                : std::string(label(r.type)));
    ImGui::TableNextColumn();
    ui::TextFitted(desks::features_text(r));
  }
  ImGui::TableNextColumn();
  desks::spot_state_line(place.spot);
  ImGui::TableNextColumn();
  const std::string favourite = "###favourite-" + r.id;
  if (desks::located_checkbox(favourite.c_str(), desks::is_favourite(state, r.id))) {
    out.push_back(ToggleFavourite{r.id});
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Favourite"));
  ImGui::TableNextColumn();
  const bool bookable =
      place.spot == ui::SpotState::free && desks::why_not_bookable(state, frame, r, place.spot) == nullptr;
  if (bookable && ui::Button(labelled(tr("Book"), "book-" + r.id).c_str())) {
    out.push_back(BookResource{r.id, frame.day, chosen_half(state), chosen_range(state)});
  }
}

}  // namespace

void DesksView::draw_list(const AppState& state, Intents& out) {
  const Frame frame = desks::frame_of(state);
  const std::vector<Place> places = places_of(state, frame);
  std::vector<const Place*> rows;
  for (const Place& place : places) {
    if (place.matches) rows.push_back(&place);
  }
  if (rows.size() < places.size()) {
    ImGui::TextDisabled("%s", fmt::format(fmt::runtime(tr("{0} of {1} places match the filters.")), rows.size(),
                                          places.size())
                                  .c_str());
  }
  const bool beside = details_beside();
  const float available = ImGui::GetContentRegionAvail().y;
  const float height = std::max(ui::em(12.0f), beside ? available - ui::em(2.5f) : available * 0.55f);
  const bool layout = beside && ImGui::BeginTable("###list-layout", 2, ImGuiTableFlags_SizingStretchProp);
  if (layout) {
    ImGui::TableSetupColumn("###list-column", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("###details-column", ImGuiTableColumnFlags_WidthFixed, details_width());
    ImGui::TableNextColumn();
  }
  if (rows.empty()) {
    ui::EmptyState(tr("No place on this floor matches the filters."));
  } else {
    // Narrow (200 %, long German words, details below): type and features move to the tooltip
    // and the details, so that name, state and the actions stay readable.
    const bool compact = ImGui::GetContentRegionAvail().x < ui::em(44.0f);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("###desk-list", compact ? 4 : 6, flags, ImVec2(0, height))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(tr("Name"), ImGuiTableColumnFlags_DefaultSort, 2.6f, kName);
      if (!compact) {
        ImGui::TableSetupColumn(tr("Type"), ImGuiTableColumnFlags_None, 1.3f, kType);
        ImGui::TableSetupColumn(tr("Features"), ImGuiTableColumnFlags_NoSort, 2.0f, kFeatures);
      }
      ImGui::TableSetupColumn(tr("Status"), ImGuiTableColumnFlags_None, 1.6f, kStatus);
      ImGui::TableSetupColumn(fmt::format("{}###col-favourite", ui::icon::favourite).c_str(),
                              ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed,
                              ImGui::GetFrameHeight() + ui::em(0.5f), kFavourite);
      ImGui::TableSetupColumn(tr("Actions"), ImGuiTableColumnFlags_NoSort, 1.0f, kActions);
      ui::TableHeadersRow();
      sort_places(rows, ImGui::TableGetSortSpecs());
      // One line per row (features that do not fit are in the tooltip), so the clipper can skip
      // rows out of sight on a floor with hundreds of places.
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(rows.size()));
      while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
          const Place& place = *rows[static_cast<std::size_t>(i)];
          const Resource& r = *place.resource;
          ImGui::PushID(r.id.c_str());
          draw_list_row(state, frame, place, compact, out);
          ImGui::PopID();
        }
      }
      ImGui::EndTable();
    }
  }
  if (layout) {
    ImGui::TableNextColumn();
    draw_details(state, out);
    ImGui::EndTable();
  } else {
    ImGui::Separator();
    draw_details(state, out);
  }
}

void DesksView::draw_details(const AppState& state, Intents& out) {
  const Resource* resource = desks::find_resource(state, state.desks.selected);
  if (resource == nullptr) {
    ui::EmptyState(state.desks.layout == DeskLayout::plan
                       ? tr("Choose a place to see its details. The arrow keys move between places; Enter books a "
                            "free one.")
                       : tr("Choose a place to see its details."));
    return;
  }
  const Resource& r = *resource;
  const Frame frame = desks::frame_of(state);
  const ui::SpotState spot = spot_state(state, r, frame.time.start, frame.time.end, frame.now);
  ImGui::PushID("details");
  ImGui::Text("%s %s", icon(r.type), r.name.c_str());
  ImGui::TextWrapped("%s", desks::resource_summary(r).c_str());
  if (r.accessible) ui::StatusLine(ui::icon::accessible, feature_label("accessible"), ui::Tone::neutral);
  desks::spot_state_line(spot);
  if (const BookingSummary* mine = my_booking_of(state, r.id, frame.time.start, frame.time.end)) {
    ImGui::TextUnformatted(fmt::format(fmt::runtime(tr("My booking {}")),
                                       time_range(mine->booking.start, mine->booking.end))
                               .c_str());
    desks::booking_state_line(*mine);
    desks::release_line(state, frame, mine->booking);
    desks::booking_buttons(state, frame, *mine, cancelling_, "details-", out);
  }
  const char* why = desks::why_not_bookable(state, frame, r, spot);
  if (why != nullptr) ui::StatusLine(ui::icon::info, why, ui::Tone::neutral);
  const bool pending_favourite = std::find(state.data.pending_favourites.begin(), state.data.pending_favourites.end(),
                                           r.id) != state.data.pending_favourites.end();
  if (desks::is_usual(state, r.id)) {
    ui::StatusLine(ui::icon::favourite, tr("Your usual desk"), ui::Tone::accent);
  } else if (desks::is_favourite(state, r.id)) {
    ui::StatusLine(ui::icon::favourite, tr("Favourite"), ui::Tone::accent);
  }
  if (pending_favourite) ui::StatusLine(ui::icon::pending, tr("pending"), ui::Tone::warning);
  ImGui::Spacing();

  // Buttons flow: each starts a new line when it would not fit the column.
  bool first = true;
  const auto button = [&](const std::string& text) {
    if (!first) ui::SameLineIfFits(ui::ButtonWidth(text.c_str()));
    first = false;
    return ui::Button(text.c_str());
  };
  if (spot == ui::SpotState::free && why == nullptr && button(labelled(tr("Book"), "details-book"))) {
    out.push_back(BookResource{r.id, frame.day, chosen_half(state), chosen_range(state)});
  }
  if (button(labelled(tr("Book recurring…"), "details-recurring"))) open_recurring(state, r);
  const bool favourite = desks::is_favourite(state, r.id);
  if (button(labelled(fmt::format("{} {}", ui::icon::favourite, favourite ? tr("Remove favourite") : tr("Add to favourites")),
                      "details-favourite"))) {
    out.push_back(ToggleFavourite{r.id});
  }
  if (r.type == ResourceType::desk && !desks::is_usual(state, r.id) &&
      button(labelled(tr("Make my usual desk"), "details-usual"))) {
    out.push_back(MakeUsual{r.id});
  }
  if (button(labelled(tr("Close"), "details-close"))) out.push_back(SelectResource{Id{}});
  ImGui::PopID();
}

}  // namespace stellwerk::client
