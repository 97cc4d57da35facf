// Team presence in the views: Settings' opt-in (a checkbox and what colleagues will see) and the
// team section under the Wochenplan's week (who of the team plans office or remote each day).
#pragma once

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

// Settings: "Show my team whether I work in the office or remotely", with one line on what
// colleagues see. Emits SharePresence.
void draw_presence_sharing(const AppState& state, Intents& out);

// The team's presence in the week from `monday` to `friday`, from the store's last answer: named
// colleagues with office or remote in words, the others as counts; that the team is too small;
// how old the answer is. Read only: it emits nothing.
void draw_team_presence(const AppState& state, Date monday, Date friday);

}  // namespace stellwerk::client
