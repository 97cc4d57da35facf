// The Wochenplan's "Export calendar…", driven like a person: a click or Tab + Space emits the
// intent, and while an export runs the button waits. The handler's side on the Controller with a
// real store: the file is written on the worker and a notice names the file and the number of
// events; a file that cannot be written is a notice with the reason.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <imgui.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "store_app.hpp"

namespace stellwerk::client {
namespace {

namespace fs = std::filesystem;
using testing::fixture_state;
using testing::HeadlessUi;
using testing::single;
namespace key = testing::key;

class ScheduleExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state.view = ViewId::schedule;
    state.schedule.calendar_file = "/home/alex/stellwerk.ics";
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui;
  AppState state = fixture_state();
};

TEST_F(ScheduleExportTest, TheButtonAsksForTheExport) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Export calendar…")) << ui.text();
  ASSERT_TRUE(single<ExportCalendar>(ui.click(state, "export-calendar")));
}

TEST_F(ScheduleExportTest, TheButtonIsReachedWithTabAndPressedWithSpace) {
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ui.frames(state, 2);
  ui.press_key(state, key::down);  // the focus on the side bar: Tab goes into the view
  for (int i = 0; i < 60 && ui.focused() != "export-calendar"; ++i) ui.press_key(state, key::tab);
  ASSERT_EQ(ui.focused(), "export-calendar");
  ASSERT_TRUE(single<ExportCalendar>(ui.press_key(state, key::space)));
}

TEST_F(ScheduleExportTest, WhileAnExportRunsTheButtonWaits) {
  state.schedule.exporting = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.click(state, "export-calendar").empty());
}

TEST(ScheduleExportController, TheFileIsWrittenAndANoticeNamesItAndTheEvents) {
  assets::activate_language(i18n::Language::en);
  testing::TempFolder folder;
  testing::App app(folder.path() / "data");
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; }));
  const fs::path file = folder.path() / "kalender.ics";
  app.state.schedule.calendar_file = file.string();
  app.state.schedule.week_start = app.state.today;  // the demo's days are around the real today
  app.controller.apply(Intent{ExportCalendar{}});
  EXPECT_TRUE(app.state.schedule.exporting);
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return !s.schedule.exporting; }));
  ASSERT_TRUE(fs::exists(file));
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("UID:booking-bkg-demo-1@stellwerk"), std::string::npos) << text.str();
  ASSERT_FALSE(app.state.toasts.empty());
  const Toast& notice = app.state.toasts.back();
  EXPECT_EQ(notice.kind, ToastKind::confirmed);
  EXPECT_NE(notice.text.find(file.string()), std::string::npos) << notice.text;
  EXPECT_NE(notice.text.find(" events in "), std::string::npos) << notice.text;

  app.state.schedule.calendar_file = (folder.path() / "missing" / "x.ics").string();
  app.controller.apply(Intent{ExportCalendar{}});
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return !s.schedule.exporting; }));
  EXPECT_EQ(app.state.toasts.back().kind, ToastKind::refused);
  EXPECT_NE(app.state.toasts.back().text.find("Calendar not exported: cannot write"), std::string::npos)
      << app.state.toasts.back().text;
  assets::activate_language(i18n::Language::de);
}

}  // namespace
}  // namespace stellwerk::client
