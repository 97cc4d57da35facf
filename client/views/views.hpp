// The views of the main window, one class per view (one file each), plus the shell that frames
// them with the navigation side bar and the status bar. Every view draws from a const AppState and
// reports what the person did as intents; none of them touches the store or the network.
#pragma once

#include "../app_state.hpp"
#include "../intents.hpp"

namespace stellwerk::client {

class HomeView {
 public:
  void draw(const AppState& state, Intents& out);
};

class DesksView {
 public:
  void draw(const AppState& state, Intents& out);
};

class ScheduleView {
 public:
  void draw(const AppState& state, Intents& out);
};

class TrainingView {
 public:
  void draw(const AppState& state, Intents& out);
};

class SettingsView {
 public:
  void draw(const AppState& state, Intents& out);
};

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
};

}  // namespace stellwerk::client
