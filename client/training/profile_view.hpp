// Training's third list, the competence profile ("Kompetenzprofil", profile_view.cpp).
#pragma once

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

// The 21 DigComp competences with the person's own level and their role's target (the chart),
// and for the chosen competence the level to set and the courses that close the gap.
void draw_competence_profile(const AppState& state, Intents& out);

}  // namespace stellwerk::client
