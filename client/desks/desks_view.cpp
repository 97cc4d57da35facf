// Desks ("Arbeitsplätze"): find and book a desk, meeting room or parking space. The person picks
// the building (Gebäude), floor (Etage), day and time (whole day, morning, afternoon or a range of
// their own), and sees the floor as a plan, as a list with the same actions, as a day timeline per
// meeting room, or their own bookings. Every rule the server enforces is stated above the places
// before the person tries (how far ahead, how many bookings, holidays and closures, check-in), and
// a booking is queued at once and shown as pending; the server's refusal comes back as a conflict
// (ConflictDialog in the shell). Who booked a place is never shown: only that it is taken.
//
// [SECTION] index: controls (building, floor, day, time, layout, filters) · rules panel ·
// DesksView::draw. The layouts live in desks_plan.cpp (plan, list, details), desks_rooms.cpp and
// my_bookings.cpp; the recurring booking dialog and the report of a multi-day booking in
// desks_recurring.cpp.
#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "desks/desks_parts.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "desks/desks_view.hpp"

namespace stellwerk::client {
namespace {

using desks::Frame;
using desks::labelled;
using i18n::tr;

// The wire names of the feature filters offered: every feature of a place on this floor, and any
// filter still set from another floor so it can be cleared. Features with a label first, in the
// order the floor lists them; unknown ones after, by name.
std::vector<std::string> offered_features(const AppState& state) {
  std::vector<std::string> features;
  const auto add = [&](const std::string& f) {
    if (std::find(features.begin(), features.end(), f) == features.end()) features.push_back(f);
  };
  for (const Resource& r : state.desks.resources) {
    for (const std::string& f : r.features) add(f);
  }
  for (const std::string& f : state.desks.required_features) add(f);
  std::stable_sort(features.begin(), features.end(), [](const std::string& a, const std::string& b) {
    const bool known_a = feature_label(a) != nullptr;
    const bool known_b = feature_label(b) != nullptr;
    if (known_a != known_b) return known_a;
    return !known_a && a < b;
  });
  return features;
}

// A label before a row of controls, on the controls' baseline.
void row_label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
}

// --- [SECTION] Controls ----------------------------------------------------------------------------

void draw_place_controls(const AppState& state, const Building* building, Intents& out) {
  row_label(tr("Building"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(16.0f));
  if (ImGui::BeginCombo("###building", building != nullptr ? building->name.c_str() : "")) {
    for (const Building& b : state.data.buildings) {
      const bool selected = building != nullptr && b.id == building->id;
      if (ui::ComboOption(labelled(b.name, "building-" + b.id).c_str(), selected)) {
        out.push_back(SelectBuilding{b.id});
      }
    }
    ImGui::EndCombo();
  } else {
    ui::testing::record_last_item("building");
  }
  if (building == nullptr) return;
  // The floor follows the building on the same line where it fits: the plan below needs the height.
  ui::SameLineIfFits(ImGui::CalcTextSize(tr("Floor")).x + ui::em(10.0f));
  row_label(tr("Floor"));
  for (const Floor& f : building->floors) {
    const std::string option = labelled(f.name, "floor-" + f.id);
    ui::SameLineIfFits(ui::ButtonWidth(option.c_str()) + ImGui::GetFrameHeight());
    if (ui::RadioOption(option.c_str(), f.id == state.desks.floor_id)) out.push_back(SelectFloor{f.id});
  }
  if (building->floors.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("This building has no floors to book."));
  }
  if (!building->address.empty()) {
    ui::SameLineIfFits(ImGui::CalcTextSize(building->address.c_str()).x + ui::em(1.0f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", building->address.c_str());
  }
}

void draw_day_controls(const AppState& state, const Frame& frame, Intents& out) {
  if (ui::Button(fmt::format("{} {}###prev-day", ui::icon::left, tr("Previous day")).c_str())) {
    out.push_back(ShowDay{add_days(frame.day, -1)});
  }
  const std::string today = labelled(tr("Today"), "today");
  ui::SameLineIfFits(ui::ButtonWidth(today.c_str()));
  if (ui::Button(today.c_str())) out.push_back(ShowDay{state.today});
  const std::string next = fmt::format("{} {}###next-day", tr("Next day"), ui::icon::right);
  ui::SameLineIfFits(ui::ButtonWidth(next.c_str()));
  if (ui::Button(next.c_str())) {
    // The next day that can be booked at all: a weekend or a holiday would only show "not bookable".
    const DepartmentPolicy policy = state.data.department ? state.data.department->policy : DepartmentPolicy{};
    out.push_back(ShowDay{next_bookable_day(policy, add_days(frame.day, 1)).value_or(add_days(frame.day, 1))});
  }
  const std::string date = long_date(frame.day);
  ui::SameLineIfFits(ImGui::CalcTextSize(date.c_str()).x);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(date.c_str());
}

void draw_time_controls(const AppState& state, const Frame& frame, Intents& out) {
  ui::SameLineIfFits(ImGui::CalcTextSize(tr("Time")).x + ui::em(20.0f));
  row_label(tr("Time"));
  const MinuteRange range = state.desks.range;
  for (int t = 0; t < static_cast<int>(TimeChoice::COUNT); ++t) {
    const auto choice = static_cast<TimeChoice>(t);
    static constexpr std::array<const char*, 4> kIds{"time-day", "time-am", "time-pm", "time-range"};
    const std::string option = labelled(label(choice), kIds[static_cast<std::size_t>(t)]);
    ui::SameLineIfFits(ui::ButtonWidth(option.c_str()) + ImGui::GetFrameHeight());
    if (ui::RadioOption(option.c_str(), state.desks.time == choice)) out.push_back(ChooseTime{choice, range});
  }
  if (state.desks.time == TimeChoice::range) {
    // Picking a start at or after the end moves the end along (and the other way round), so the
    // person never meets a range the controller would refuse.
    constexpr MinuteOfDay kFirst = 6 * 60, kLast = 22 * 60, kStep = 30;
    ui::SameLineIfFits(ui::em(14.0f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("from"));
    ImGui::SameLine();
    if (const auto start = desks::time_combo("range-start", range.start, kFirst, kLast - kStep, kStep)) {
      MinuteRange chosen{*start, range.end};
      if (chosen.end <= chosen.start) chosen.end = std::min(chosen.start + 60, kLast);
      out.push_back(ChooseTime{TimeChoice::range, chosen});
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(tr("to"));
    ImGui::SameLine();
    if (const auto end = desks::time_combo("range-end", range.end, kFirst + kStep, kLast, kStep)) {
      MinuteRange chosen{range.start, *end};
      if (chosen.start >= chosen.end) chosen.start = std::max(chosen.end - 60, 0);
      out.push_back(ChooseTime{TimeChoice::range, chosen});
    }
  } else {
    const std::string times = time_range(frame.time.start, frame.time.end);
    ui::SameLineIfFits(ImGui::CalcTextSize(times.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", times.c_str());
  }
}

// Facility admins edit the floor plan; nobody else sees the editor or its layout.
bool may_edit_places(const AppState& state) {
  return state.session.signed_in && state.data.me && has_role(*state.data.me, Role::facility_admin);
}

void draw_layout_controls(const AppState& state, Intents& out) {
  row_label(tr("Show"));
  static constexpr std::array<const char*, 5> kIds{"layout-plan", "layout-list", "layout-rooms", "layout-mine",
                                                   "layout-edit"};
  for (int l = 0; l < static_cast<int>(DeskLayout::COUNT); ++l) {
    const auto layout = static_cast<DeskLayout>(l);
    if (layout == DeskLayout::edit && !may_edit_places(state)) continue;
    const std::string option = labelled(label(layout), kIds[static_cast<std::size_t>(l)]);
    ui::SameLineIfFits(ui::ButtonWidth(option.c_str()) + ImGui::GetFrameHeight());
    if (ui::RadioOption(option.c_str(), state.desks.layout == layout)) out.push_back(ChooseLayout{layout});
  }
}

void draw_filters(const AppState& state, const Frame& frame, Intents& out) {
  row_label(tr("Filter"));
  for (const std::string& feature : offered_features(state)) {
    const char* name = feature_label(feature);
    const std::string box = labelled(name != nullptr ? name : feature, "filter-" + feature);
    ui::SameLineIfFits(ui::ButtonWidth(box.c_str()) + ImGui::GetFrameHeight());
    const bool required = std::find(state.desks.required_features.begin(), state.desks.required_features.end(),
                                    feature) != state.desks.required_features.end();
    if (desks::located_checkbox(box.c_str(), required)) out.push_back(ToggleFeatureFilter{feature});
  }
  const std::string only_free = labelled(tr("Only free"), "only-free");
  ui::SameLineIfFits(ui::ButtonWidth(only_free.c_str()) + ImGui::GetFrameHeight());
  if (desks::located_checkbox(only_free.c_str(), state.desks.only_free)) out.push_back(ToggleOnlyFree{});

  // "Book my usual" needs a favourite desk to start from; the sync layer finds the nearest free
  // one like it when it is taken. Without any favourite the button would only earn a refusal.
  const std::string usual = fmt::format("{} {}###book-usual", ui::icon::favourite, tr("Book my usual"));
  ui::SameLineIfFits(ui::ButtonWidth(usual.c_str()));
  const bool can = state.data.favourites.size() > 0 && !frame.problem;
  if (!can) ImGui::BeginDisabled();
  if (ui::Button(usual.c_str())) {
    out.push_back(BookUsual{frame.day, chosen_half(state), chosen_range(state)});
  }
  if (!can) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("%s", state.data.favourites.empty()
                                ? problem_text(Refusal::no_usual_desk)
                                : tr("Books your usual desk, or the nearest free desk with the same features."));
  }
  if (state.data.favourites.empty()) {
    ui::SameLineIfFits(ImGui::CalcTextSize(problem_text(Refusal::no_usual_desk)).x + ui::em(1.5f));
    ImGui::AlignTextToFramePadding();
    ui::StatusLine(ui::icon::info, problem_text(Refusal::no_usual_desk), ui::Tone::neutral);
  }
}

// --- [SECTION] Rules panel -------------------------------------------------------------------------

// The rules the server enforces, stated before the person tries; the reason the chosen day or time
// cannot be booked, with the holiday's name or the closure's reason.
void draw_rules(const AppState& state, const Frame& frame, DeskLayout layout) {
  const DepartmentPolicy& policy = policy_of(state);
  const std::string horizon =
      fmt::format(fmt::runtime(tr("You can book up to {0} days ahead (until {1}).")), policy.days_ahead,
                  display_date(add_days(state.today, policy.days_ahead)));
  const std::string held = fmt::format(fmt::runtime(tr("You hold {0} of at most {1} bookings.")),
                                       upcoming_bookings(state, frame.now), policy.max_upcoming);
  ui::StatusLine(ui::icon::info, horizon + " " + held, ui::Tone::neutral);
  ui::StatusLine(ui::icon::clock,
                 fmt::format(fmt::runtime(tr("Check in from {0} minutes before the start; unconfirmed bookings are "
                                             "released {1} minutes after the start.")),
                             policy.check_in_opens_minutes_before, policy.check_in_closes_minutes_after),
                 ui::Tone::neutral);
  if (layout == DeskLayout::mine) {
    // My bookings books nothing: only the rules about holding and checking in count here.
  } else if (frame.problem) {
    std::string reason = problem_text(*frame.problem);
    if (*frame.problem == wire_code(Refusal::holiday)) {
      if (const auto holiday = nrw_holiday(frame.day)) reason += fmt::format(" ({})", label(*holiday));
    } else if (*frame.problem == wire_code(Refusal::building_closed)) {
      const ClosedDay* closed = closure_on(state, state.desks.building_id, frame.day);
      if (closed != nullptr && !closed->reason.empty()) reason += fmt::format(" ({})", closed->reason);
    }
    ui::StatusLine(ui::icon::warning, fmt::format(fmt::runtime(tr("Not bookable: {}")), reason), ui::Tone::danger);
  } else if (const BookingSummary* desk = layout == DeskLayout::rooms
                                              ? nullptr
                                              : my_desk_during(state, frame.time.start, frame.time.end)) {
    ui::StatusLine(ui::icon::user,
                   fmt::format(fmt::runtime(tr("You already have a desk for this time: {0}, {1}.")),
                               desk->resource_name, time_range(desk->booking.start, desk->booking.end)),
                   ui::Tone::accent);
  }
  if (!state.data.sync.server_configured) {
    ui::StatusLine(ui::icon::local,
                   tr("Who else has booked is known only when connected to the server. Your own bookings are marked."),
                   ui::Tone::warning);
  }
}

}  // namespace

// --- [SECTION] The view ---------------------------------------------------------------------------

void DesksView::draw(const AppState& state, Intents& out) {
  ui::Heading(ui::icon::desk, label(ViewId::desks));
  if (state.data.buildings.empty()) {
    ui::EmptyState(tr("No buildings are known yet. They appear after the first sync with the server."));
    return;
  }
  const Building* building = desks::shown_building(state);
  // A layout left from a session with the facility role shows the plan to anyone without it.
  const DeskLayout layout =
      state.desks.layout == DeskLayout::edit && !may_edit_places(state) ? DeskLayout::plan : state.desks.layout;
  Frame frame = desks::frame_of(state);
  // A meeting room is booked by the half hour on its timeline, so what stops it is the day's
  // rule, not the chosen slot's (a morning already over leaves the afternoon bookable).
  if (layout == DeskLayout::rooms) frame.problem = desks::whole_day_problem(state, frame);
  // How to look comes first: it decides which of the controls below matter.
  draw_layout_controls(state, out);
  // My bookings spans every building: the place controls would only distract there.
  if (layout != DeskLayout::mine) draw_place_controls(state, building, out);
  if (building == nullptr) return;
  // My bookings lists every day and time; the rooms' timelines show the whole day.
  if (layout != DeskLayout::mine) draw_day_controls(state, frame, out);
  if (layout == DeskLayout::plan || layout == DeskLayout::list) draw_time_controls(state, frame, out);
  ImGui::Spacing();
  if (layout != DeskLayout::edit) draw_rules(state, frame, layout);
  if (state.desks.report) desks::draw_report(*state.desks.report, out);
  ImGui::Spacing();

  if (layout == DeskLayout::mine) {
    draw_my_bookings(state, out);
  } else if (!state.desks.resources_loaded) {
    ui::EmptyState(tr("Loading…"));
  } else if (layout == DeskLayout::edit) {
    draw_editor(state, out);  // an empty floor too: that is where the first place is added
  } else if (state.desks.resources.empty() || desks::shown_floor(state) == nullptr) {
    ui::EmptyState(tr("Nothing on this floor can be booked."));
  } else {
    switch (layout) {
      case DeskLayout::plan:
        draw_filters(state, frame, out);
        draw_plan(state, out);
        break;
      case DeskLayout::list:
        draw_filters(state, frame, out);
        draw_list(state, out);
        break;
      case DeskLayout::rooms: draw_rooms(state, out); break;
      case DeskLayout::edit:
      case DeskLayout::mine:
      case DeskLayout::COUNT: break;
    }
  }
  draw_recurring(state, out);
}

}  // namespace stellwerk::client
