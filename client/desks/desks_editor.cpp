// "Edit plan" (Plan bearbeiten), the floor-plan editor of facility admins: the floor's plan with its
// places, and beside it the form of the place being edited. A place is added with its type's usual
// size in the middle of the floor, moved by dragging it or with the arrow keys (0.1 m, Shift 1 m),
// and renamed, resized, equipped and closed for a period in the form. Every change shows on the
// plan at once and is queued only by "Save", after core's place_refusal agrees; "Remove" asks
// first and says how many bookings it would release. Below the form, a PNG or JPEG file becomes the
// floor's drawing. Only facility admins see any of this.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "desks/desks_parts.hpp"
#include "desks/desks_view.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::client {
namespace {

using desks::labelled;
using i18n::tr;

bool same_place(const Resource& a, const Resource& b) {
  return a.id == b.id && a.type == b.type && a.name == b.name && a.floor_id == b.floor_id && a.x == b.x &&
         a.y == b.y && a.w == b.w && a.h == b.h && a.features == b.features && a.capacity == b.capacity &&
         a.accessible == b.accessible && a.closure == b.closure;
}

// A new place of `type`, its usual size, in the middle of the floor (moved from there).
Resource new_place(ResourceType type, const Floor& floor) {
  Resource place;
  place.id = new_place_id();
  place.type = type;
  place.floor_id = floor.id;
  switch (type) {
    case ResourceType::room:
      place.w = 4.0;
      place.h = 3.0;
      place.capacity = 6;
      place.name = tr("New meeting room");
      break;
    case ResourceType::parking:
      place.w = 2.5;
      place.h = 5.0;
      place.name = tr("New parking space");
      break;
    case ResourceType::desk:
    case ResourceType::COUNT:
      place.w = 1.6;
      place.h = 0.8;
      place.name = tr("New desk");
      break;
  }
  place.w = std::min(place.w, floor.width_m);
  place.h = std::min(place.h, floor.height_m);
  return moved_on_floor(place, (floor.width_m - place.w) / 2, (floor.height_m - place.h) / 2, floor);
}

// A text longer than the field is cut before the character that does not fit, never inside one.
void copy_text(std::span<char> buffer, const std::string& text) {
  std::size_t n = std::min(text.size(), buffer.size() - 1);
  while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  std::memcpy(buffer.data(), text.data(), n);
  buffer[n] = '\0';
}

// A field of metres with its label on the line above, reported to the test locator as `identity`;
// its buttons step by 0.1 m (with Ctrl by 1 m).
struct MetresField {
  const char* text;
  const char* identity;
  double* value;
};

void metres_field(const MetresField& field) {
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();  // the same on both sides of a pair, whatever the line before
  ImGui::TextUnformatted(field.text);
  ImGui::SetNextItemWidth(ui::em(8.0f));
  ImGui::InputDouble(fmt::format("###{}", field.identity).c_str(), field.value, 0.1, 1.0, "%.2f");
  ui::testing::record_last_item(field.identity);
  ImGui::EndGroup();
}

// Two fields side by side, their labels on one line.
void number_pair(const MetresField& left, const MetresField& right) {
  metres_field(left);
  ImGui::SameLine(ui::em(10.0f));
  metres_field(right);
}

}  // namespace

void DesksView::open_place(const Resource& place, bool is_new) {
  place_form_ = PlaceForm{place, place, is_new, {}, {}};
  copy_text(place_form_->name, place.name);
  copy_text(place_form_->reason, place.closure ? place.closure->reason : std::string{});
}

// The places of the floor as the plan shows them while editing: the form's place in place of its
// stored self, or after the others when it is new.
bool DesksView::form_unsaved() const {
  return place_form_ && (place_form_->is_new || !same_place(place_form_->base, place_form_->place));
}

