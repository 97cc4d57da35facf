// Sign-in's view state: who is signed in where, and what the sync thread found on its last round.
#pragma once

#include <string>

namespace stellwerk::client {

// Who is signed in where, as the sync thread read it from the store (the session is shared with
// the command line). The password never appears here: it goes from the sign-in form straight
// into the SignIn intent and on to the sync thread.
struct SessionInfo {
  bool known = false;         // false until the sync thread has read the store
  bool exists = false;        // a server and user name are stored, signed in or not
  bool signed_in = false;     // a token is stored
  bool expired = false;       // the server refused the token (401): sign in again
  std::string server_url;
  std::string username;
  bool signing_in = false;    // an attempt is under way
  std::string sign_in_error;  // why the last attempt failed, in words
  bool form_requested = false;  // on local demo data: the person chose "Sign in" in Settings
};

enum class Connection : unsigned char { unknown, online, offline, COUNT };

// What the sync thread found out on its last round.
struct ConnectionState {
  Connection state = Connection::unknown;
  std::string offline_reason;  // one line, from the transport or the server
  bool syncing = false;        // a round (or a sign-in) is running now
};

}  // namespace stellwerk::client
