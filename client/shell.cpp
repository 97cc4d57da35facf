// The main window frame: a navigation side bar (Ctrl+1 … Ctrl+5 jump to a view, Ctrl+6 to a
// manager's Team page), the current view,
// a banner for notices and errors, and the status bar that always shows whether we are online,
// how many changes wait to be sent and when we last synced. While nobody is signed in, the sign-in
// screen takes the place of side bar and view (the cached data belongs to the last person); the
// status bar stays, so queued changes remain visible. A booking the server refused opens the
// conflict dialog over whichever view is shown (ConflictDialog).
#include <algorithm>
#include <array>
#include <chrono>
#include <string>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>  // GImGui->NavDisableHighlight: whether the focus ring is drawn

#include "labels.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/notice.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "shell.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;
using i18n::trn;

constexpr std::array<ViewId, 6> kNavigation{ViewId::home,     ViewId::desks, ViewId::schedule, ViewId::training,
                                            ViewId::settings, ViewId::team};

// The views this person is offered, in the side bar's order: the Team page only to managers.
std::size_t views_offered(const AppState& state) { return shows_team(state) ? kNavigation.size() : kNavigation.size() - 1; }

void handle_shortcuts(const AppState& state, Intents& out) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.KeyCtrl || io.KeyAlt || io.KeyShift) return;
  for (std::size_t i = 0; i < views_offered(state); ++i) {
    // Key indices are GLFW key codes, which equal ASCII for the digit keys.
    if (ImGui::IsKeyPressed(static_cast<int>('1' + i), false)) out.push_back(Navigate{kNavigation[i]});
  }
}

void draw_side_bar(const AppState& state, Intents& out) {
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted("Stellwerk");
  ImGui::PopFont();
  ImGui::Spacing();
  for (std::size_t i = 0; i < views_offered(state); ++i) {
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
  const SessionInfo& session = state.session;
  const auto pending = static_cast<unsigned long>(sync.pending);
  const Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  bool pending_said = false;  // the first segment already counts the waiting changes
  bool sync_time_said = false;
  if (session.signing_in) {
    segments.push_back({ui::icon::pending, tr("Signing in…"), ui::Tone::accent, {}});
  } else if (session.known && !session.signed_in && (session.exists || !state.local_demo)) {
    segments.push_back({ui::icon::sign_in, session.expired ? tr("Sign in again") : tr("Not signed in"),
                        session.expired ? ui::Tone::danger : ui::Tone::warning,
                        tr("Changes stay on this computer and are sent after you sign in.")});
  } else if (!sync.server_configured && !session.signed_in) {
    segments.push_back({ui::icon::local, tr("Offline – local data only"), ui::Tone::warning,
                        tr("Not connected to a server. Changes are kept on this computer.")});
  } else if (state.connection.syncing) {
    segments.push_back({ui::icon::pending, tr("Syncing…"), ui::Tone::accent, {}});
  } else if (state.connection.state == Connection::offline) {
    std::string text = tr("Offline");
    if (pending > 0) {
      text = fmt::format(fmt::runtime(trn("Offline – {} change waiting", "Offline – {} changes waiting", pending)), pending);
      pending_said = true;
    }
    std::string reason = tr("The server cannot be reached. Changes are kept and sent later.");
    if (!state.connection.offline_reason.empty()) reason += "\n" + state.connection.offline_reason;
    segments.push_back({ui::icon::offline, std::move(text), ui::Tone::danger, std::move(reason)});
  } else if (sync.last_sync) {
    segments.push_back({ui::icon::online, fmt::format(fmt::runtime(tr("Synced {}")), relative_time(sync.last_sync, now)),
                        ui::Tone::ok, {}});
    sync_time_said = true;
  } else {
    segments.push_back({ui::icon::online, tr("Not synced yet"), ui::Tone::neutral, {}});
  }
  if (!pending_said) {
    segments.push_back({ui::icon::pending,
                        fmt::format(fmt::runtime(trn("{} change pending", "{} changes pending", pending)), pending),
                        pending > 0 ? ui::Tone::warning : ui::Tone::neutral, {}});
  }
  if (sync.rejected > 0) {
    const auto rejected = static_cast<unsigned long>(sync.rejected);
    segments.push_back({ui::icon::error,
                        fmt::format(fmt::runtime(trn("{} change rejected", "{} changes rejected", rejected)), rejected),
                        ui::Tone::danger, {}});
  }
  if (!sync_time_said) {
    segments.push_back({ui::icon::clock,
                        fmt::format(fmt::runtime(tr("Last sync: {}")), relative_time(sync.last_sync, now)),
                        ui::Tone::neutral, {}});
  }
  return segments;
}

// The notices about the person's own changes (AppState::toasts), newest first. Each leaves after
// kToastSeconds unless the pointer or the focus rests on it; Escape dismisses the newest when no
// dialog or text field wants the key.
void draw_toasts(const AppState& state, Intents& out) {
  if (state.toasts.empty()) return;
  const Instant now = now_of(state);
  for (auto it = state.toasts.rbegin(); it != state.toasts.rend(); ++it) {
    const Toast& toast = *it;
    const char* icon = ui::icon::pending;
    ui::Tone tone = ui::Tone::accent;
    const char* word = tr("Pending");
    if (toast.kind == ToastKind::confirmed) {
      icon = ui::icon::check;
      tone = ui::Tone::ok;
      word = tr("Confirmed");
    } else if (toast.kind == ToastKind::refused) {
      icon = ui::icon::error;
      tone = ui::Tone::danger;
      word = tr("Refused");
    }
    const std::string identity = fmt::format("notice-{}", toast.id);
    const ui::NoticeResult result = ui::Notice(identity.c_str(), icon, tone, word, toast.text, tr("Close"));
    if (result.dismissed || (!result.holding && now - toast.shown_at >= std::chrono::seconds(kToastSeconds))) {
      out.push_back(DismissToast{toast.id});
    }
  }
  const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  const bool key_taken = ImGui::IsAnyItemActive() || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  if (escape && !key_taken &&
      std::none_of(out.begin(), out.end(), [](const Intent& i) { return std::holds_alternative<DismissToast>(i); })) {
    out.push_back(DismissToast{state.toasts.back().id});
  }
  ImGui::Separator();
}

void draw_banner(const AppState& state, Intents& out) {
  draw_toasts(state, out);
  if (state.notice.empty() && state.error.empty()) return;
  const bool is_error = !state.error.empty();
  ui::StatusLine(is_error ? ui::icon::error : ui::icon::info, is_error ? state.error : state.notice,
                 is_error ? ui::Tone::danger : ui::Tone::accent);
  if (ui::Button((std::string(tr("Dismiss")) + "###dismiss").c_str())) out.push_back(DismissNotice{});
  ImGui::Separator();
}

}  // namespace

