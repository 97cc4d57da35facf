// The main window frame: a navigation side bar (Ctrl+1 … Ctrl+5 jump to a view), the current view,
// a banner for notices and errors, and the status bar that always shows whether we are online,
// how many changes wait to be sent and when we last synced.
#include <array>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "../labels.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "views.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;
using i18n::trn;

constexpr std::array<ViewId, 5> kNavigation{ViewId::home, ViewId::desks, ViewId::schedule, ViewId::training,
                                            ViewId::settings};

void handle_shortcuts(Intents& out) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.KeyCtrl || io.KeyAlt || io.KeyShift) return;
  for (std::size_t i = 0; i < kNavigation.size(); ++i) {
    // Key indices are GLFW key codes, which equal ASCII for the digit keys.
    if (ImGui::IsKeyPressed(static_cast<int>('1' + i), false)) out.push_back(Navigate{kNavigation[i]});
  }
}

void draw_side_bar(const AppState& state, Intents& out) {
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted("Stellwerk");
  ImGui::PopFont();
  ImGui::Spacing();
  for (std::size_t i = 0; i < kNavigation.size(); ++i) {
    const ViewId view = kNavigation[i];
    const std::string identity = fmt::format("nav-{}", i);
    const std::string hint = fmt::format("{}+{}", tr("Ctrl"), i + 1);
    if (ui::NavItem(icon(view), label(view), identity.c_str(), state.view == view, hint.c_str())) {
      out.push_back(Navigate{view});
    }
  }
}

std::vector<ui::StatusSegment> status_segments(const AppState& state) {
  std::vector<ui::StatusSegment> segments;
  const SyncSummary& sync = state.data.sync;
  if (!sync.server_configured) {
    segments.push_back({ui::icon::local, tr("Offline – local data only"), ui::Tone::warning,
                        tr("Not connected to a server. Changes are kept on this computer.")});
  } else if (sync.last_sync) {
    segments.push_back({ui::icon::online, tr("Online"), ui::Tone::ok, {}});
  } else {
    segments.push_back({ui::icon::offline, tr("Offline"), ui::Tone::danger, tr("The server cannot be reached.")});
  }
  const auto pending = static_cast<unsigned long>(sync.pending);
  segments.push_back({ui::icon::pending,
                      fmt::format(fmt::runtime(trn("{} change pending", "{} changes pending", pending)), pending),
                      pending > 0 ? ui::Tone::warning : ui::Tone::neutral, {}});
  if (sync.rejected > 0) {
    const auto rejected = static_cast<unsigned long>(sync.rejected);
    segments.push_back({ui::icon::error,
                        fmt::format(fmt::runtime(trn("{} change rejected", "{} changes rejected", rejected)), rejected),
                        ui::Tone::danger, {}});
  }
  const Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  segments.push_back({ui::icon::clock,
                      fmt::format(fmt::runtime(tr("Last sync: {}")), relative_time(sync.last_sync, now)),
                      ui::Tone::neutral, {}});
  return segments;
}

void draw_banner(const AppState& state, Intents& out) {
  if (state.notice.empty() && state.error.empty()) return;
  const bool is_error = !state.error.empty();
  ui::StatusLine(is_error ? ui::icon::error : ui::icon::info, is_error ? state.error : state.notice,
                 is_error ? ui::Tone::danger : ui::Tone::accent);
  if (ui::Button((std::string(tr("Dismiss")) + "###dismiss").c_str())) out.push_back(DismissNotice{});
  ImGui::Separator();
}

}  // namespace

void Shell::draw(const AppState& state, Intents& out) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (!ImGui::Begin("###main", nullptr, flags)) {
    ImGui::End();
    return;
  }
  handle_shortcuts(out);

  const float status_height = ui::StatusBarHeight();
  const float body_height = ImGui::GetContentRegionAvail().y - status_height;

  ImGui::BeginChild("###sidebar", ImVec2(ui::em(13.0f), body_height), true);
  draw_side_bar(state, out);
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("###content", ImVec2(0, body_height), false);
  draw_banner(state, out);
  if (!state.data.loaded) {
    ui::EmptyState(tr("Loading…"));
  } else {
    switch (state.view) {
      case ViewId::home: home_.draw(state, out); break;
      case ViewId::desks: desks_.draw(state, out); break;
      case ViewId::schedule: schedule_.draw(state, out); break;
      case ViewId::training: training_.draw(state, out); break;
      case ViewId::settings: settings_.draw(state, out); break;
      case ViewId::COUNT: break;
    }
  }
  ImGui::EndChild();

  ImGui::Separator();
  const auto segments = status_segments(state);
  ui::StatusBar(segments);
  ImGui::End();
}

}  // namespace stellwerk::client
