// Sign-in ("Anmelden"): server address, user name and password, shown instead of the views while
// nobody is signed in. The fields are prefilled from the last session (or --server, or the settings
// file) so that signing in again after the server ended a session takes only the password. Enter in
// any field submits. The password goes into the SignIn intent and is wiped from the form at once —
// it never reaches AppState. Errors from the last attempt are shown in words, and so is what waits
// in the outbox, because "your changes are still here" is what a person worries about on this screen.
#include <algorithm>
#include <cstring>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "sign_in/sign_in_view.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;
using i18n::trn;

constexpr const char* kDefaultServer = "http://127.0.0.1:8080";

template <std::size_t N>
void fill(std::array<char, N>& buffer, std::string_view text) {
  buffer.fill('\0');
  std::memcpy(buffer.data(), text.data(), std::min(text.size(), N - 1));
}

template <std::size_t N>
std::string trimmed(const std::array<char, N>& buffer) {
  std::string text(buffer.data());
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

void SignInView::prefill(const AppState& state) {
  const SessionInfo& session = state.session;
  if (!session.server_url.empty()) {
    fill(server_, session.server_url);
  } else if (!state.server_url.empty()) {
    fill(server_, state.server_url);
  } else {
    fill(server_, kDefaultServer);
  }
  fill(username_, session.username);
  ui::WipeTextField(password_.data(), password_.size());
  hint_ = nullptr;
  focus_ = true;
}

void SignInView::submit(Intents& out) {
  const std::string server = trimmed(server_);
  const std::string username = trimmed(username_);
  if (server.empty() || username.empty()) {
    hint_ = STELLWERK_TR_NOOP("Enter the server address and your user name.");
    return;
  }
  if (password_[0] == '\0') {
    hint_ = STELLWERK_TR_NOOP("Enter your password.");
    return;
  }
  hint_ = nullptr;
  out.push_back(SignIn{server, username, Secret{password_.data()}});
  ui::WipeTextField(password_.data(), password_.size());
}

void SignInView::draw(const AppState& state, Intents& out) {
  // Prefill each time the screen appears (first start, after sign-out, after the server ended the
  // session), never while the person types.
  if (!shown_) prefill(state);
  shown_ = true;

  const SessionInfo& session = state.session;
  const float width = std::min(ui::em(28.0f), ImGui::GetContentRegionAvail().x);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (ImGui::GetContentRegionAvail().x - width) * 0.5f));
  ImGui::BeginGroup();
  ImGui::PushItemWidth(width);
  ImGui::Dummy(ImVec2(width, ui::em(2.0f)));
  ui::Heading(ui::icon::sign_in, tr("Sign in to Stellwerk"));

  if (session.expired) {
    ui::StatusLine(ui::icon::warning, tr("The server has ended your session. Please sign in again."),
                   ui::Tone::warning);
  }
  const auto pending = static_cast<unsigned long>(state.data.sync.pending);
  if (pending > 0) {
    ui::StatusLine(ui::icon::pending,
                   fmt::format(fmt::runtime(trn("{} change waits on this computer and will be sent after you sign in.",
                                                "{} changes wait on this computer and will be sent after you sign in.",
                                                pending)),
                               pending),
                   ui::Tone::warning);
  }
  ImGui::Spacing();

  const bool busy = session.signing_in;
  if (busy) ImGui::BeginDisabled();
  bool enter = false;
  const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue;
  ImGui::TextUnformatted(tr("Server"));
  enter |= ui::TextField("###signin-server", server_.data(), server_.size(), flags | ImGuiInputTextFlags_CharsNoBlank);
  ImGui::TextUnformatted(tr("User name"));
  if (focus_ && username_[0] == '\0') ImGui::SetKeyboardFocusHere();
  enter |= ui::TextField("###signin-user", username_.data(), username_.size(), flags | ImGuiInputTextFlags_CharsNoBlank);
  ImGui::TextUnformatted(tr("Password"));
  if (focus_ && username_[0] != '\0') ImGui::SetKeyboardFocusHere();
  focus_ = false;
  // No undo history: it would keep earlier versions of the password in memory.
  enter |= ui::TextField("###signin-password", password_.data(), password_.size(),
                         flags | ImGuiInputTextFlags_Password | ImGuiInputTextFlags_NoUndoRedo);
  ImGui::Spacing();
  const bool clicked = ui::Button(fmt::format("{} {}###signin-submit", ui::icon::sign_in, tr("Sign in")).c_str());
  if (busy) ImGui::EndDisabled();
  if (!busy && (enter || clicked)) submit(out);

  if (state.local_demo && !session.exists) {
    ImGui::SameLine();
    if (ui::Button(fmt::format("{}###signin-close", tr("Continue with local data")).c_str())) {
      out.push_back(CloseSignIn{});
    }
  }
  ImGui::Spacing();
  if (busy) {
    ui::StatusLine(ui::icon::pending, tr("Signing in…"), ui::Tone::accent);
  } else if (hint_ != nullptr) {
    ui::StatusLine(ui::icon::info, tr(hint_), ui::Tone::accent);
  } else if (!session.sign_in_error.empty()) {
    ui::StatusLine(ui::icon::error, session.sign_in_error, ui::Tone::danger);
  }
  ImGui::PopItemWidth();
  ImGui::EndGroup();
}

void SignInView::hidden() {
  if (shown_) ui::WipeTextField(password_.data(), password_.size());
  shown_ = false;
}

}  // namespace stellwerk::client