std::vector<Resource> DesksView::edited_places(const AppState& state) const {
  std::vector<Resource> places = state.desks.resources;
  if (!place_form_) return places;
  const auto stored = std::ranges::find(places, place_form_->place.id, &Resource::id);
  if (stored != places.end()) *stored = place_form_->place;
  else if (place_form_->place.floor_id == state.desks.floor_id) places.push_back(place_form_->place);
  return places;
}

void DesksView::draw_editor(const AppState& state, Intents& out) {
  const Floor* floor = desks::shown_floor(state);
  if (floor == nullptr) return;
  if (place_form_ && place_form_->place.floor_id != floor->id) place_form_.reset();
  // The form follows the selected place (chosen here, in the plan or list, or by --place), except
  // while it holds changes not saved: those are never dropped, and the place chosen meanwhile
  // opens once they are saved or undone.
  const bool unsaved = form_unsaved();
  const Id& selected = state.desks.selected;
  if (!selected.empty() && (!place_form_ || place_form_->place.id != selected) && !unsaved) {
    const auto found = std::ranges::find(state.desks.resources, selected, &Resource::id);
    if (found != state.desks.resources.end()) open_place(*found, false);
  }
  // A saved new place is a stored one once the cache has it; a stored one the cache lost (another
  // admin removed it) closes its form, so that saving cannot bring it back.
  if (place_form_) {
    const bool cached =
        std::ranges::any_of(state.desks.resources, [&](const Resource& r) { return r.id == place_form_->place.id; });
    if (place_form_->is_new && cached) place_form_->is_new = false;
    else if (!place_form_->is_new && !cached) place_form_.reset();
  }
  if (unsaved) ImGui::BeginDisabled();
  for (const ResourceType type : {ResourceType::desk, ResourceType::room, ResourceType::parking}) {
    static constexpr std::array<const char*, 3> kAdd{"add-desk", "add-room", "add-parking"};
    static constexpr std::array<const char*, 3> kWords{STELLWERK_TR_NOOP("Add desk"), STELLWERK_TR_NOOP("Add meeting room"),
                                                       STELLWERK_TR_NOOP("Add parking space")};
    const auto i = static_cast<std::size_t>(type);
    const std::string button = fmt::format("{} {}###{}", ui::icon::add, tr(kWords[i]), kAdd[i]);
    if (type != ResourceType::desk) ui::SameLineIfFits(ui::ButtonWidth(button.c_str()));
    if (ui::Button(button.c_str())) {
      open_place(new_place(type, *floor), true);
      out.push_back(SelectResource{place_form_->place.id});
    }
  }
  if (unsaved) ImGui::EndDisabled();
  ui::StatusLine(ui::icon::info,
                 tr("Drag a place, or select it and move it with the arrow keys (0.1 m; with Shift 1 m). "
                    "Changes are sent when you save them."),
                 ui::Tone::neutral);
  // The plan's zoom buttons (2.75 em) above it and its legend (up to two lines) below it.
  const float avail = ImGui::GetContentRegionAvail().y;
  const float chrome =
      ui::em(2.75f) + ImGui::GetStyle().ItemSpacing.y * 3.0f + ImGui::GetTextLineHeightWithSpacing() * 2.0f;
  const float height = std::max(ui::em(20.0f), avail - chrome);
  if (ImGui::BeginTable("###editor-layout", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("###editor-plan", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("###editor-form", ImGuiTableColumnFlags_WidthFixed, ui::em(21.0f));
    ImGui::TableNextColumn();
    draw_editor_plan(state, *floor, height, out);
    ImGui::TableNextColumn();
    // The form scrolls on its own beside the plan; its actions come first, so they stay in sight.
    if (ImGui::BeginChild("###place-form", ImVec2(0, std::max(ui::em(20.0f), avail - ImGui::GetStyle().ItemSpacing.y)))) {
      if (place_form_) draw_place_form(state, *floor, out);
      else ImGui::TextWrapped("%s", tr("Select a place on the plan to edit it, or add one."));
      ImGui::Spacing();
      ImGui::Separator();
      draw_drawing_upload(state, *floor, out);
    }
    ImGui::EndChild();
    ImGui::EndTable();
  }
}

void DesksView::draw_editor_plan(const AppState& state, const Floor& floor, float height, Intents& out) {
  if (plan_floor_ != floor.id) {
    plan_floor_ = floor.id;
    plan_.fit_requested = true;
  }
  const std::vector<Resource> places = edited_places(state);
  const desks::Frame frame = desks::frame_of(state);
  const SpotStates states(state, frame.time.start, frame.time.end, frame.now);
  std::vector<ui::PlanSpot> spots;
  spots.reserve(places.size());
  for (const Resource& r : places) {
    const bool edited = place_form_ && place_form_->place.id == r.id;
    // The place being edited reads "pending" until it is saved, so the plan never shows a change
    // that nobody else sees yet as if it were stored.
    const bool unsaved = edited && form_unsaved();
    spots.push_back(ui::PlanSpot{r.id, static_cast<float>(r.x), static_cast<float>(r.y), static_cast<float>(r.w),
                                 static_cast<float>(r.h), icon(r.type), r.name,
                                 unsaved ? ui::SpotState::pending : states.of(r), false, false,
                                 desks::resource_summary(r), edited});
    if (edited) plan_.focused = spots.size() - 1;  // the keys move the place in the form, nothing else
  }
  plan_.editing = true;
  const bool drawn = state.desks.drawing && state.desks.drawing->floor_id == floor.id;
  const auto drawing = drawn ? reinterpret_cast<ImTextureID>(state.desks.drawing_texture) : nullptr;
  const ui::PlanResult result =
      ui::FloorPlan("floor-plan", static_cast<float>(floor.width_m), static_cast<float>(floor.height_m), spots,
                    desks::spot_styles(), plan_, height, ui::PlanLabels{tr("Zoom in"), tr("Zoom out"), tr("Whole floor")},
                    drawing);
  plan_.editing = false;
  // Another place chosen while the form holds unsaved changes is only selected (see draw_editor),
  // and a drag of it moves nothing.
  const bool keep_form = form_unsaved();
  const auto pick = [&](std::size_t index) {
    if (index >= places.size()) return false;
    if (!place_form_ || place_form_->place.id != places[index].id) {
      out.push_back(SelectResource{places[index].id});
      if (keep_form) return false;
      open_place(places[index], false);
    }
    plan_.focused = index;
    return true;
  };
  if (result.activated) pick(*result.activated);
  if (result.moved && pick(*result.moved)) {
    Resource& place = place_form_->place;
    place = moved_on_floor(place, result.moved_to.x - place.x, result.moved_to.y - place.y, floor);
  }
}

void DesksView::draw_place_form(const AppState& state, const Floor& floor, Intents& out) {
  PlaceForm& form = *place_form_;
  Resource& place = form.place;
  ImGui::TextUnformatted(form.is_new ? tr("New place") : fmt::format(fmt::runtime(tr("Place {}")), place.name).c_str());
  ImGui::Separator();
  if (state.desks.selected != place.id && !state.desks.selected.empty() && form_unsaved()) {
    ui::StatusLine(ui::icon::info, tr("Save or undo these changes first; then the place you chose opens."),
                   ui::Tone::warning);
  }
  if (!draw_form_actions(state, floor, out)) return;  // discarded or removed
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("Name"));
  ImGui::SetNextItemWidth(-1.0f);
  if (ui::TextField("###place-name", form.name.data(), form.name.size())) place.name = form.name.data();
  for (const ResourceType type : {ResourceType::desk, ResourceType::room, ResourceType::parking}) {
    static constexpr std::array<const char*, 3> kIds{"place-type-desk", "place-type-room", "place-type-parking"};
    const std::string option = labelled(label(type), kIds[static_cast<std::size_t>(type)]);
    if (type != ResourceType::desk) ui::SameLineIfFits(ui::ButtonWidth(option.c_str()) + ImGui::GetFrameHeight());
    if (ui::RadioOption(option.c_str(), place.type == type)) place.type = type;
  }
  // Metres on the plan: the corner's position, then the size. A typed value is kept on the floor
  // by core's rule only when saving (the problem line says why "Save" waits).
  number_pair({tr("From the left (m)"), "place-x", &place.x}, {tr("From the top (m)"), "place-y", &place.y});
  number_pair({tr("Width (m)"), "place-w", &place.w}, {tr("Depth (m)"), "place-h", &place.h});
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Seats"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(7.0f));
  ImGui::InputInt("###place-capacity", &place.capacity);
  ui::testing::record_last_item("place-capacity");
  ImGui::SameLine();
  if (desks::located_checkbox(labelled(tr("Accessible"), "place-accessible").c_str(), place.accessible)) {
    place.accessible = !place.accessible;
  }
  ImGui::TextUnformatted(tr("Features"));
  if (ImGui::BeginTable("###place-features", 2)) {
    for (const std::string_view feature : known_features()) {
      if (feature == "accessible") continue;  // the checkbox above
      ImGui::TableNextColumn();
      const bool has = std::ranges::find(place.features, feature) != place.features.end();
      const std::string box = labelled(feature_label(feature), fmt::format("place-feature-{}", feature));
      if (desks::located_checkbox(box.c_str(), has)) {
        if (has) std::erase(place.features, std::string{feature});
        else place.features.emplace_back(feature);
      }
    }
    ImGui::EndTable();
  }
  draw_closure_fields(state);
}

void DesksView::draw_closure_fields(const AppState& state) {
  PlaceForm& form = *place_form_;
  auto& closure = form.place.closure;
  ImGui::Spacing();
  if (desks::located_checkbox(labelled(tr("Closed for a period"), "place-closed").c_str(), closure.has_value())) {
    if (closure) {
      closure.reset();
    } else {
      closure = PlaceClosure{state.desks.day.ok() ? state.desks.day : state.today, {}, form.reason.data()};
      closure->until = closure->from;
    }
  }
  if (!closure) return;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("First day"));
  ImGui::SameLine(ui::em(6.0f));
  if (const auto day = desks::day_stepper("closed-from", closure->from)) {
    closure->from = *day;
    closure->until = std::max(closure->until, *day);
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Last day"));
  ImGui::SameLine(ui::em(6.0f));
  if (const auto day = desks::day_stepper("closed-until", closure->until)) {
    closure->until = *day;
    closure->from = std::min(closure->from, *day);
  }
  ImGui::TextUnformatted(tr("Reason (everyone sees it)"));
  ImGui::SetNextItemWidth(-1.0f);
  if (ui::TextField("###place-closed-reason", form.reason.data(), form.reason.size())) closure->reason = form.reason.data();
  ImGui::TextWrapped("%s", tr("Bookings on these days are released when you save."));
}

bool DesksView::draw_form_actions(const AppState& state, const Floor& floor, Intents& out) {
  PlaceForm& form = *place_form_;
  const auto refusal = place_refusal(form.place, floor);
  const auto stored = std::ranges::find(state.desks.resources, form.place.id, &Resource::id);
  const bool changed = form_unsaved();
  if (refusal) ui::StatusLine(ui::icon::warning, problem_text(*refusal), ui::Tone::danger);
  else if (changed) ui::StatusLine(ui::icon::pending, tr("Not saved yet."), ui::Tone::warning);
  const bool can_save = changed && !refusal;
  if (!can_save) ImGui::BeginDisabled();
  if (ui::Button(fmt::format("{} {}###place-save", ui::icon::check, tr("Save")).c_str())) {
    out.push_back(SavePlace{form.place});
    form.base = form.place;
  }
  if (!can_save) ImGui::EndDisabled();
  const std::string discard = labelled(form.is_new ? tr("Discard") : tr("Undo changes"), "place-discard");
  ui::SameLineIfFits(ui::ButtonWidth(discard.c_str()));
  if (ui::Button(discard.c_str())) {
    if (form.is_new || stored == state.desks.resources.end()) {
      if (state.desks.selected == form.place.id) out.push_back(SelectResource{Id{}});
      place_form_.reset();  // a place chosen meanwhile opens in the next frame
      return false;
    }
    open_place(*stored, false);
    return true;
  }
  if (form.is_new) return true;
  const std::string remove = fmt::format("{} {}###place-remove", ui::icon::cancel, tr("Remove place…"));
  ui::SameLineIfFits(ui::ButtonWidth(remove.c_str()));
  if (ui::Button(remove.c_str())) out.push_back(AskPlaceRemoval{form.place.id});
  const auto& question = state.desks.removal;
  if (!question || question->resource_id != form.place.id) return true;
  const std::string asked =
      question->bookings_ahead > 0
          ? fmt::format(fmt::runtime(tr("Remove {0}? Bookings still to come: {1}. They are released, and the people "
                                        "who made them see why.")),
                        form.place.name, question->bookings_ahead)
          : fmt::format(fmt::runtime(tr("Remove {0}? No bookings of it are known.")), form.place.name);
  ui::StatusLine(ui::icon::warning, asked, ui::Tone::warning);
  if (ui::Button(labelled(tr("Yes, remove"), "place-remove-confirm").c_str())) {
    out.push_back(RemovePlace{form.place.id, question->bookings_ahead > 0});
    place_form_.reset();  // RemovePlace clears the selection
    return false;
  }
  ImGui::SameLine();
  if (ui::Button(labelled(tr("Keep"), "place-remove-keep").c_str())) out.push_back(KeepPlace{});
  return true;
}

// The drawing goes through the outbox like the places: it shows at once and the server's answer
// arrives as a notice. ImGui has no file dialog; a path field is what works with the keyboard and
// takes a path pasted from the file manager.
void DesksView::draw_drawing_upload(const AppState& state, const Floor& floor, Intents& out) {
  ImGui::TextUnformatted(tr("Drawing of the floor"));
  ui::StatusLine(floor.drawing_version.empty() ? ui::icon::info : ui::icon::check,
                 floor.drawing_version.empty() ? tr("This floor has no drawing yet.") : tr("This floor has a drawing."),
                 ui::Tone::neutral);
  ImGui::TextWrapped("%s", tr("A PNG or JPEG file of at most 8 MB that shows the whole floor, corner to corner:"));
  ImGui::SetNextItemWidth(-1.0f);
  ui::TextField("###drawing-path", drawing_path_.data(), drawing_path_.size());
  const bool chosen = drawing_path_[0] != '\0';
  if (!chosen) ImGui::BeginDisabled();
  if (ui::Button(fmt::format("{} {}###drawing-upload", ui::icon::upload, tr("Upload drawing")).c_str())) {
    out.push_back(UploadDrawing{floor.id, drawing_path_.data()});
    drawing_path_.fill('\0');  // sent once; a second click does not queue the same file again
  }
  if (!chosen) ImGui::EndDisabled();
  if (!state.desks.drawing_problem) return;
  static constexpr std::array<const char*, 3> kProblems{
      STELLWERK_TR_NOOP("The file cannot be read. Check the path."),
      STELLWERK_TR_NOOP("The file is larger than 8 MB."),
      STELLWERK_TR_NOOP("The file is not a PNG or JPEG drawing Stellwerk can show (at most 4096 pixels a side).")};
  ui::StatusLine(ui::icon::warning, tr(kProblems[static_cast<std::size_t>(*state.desks.drawing_problem)]),
                 ui::Tone::danger);
}

}  // namespace stellwerk::client