void Shell::draw(const AppState& state, Intents& out) {
  // ImGui 1.86 hides the focus ring after any mouse click until a key is pressed. The focus must
  // always be visible (a person switching to the keyboard sees where they are at once), so the
  // ring is drawn whenever an item has the focus, clicked or reached by keys.
  if (ImGuiContext* context = ImGui::GetCurrentContext(); context->NavId != 0) context->NavDisableHighlight = false;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // No background: the app clears the frame to WindowBg (client/app.cpp), so painting it again
  // over the whole window only costs fill (a few ms per frame with software GL).
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoBackground;
  if (!ImGui::Begin("###main", nullptr, flags)) {
    ImGui::End();
    return;
  }
  const bool sign_in = needs_sign_in(state);
  // Until the sync thread has read the session, the views could flash up before the sign-in screen.
  const bool waiting = !state.data.loaded || (state.mode == AppMode::personal && !state.session.known);
  if (!sign_in && !waiting) handle_shortcuts(state, out);

  const float status_height = ui::StatusBarHeight();
  const float body_height = ImGui::GetContentRegionAvail().y - status_height;

  if (sign_in) {
    ImGui::BeginChild("###content", ImVec2(0, body_height), false);
    ui::BeginTabScope();
    draw_banner(state, out);
    sign_in_.draw(state, out);
    ui::EndTabScope();
    ImGui::EndChild();
  } else {
    sign_in_.hidden();
    ImGui::BeginChild("###sidebar", ImVec2(ui::em(13.0f), body_height), true);
    draw_side_bar(state, out);
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginChild("###content", ImVec2(0, body_height), false);
    // Tab goes through the view's controls in reading order and stays in the view.
    ui::BeginTabScope();
    draw_banner(state, out);
    if (waiting) {
      ui::EmptyState(tr("Loading…"));
    } else {
      switch (state.view) {
        case ViewId::home: home_.draw(state, out); break;
        case ViewId::desks: desks_.draw(state, out); break;
        case ViewId::schedule: schedule_.draw(state, out); break;
        case ViewId::training: training_.draw(state, out); break;
        case ViewId::settings: settings_.draw(state, out); break;
        case ViewId::team:
          // A person who is no longer a manager (signed out, another person) sees Home instead.
          if (shows_team(state)) team_.draw(state, out);
          else home_.draw(state, out);
          break;
        case ViewId::COUNT: break;
      }
    }
    ui::EndTabScope();
    ImGui::EndChild();
  }

  ImGui::Separator();
  const auto segments = status_segments(state);
  ui::StatusBar(segments);
  // Last, so the dialog is drawn over everything (and the text log of headless tests, which ends
  // with the first popup, has the whole window before it).
  if (!sign_in && !waiting) conflict_dialog_.draw(state, out);
  ImGui::End();
}

}  // namespace stellwerk::client
