// The floor-plan editor ("Edit plan") as a facility admin uses it, headless: adding a place,
// moving it with the arrow keys and by dragging, its features and a closure, the rule that keeps
// "Save" waiting, and the question before a place is removed. Nobody else sees the editor.
#include <gtest/gtest.h>

#include <algorithm>

#include "desks_ui_fixture.hpp"
#include "labels.hpp"
#include "stellwerk/core/place_edit.hpp"

namespace stellwerk::client::desks_ui_tests {
namespace {

namespace key = ui::testing::key;

// A tall window, so that the whole form beside the plan is on screen without scrolling it.
class PlaceEditorTest : public ::testing::Test {
 protected:
  void SetUp() override { assets::activate_language(i18n::Language::en); }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui{ui::ThemeId::light, 1.0f, ImVec2(1280.0f, 1300.0f)};
};

AppState editor_state() {
  AppState state = desks_state(kThursday, DeskLayout::edit);
  state.data.me->roles = {Role::employee, Role::facility_admin};
  return state;
}

const Resource& stored(const AppState& state, const Id& id) {
  return *std::ranges::find(state.desks.resources, id, &Resource::id);
}

TEST_F(PlaceEditorTest, OnlyFacilityAdminsAreOfferedTheEditor) {
  AppState state = desks_state();
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("layout-edit"));
  state.desks.layout = DeskLayout::edit;  // left from another session: the plan shows instead
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("add-desk"));
  EXPECT_TRUE(ui.shows("floor-spot-res-1"));

  state = editor_state();
  state.desks.layout = DeskLayout::plan;
  ui.frames(state, 2);
  auto layout = single<ChooseLayout>(ui.click(state, "layout-edit"));
  ASSERT_TRUE(layout);
  EXPECT_EQ(layout->layout, DeskLayout::edit);
}

TEST_F(PlaceEditorTest, AnAddedDeskLiesOnTheFloorAndIsQueuedBySave) {
  const AppState state = editor_state();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Select a place on the plan to edit it, or add one.")) << ui.text();
  const auto added = single<SelectResource>(ui.click(state, "add-desk"));
  ASSERT_TRUE(added) << "adding only opens the form";
  EXPECT_TRUE(added->resource_id.starts_with("plc_"));
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Not saved yet.")) << ui.text();
  const auto saved = single<SavePlace>(ui.click(state, "place-save"));
  ASSERT_TRUE(saved);
  const Resource& place = saved->place;
  EXPECT_TRUE(place.id.starts_with("plc_"));
  EXPECT_EQ(place.type, ResourceType::desk);
  EXPECT_EQ(place.floor_id, "flr-a-0");
  EXPECT_EQ(place.name, "New desk");
  // In the middle of the 40 × 20 m floor, core's rules content.
  EXPECT_DOUBLE_EQ(place.x, 19.2);
  EXPECT_DOUBLE_EQ(place.y, 9.6);
  EXPECT_FALSE(place_refusal(place, state.data.buildings[0].floors[0]));
}

TEST_F(PlaceEditorTest, TheArrowKeysMoveTheSelectedPlaceByTenCentimetresAndWithShiftByAMetre) {
  const AppState state = editor_state();
  ui.frames(state, 2);
  const auto selected = single<SelectResource>(ui.click(state, "floor-spot-res-3"));
  ASSERT_TRUE(selected) << "selecting a place books nothing";
  EXPECT_EQ(selected->resource_id, "res-3");
  ui.press_key(state, key::right);
  ui.press_key(state, key::right);
  ui.io().KeyShift = true;
  ui.press_key(state, key::down);
  ui.io().KeyShift = false;
  ui.press_key(state, key::up);
  const auto saved = single<SavePlace>(ui.click(state, "place-save"));
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->place.id, "res-3");
  EXPECT_DOUBLE_EQ(saved->place.x, 10.2);
  EXPECT_DOUBLE_EQ(saved->place.y, 5.9);
  EXPECT_EQ(saved->place.name, stored(state, "res-3").name) << "nothing else changed";
}

TEST_F(PlaceEditorTest, DraggingAPlaceMovesItAndNeverOffTheFloor) {
  const AppState state = editor_state();
  ui.frames(state, 2);
  const auto spot = ui.find("floor-spot-res-1");
  ASSERT_TRUE(spot);
  ImGuiIO& io = ui.io();
  io.MousePos = spot->center();
  ui.frames(state, 1);
  io.MouseDown[0] = true;
  ui.frames(state, 1);
  // Far to the left and up: the desk stops at the floor's corner.
  for (int step = 1; step <= 5; ++step) {
    io.MousePos = ImVec2(spot->center().x - 60.0f * static_cast<float>(step), spot->center().y - 60.0f * static_cast<float>(step));
    ui.frames(state, 1);
  }
  io.MouseDown[0] = false;
  ui.frames(state, 2);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  const auto saved = single<SavePlace>(ui.click(state, "place-save"));
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->place.id, "res-1");
  EXPECT_DOUBLE_EQ(saved->place.x, 0.0);
  EXPECT_DOUBLE_EQ(saved->place.y, 0.0);
}

