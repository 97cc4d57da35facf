// A person without a mouse: keyboard-only tests of the main window, drawn headless
// (headless_ui.hpp) with ImGui's keyboard navigation on, as the app turns it on. A desk is booked
// from the floor plan, checked in and cancelled by keys alone; the arrow keys stay inside the plan;
// Home offers check-in inside its window; and the focus ring stays visible after the mouse was used.
// Where the focus is comes from the test locator (HeadlessUi::focused), which names the item
// ImGui's navigation focused.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <imgui_internal.h>  // GImGui: the navigation window and whether the focus ring is drawn

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client {
namespace {

using testing::all_of_type;
using testing::HeadlessUi;
using testing::kToday;
using testing::signed_in_state;
using testing::single;
namespace key = testing::key;

class KeyboardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  // Presses `key_index` until the item `identity` has the focus; false when 30 presses do not get
  // there (a person would give up long before).
  bool focus(const AppState& state, std::string_view identity, int key_index) {
    for (int i = 0; i < 30; ++i) {
      if (ui.focused() == identity) return true;
      ui.press_key(state, key_index);
    }
    return ui.focused() == identity;
  }

  // Looks for `identity` in the column the focus is in: down first, then up.
  bool seek(const AppState& state, std::string_view identity) {
    return focus(state, identity, key::down) || focus(state, identity, key::up);
  }

  // From the side bar into the view, as a person starting from scratch: Down reaches the side bar,
  // Right the view, Space enters it.
  void enter_view(const AppState& state) {
    ui.frames(state, 2);
    ui.press_key(state, key::down);
    ui.press_key(state, key::right);
    ui.press_key(state, key::space);
  }

  std::string nav_window() const { return GImGui->NavWindow != nullptr ? GImGui->NavWindow->Name : "nothing"; }

  HeadlessUi ui;
};

// The child window of the floor plan, found by its name.
ImGuiWindow* plan_window() {
  for (ImGuiWindow* window : GImGui->Windows) {
    if (std::string_view(window->Name).find("##plan") != std::string_view::npos) return window;
  }
  return nullptr;
}

// Today at 07:50, ten minutes before the day's booking would start: check-in is open.
AppState today_without_bookings() {
  AppState state = signed_in_state();
  state.view = ViewId::desks;
  state.desks.day = kToday;
  state.desks.layout = DeskLayout::plan;
  state.now = to_instant(kToday, 7 * 60 + 50);
  state.data.bookings.clear();
  return state;
}

// What the controller shows after BookResource: the booking, pending until it is sent.
BookingSummary booked(const BookResource& book) {
  BookingSummary summary;
  summary.booking = Booking{.id = "local-1", .resource_id = book.resource_id, .employee_id = "emp-1",
                            .start = to_instant(kToday, 8 * 60), .end = to_instant(kToday, 17 * 60),
                            .state = BookingState::booked, .release_at = std::nullopt};
  summary.pending = true;
  summary.resource_name = "EG-01";
  summary.building_name = "Rathaus";
  summary.floor_name = "EG";
  return summary;
}

bool into_plan(KeyboardTest& test, HeadlessUi& ui, const AppState& state) {
  for (int i = 0; i < 40; ++i) {
    const ImGuiWindow* plan = plan_window();
    if (plan != nullptr && GImGui->NavId == plan->ChildId) break;
    ui.press_key(state, key::down);
  }
  const ImGuiWindow* plan = plan_window();
  if (plan == nullptr || GImGui->NavId != plan->ChildId) return false;
  (void)test;
  ui.press_key(state, key::space);  // enters the plan
  return GImGui->NavWindow == plan;
}

TEST_F(KeyboardTest, ADeskIsBookedCheckedInAndCancelledWithTheKeyboardAlone) {
  AppState state = today_without_bookings();
  enter_view(state);
  ASSERT_TRUE(into_plan(*this, ui, state)) << "the arrow keys never reached the floor plan; focus in " << nav_window();
  // The first arrow key starts at the place nearest the middle (the room Elbe); Left goes along
  // the row to EG-02 and EG-01.
  for (int i = 0; i < 3; ++i) ui.press_key(state, key::left);
  const auto books = all_of_type<BookResource>(ui.press_key(state, key::enter));
  ASSERT_EQ(books.size(), 1u) << "Enter on a free desk books it";
  EXPECT_EQ(books.front().resource_id, "res-1");
  state.data.bookings = {booked(books.front())};
  state.desks.selected = books.front().resource_id;
  ui.frames(state, 2);

  // Check in from the plan's details: Escape leaves the plan, Right goes over to the details.
  ui.press_key(state, key::escape);
  ASSERT_TRUE(ui.shows("details-check-in-local-1"));
  ui.press_key(state, key::right);
  ASSERT_EQ(ui.focused().rfind("details-", 0), 0u) << "Right did not reach the details: focus on '" << ui.focused() << "'";
  ASSERT_TRUE(seek(state, "details-check-in-local-1")) << "focus in " << nav_window() << " on '" << ui.focused() << "'";
  const auto check_in = single<CheckIn>(ui.press_key(state, key::space));
  ASSERT_TRUE(check_in);
  EXPECT_EQ(check_in->booking_id, "local-1");
  state.data.bookings.front().booking.state = BookingState::checked_in;
  ui.frames(state, 2);

  // Cancel, and confirm the question.
  ASSERT_TRUE(seek(state, "details-cancel-local-1")) << "focus on '" << ui.focused() << "'";
  EXPECT_TRUE(ui.press_key(state, key::space).empty()) << "cancelling asks first";
  ASSERT_TRUE(seek(state, "details-cancel-confirm-local-1")) << "focus on '" << ui.focused() << "'";
  const auto cancel = single<CancelBooking>(ui.press_key(state, key::space));
  ASSERT_TRUE(cancel);
  EXPECT_EQ(cancel->booking_id, "local-1");
}

TEST_F(KeyboardTest, TheArrowKeysStayInsideTheFloorPlan) {
  const AppState state = today_without_bookings();
  enter_view(state);
  ASSERT_TRUE(into_plan(*this, ui, state)) << "focus in " << nav_window();
  // Far past the plan's edges in every direction: the focus moves between places and never
  // leaves the plan for the side bar or the controls around it.
  for (const int direction : {key::left, key::up, key::right, key::down, key::left}) {
    for (int i = 0; i < 6; ++i) {
      ui.press_key(state, direction);
      ASSERT_EQ(GImGui->NavWindow, plan_window()) << "an arrow key took the focus to " << nav_window();
    }
  }
  // Still on a place: Enter activates it.
  EXPECT_FALSE(all_of_type<SelectResource>(ui.press_key(state, key::enter)).empty());
}

TEST_F(KeyboardTest, HomeOffersCheckInInsideItsWindowAndTakesItByKeyboard) {
  AppState state = signed_in_state();  // the booking starts at 08:00; check-in opens at 07:45
  state.view = ViewId::home;
  state.now = to_instant(kToday, 7 * 60 + 50);
  enter_view(state);
  ASSERT_TRUE(focus(state, "check-in-bkg-1", key::down)) << "focus in " << nav_window() << " on '" << ui.focused()
                                                          << "'";
  const auto check_in = single<CheckIn>(ui.press_key(state, key::space));
  ASSERT_TRUE(check_in);
  EXPECT_EQ(check_in->booking_id, "bkg-1");

  state.now = to_instant(kToday, 7 * 60);  // before the window opens: said, not offered
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("check-in-bkg-1"));
  EXPECT_TRUE(ui.shows_text("Check-in from 07:45")) << ui.text();
}

