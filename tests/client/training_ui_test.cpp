// Training's "Mandatory only" filter, driven like a person: the checkbox is clicked or reached with
// Tab and ticked with Space, and the list then shows the mandatory courses and no others. The
// handler's side (the intent flips TrainingState) is checked on the Controller.
#include <gtest/gtest.h>
#include <imgui.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "store_app.hpp"

namespace stellwerk::client {
namespace {

using testing::fixture_state;
using testing::HeadlessUi;
using testing::single;
namespace key = testing::key;

class TrainingFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state.view = ViewId::training;
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui;
  AppState state = fixture_state();
};

TEST_F(TrainingFilterTest, MandatoryOnlyShowsJustTheCoursesThePersonMustTake) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Tabellen")) << ui.text();
  const auto ticked = single<FilterCourses>(ui.click(state, "mandatory-only"));
  ASSERT_TRUE(ticked);
  EXPECT_EQ(ticked->filter, CourseFilter{.mandatory_only = true});

  state.training.filter.mandatory_only = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Datenschutz")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Informationssicherheit")) << ui.text();
  EXPECT_FALSE(ui.shows_text("Tabellen")) << ui.text();
  EXPECT_FALSE(ui.shows_text("KI im Amt")) << ui.text();
}

TEST_F(TrainingFilterTest, WithoutMandatoryCoursesTheFilteredListSaysSo) {
  for (Course& course : state.data.courses) course.mandatory = false;
  state.training.filter.mandatory_only = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("No course is mandatory for you.")) << ui.text();
  EXPECT_TRUE(ui.shows("mandatory-only")) << "the filter stays, so that it can be switched off again";
}

// A completion says in words whether its certificate is the server's; only a genuine one can be
// saved as files, and saving says where they went and which command checks them.
TEST_F(TrainingFilterTest, CertificatesSayWhetherTheyAreGenuineAndOnlyGenuineOnesCanBeSaved) {
  state.data.certificate_checks = {{"enr-2", CertificateCheck::invalid}, {"enr-3", CertificateCheck::valid}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Certificate verified: signed by the server")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Certificate invalid: the signature does not match")) << ui.text();
  EXPECT_FALSE(ui.shows("save-certificate-enr-2")) << "a certificate that does not verify is not offered for saving";
  const auto saved = single<SaveCertificate>(ui.click(state, "save-certificate-enr-3"));
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->enrollment_id, "enr-3");

  state.training.saved_certificate = SavedCertificate{"/home/a/Stellwerk-Zertifikate", "openssl pkeyutl -verify -pubin"};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Certificate saved in /home/a/Stellwerk-Zertifikate. Anyone can check it with:")) << ui.text();
  EXPECT_TRUE(ui.shows("verify-command")) << "the command is in a field, to select and copy";
}

TEST_F(TrainingFilterTest, ACompletionWithoutCertificateSaysItFollows) {
  state.data.certificate_checks.clear();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Certificate follows after the next sync")) << ui.text();
  EXPECT_FALSE(ui.shows("save-certificate-enr-3"));
}

TEST_F(TrainingFilterTest, TheFilterIsReachedWithTabAndTickedWithSpace) {
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ui.frames(state, 2);
  ui.press_key(state, key::down);  // the focus on the side bar: Tab goes into the view
  for (int i = 0; i < 30 && ui.focused() != "mandatory-only"; ++i) ui.press_key(state, key::tab);
  ASSERT_EQ(ui.focused(), "mandatory-only");
  ASSERT_TRUE(single<FilterCourses>(ui.press_key(state, key::space)));
}

TEST(TrainingFilterController, TheIntentsSetTheFilterAndTheList) {
  testing::TempFolder folder;
  testing::App app(folder.path());
  const CourseFilter filter{.words = "excel", .area = 3, .band = 1, .mandatory_only = true};
  app.controller.apply(Intent{FilterCourses{filter}});
  EXPECT_EQ(app.state.training.filter, filter);
  app.controller.apply(Intent{FilterCourses{}});
  EXPECT_EQ(app.state.training.filter, CourseFilter{});
  app.controller.apply(Intent{ShowTrainingList{TrainingList::mine}});
  EXPECT_EQ(app.state.training.list, TrainingList::mine);
}

}  // namespace
}  // namespace stellwerk::client
