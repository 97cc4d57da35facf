// The main window: the shell frames the features' views (one room each: home/, desks/,
// schedule/, training/, settings/, sign_in/) with the navigation side bar and the status bar.
// Every view draws from a const AppState and reports what the person did as intents; none of them
// touches the store or the network (the stellwerk_views target cannot reach sync/). A view object
// keeps only what ImGui needs between frames (text typed into a field, an open question).
#pragma once

#include "app_state.hpp"
#include "conflict_dialog.hpp"
#include "desks/desks_view.hpp"
#include "home/home_view.hpp"
#include "intents.hpp"
#include "schedule/schedule_view.hpp"
#include "settings/settings_view.hpp"
#include "sign_in/sign_in_view.hpp"
#include "team/team_view.hpp"
#include "training/training_view.hpp"

namespace stellwerk::client {

// The whole main window: side bar, the current view, status bar, notices. Fills the viewport.
class Shell {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  HomeView home_;
  DesksView desks_;
  ScheduleView schedule_;
  TrainingView training_;
  SettingsView settings_;
  TeamView team_;
  SignInView sign_in_;
  ConflictDialog conflict_dialog_;
};

}  // namespace stellwerk::client