TEST_F(KeyboardTest, TheFocusRingStaysVisibleAfterTheMouseWasUsed) {
  AppState state = signed_in_state();
  state.view = ViewId::home;
  ui.frames(state, 2);
  ui.click(state, "home-plan-week");
  ui.frames(state, 2);
  // ImGui 1.86 hides its focus ring after any click until a key is pressed; a person who
  // switches to the keyboard must see where they are at once.
  EXPECT_NE(GImGui->NavId, 0u) << "the clicked button keeps the focus";
  EXPECT_FALSE(GImGui->NavDisableHighlight) << "the focus ring is hidden";
  EXPECT_EQ(ui.focused(), "home-plan-week");
}

// Tab visits the view's controls the way a person reads them: each next control lies further right
// on the same line or on a later line, Tab never leaves the view for the side bar, it reaches the
// floor plan, and after the last control it starts again at the first. Shift+Tab goes back.
TEST_F(KeyboardTest, TabGoesThroughTheViewInReadingOrder) {
  AppState state = signed_in_state();
  state.view = ViewId::desks;
  state.desks.day = add_days(kToday, 1);
  ui.frames(state, 2);
  ui.press_key(state, key::down);  // the focus on the side bar: Tab goes into the view
  std::vector<std::string> visited;
  for (int i = 0; i < 60; ++i) {
    ui.press_key(state, key::tab);
    ASSERT_FALSE(ui.focused().starts_with("nav-")) << "Tab left the view for the side bar";
    if (!visited.empty() && ui.focused() == visited.front()) break;
    visited.push_back(ui.focused());
  }
  ASSERT_GE(visited.size(), 10u);
  ASSERT_EQ(visited.front(), "layout-plan") << "Tab starts at the view's first control";
  EXPECT_NE(std::find(visited.begin(), visited.end(), "floor-plan-canvas"), visited.end()) << "Tab reaches the plan";
  ui.frames(state, 2);  // on the first control again; every rect as drawn now
  std::optional<ui::testing::ItemRect> previous;
  std::string previous_name;
  for (const std::string& name : visited) {
    ASSERT_FALSE(name.empty()) << "Tab focused a control the test cannot name, after " << previous_name;
    const auto rect = ui.find(name);
    if (!rect) continue;  // scrolled out of sight now
    if (previous) {
      const bool later_line = rect->min.y >= previous->max.y - 2.0f;
      const bool same_line_right = rect->min.y < previous->max.y && rect->min.x > previous->min.x;
      EXPECT_TRUE(later_line || same_line_right) << name << " comes after " << previous_name << " but lies before it";
    }
    previous = rect;
    previous_name = name;
  }
  // Shift+Tab from the first control goes back to the last.
  ASSERT_EQ(ui.focused(), visited.front());
  ui.io().KeyShift = true;
  ui.press_key(state, key::tab);
  ui.io().KeyShift = false;
  EXPECT_EQ(ui.focused(), visited.back());
}

// The sign-in form by keyboard alone: the focus starts in the first empty field (the server is
// filled in), Tab moves on to the password, Enter signs in.
TEST_F(KeyboardTest, TheSignInFormIsFilledWithTabAndSentWithEnter) {
  AppState state = testing::fixture_state();
  state.local_demo = false;  // a client with a server and nobody signed in
  ui.frames(state, 3);
  ASSERT_TRUE(ui.shows("signin-user"));
  ui.type(state, "alex");
  ui.press_key(state, key::tab);
  ui.type(state, "pw");
  const auto sign_in = all_of_type<SignIn>(ui.press_key(state, key::enter));
  ASSERT_EQ(sign_in.size(), 1u) << "focus on '" << ui.focused() << "'";
  EXPECT_EQ(sign_in.front().username, "alex") << "Tab left the name field";
}

}  // namespace
}  // namespace stellwerk::client