TEST_F(PlaceEditorTest, UnsavedChangesStayUntilSavedOrUndoneAndThenTheChosenPlaceOpens) {
  AppState state = editor_state();
  ui.frames(state, 2);
  ui.click(state, "floor-spot-res-1");
  state.desks.selected = "res-1";
  ui.press_key(state, key::right);  // res-1 moved, not saved

  const auto chosen = single<SelectResource>(ui.click(state, "floor-spot-res-3"));
  ASSERT_TRUE(chosen) << "another place is only selected";
  EXPECT_EQ(chosen->resource_id, "res-3");
  state.desks.selected = "res-3";  // as the handler does
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Save or undo these changes first; then the place you chose opens.")) << ui.text();
  EXPECT_TRUE(all_of_type<SelectResource>(ui.click(state, "add-desk")).empty()) << "adding waits too";
  const auto saved = single<SavePlace>(ui.click(state, "place-save"));
  ASSERT_TRUE(saved) << "the form still holds res-1 with its move";
  EXPECT_EQ(saved->place.id, "res-1");
  EXPECT_DOUBLE_EQ(saved->place.x, stored(state, "res-1").x + 0.1);

  ui.click(state, "place-discard");  // undone instead: now res-3 opens
  ui.frames(state, 2);
  const auto asked = single<AskPlaceRemoval>(ui.click(state, "place-remove"));
  ASSERT_TRUE(asked);
  EXPECT_EQ(asked->resource_id, "res-3");
}

TEST_F(PlaceEditorTest, FeaturesAndAClosureWithItsReasonAreSaved) {
  const AppState state = editor_state();
  ui.frames(state, 2);
  ui.click(state, "floor-spot-res-1");
  ui.click(state, "place-feature-quiet");
  ui.click(state, "place-feature-monitor");  // had it: now without
  ui.click(state, "place-closed");
  ui.frames(state, 2);
  // A closure without a reason is refused by core's rule, and Save waits.
  EXPECT_TRUE(ui.shows_text(problem_text(Refusal::invalid_closure))) << ui.text();
  EXPECT_TRUE(all_of_type<SavePlace>(ui.click(state, "place-save")).empty());
  ui.click(state, "closed-until-next");
  ui.click(state, "place-closed-reason");
  ui.type(state, "Water damage");
  const auto saved = single<SavePlace>(ui.click(state, "place-save"));
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->place.features, (std::vector<std::string>{"docking", "quiet"}));
  ASSERT_TRUE(saved->place.closure);
  EXPECT_EQ(saved->place.closure->from, kThursday);
  EXPECT_EQ(saved->place.closure->until, add_days(kThursday, 1));
  EXPECT_EQ(saved->place.closure->reason, "Water damage");
}

TEST_F(PlaceEditorTest, RemovingAPlaceAsksFirstAndSaysHowManyBookingsItReleases) {
  AppState state = editor_state();
  ui.frames(state, 2);
  ui.click(state, "floor-spot-res-2");
  const auto asked = single<AskPlaceRemoval>(ui.click(state, "place-remove"));
  ASSERT_TRUE(asked);
  EXPECT_EQ(asked->resource_id, "res-2");
  EXPECT_FALSE(ui.shows("place-remove-confirm")) << "the question waits for the count";

  state.desks.removal = PlaceRemovalQuestion{"res-2", 3};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Bookings still to come: 3.")) << ui.text();
  EXPECT_TRUE(single<KeepPlace>(ui.click(state, "place-remove-keep")));
  const auto removed = single<RemovePlace>(ui.click(state, "place-remove-confirm"));
  ASSERT_TRUE(removed);
  state.desks.selected.clear();  // as the handler does
  EXPECT_EQ(removed->resource_id, "res-2");
  EXPECT_TRUE(removed->release_bookings);

  state.desks.removal = PlaceRemovalQuestion{"res-1", 0};
  state.desks.selected = "res-1";  // the form follows the selection
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("No bookings of it are known.")) << ui.text();
  const auto plain = single<RemovePlace>(ui.click(state, "place-remove-confirm"));
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->release_bookings) << "the server refuses it if it knows bookings the cache did not";
}

TEST_F(PlaceEditorTest, TheFloorsDrawingIsSentFromAFileAndAFileThatIsNoneIsExplained) {
  AppState state = editor_state();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("This floor has no drawing yet.")) << ui.text();
  EXPECT_TRUE(all_of_type<UploadDrawing>(ui.click(state, "drawing-upload")).empty()) << "no file chosen yet";
  ui.click(state, "drawing-path");
  ui.type(state, "/srv/plans/eg.png");
  const auto upload = single<UploadDrawing>(ui.click(state, "drawing-upload"));
  ASSERT_TRUE(upload);
  EXPECT_EQ(upload->floor_id, "flr-a-0");
  EXPECT_EQ(upload->path, "/srv/plans/eg.png");

  state.desks.drawing_problem = DrawingFileProblem::not_a_drawing;
  state.data.buildings[0].floors[0].drawing_version = "3f9c";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("This floor has a drawing.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("The file is not a PNG or JPEG drawing")) << ui.text();
}

TEST_F(PlaceEditorTest, AClosedPlaceIsNotBookableAndSaysWhy) {
  AppState state = desks_state();
  state.desks.resources[0].closure = PlaceClosure{kThursday, kThursday, "Water damage"};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.click(state, "floor-spot-res-1").size() == 1) << "only its details open, nothing is booked";
  state.desks.selected = "res-1";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text(problem_text(Refusal::place_closed))) << ui.text();
}

}  // namespace
}  // namespace stellwerk::client::desks_ui_tests
