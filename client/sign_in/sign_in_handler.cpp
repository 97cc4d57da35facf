#include "sign_in/sign_in_handler.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const SignIn& intent) {
  SessionInfo& session = context.state.session;
  if (session.signing_in) return;  // one attempt at a time
  session.signing_in = true;
  session.sign_in_error.clear();
  if (context.sync != nullptr) context.sync->sign_in(intent.server_url, intent.username, intent.password);
}

void handle(HandlerContext& context, const SignOut&) {
  if (context.sync != nullptr) context.sync->sign_out();
}

void handle(HandlerContext& context, const SyncNow&) {
  if (context.sync != nullptr) context.sync->sync_now();
}

void handle(HandlerContext& context, const ShowSignIn&) { context.state.session.form_requested = true; }

void handle(HandlerContext& context, const CloseSignIn&) {
  context.state.session.form_requested = false;
  context.state.session.sign_in_error.clear();
}

}  // namespace stellwerk::client
