// Sign-in and synchronisation (sign_in_handler.hpp applies them). The password lives only in the
// SignIn intent and in the sync thread's request; the controller never copies it into AppState.
#pragma once

#include <string>

#include "stellwerk/core/secret.hpp"

namespace stellwerk::client {

struct SignIn { std::string server_url; std::string username; Secret password; };
struct SignOut {};              // queued changes stay queued
struct SyncNow {};
struct ShowSignIn {};           // on local demo data: open the sign-in screen
struct CloseSignIn {};          // on local demo data: back to the views without signing in

}  // namespace stellwerk::client
