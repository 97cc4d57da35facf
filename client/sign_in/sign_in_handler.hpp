// Applies sign-in and synchronisation intents: they go to the sync thread directly (none when the
// context has no sync thread, in tests of local behaviour).
#pragma once

#include "handler_context.hpp"
#include "sign_in/sign_in_intents.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const SignIn& intent);
void handle(HandlerContext& context, const SignOut& intent);
void handle(HandlerContext& context, const SyncNow& intent);
void handle(HandlerContext& context, const ShowSignIn& intent);
void handle(HandlerContext& context, const CloseSignIn& intent);

}  // namespace stellwerk::client
