// Floor drawings (core's floor_drawing.hpp says what a drawing is): the routes that serve,
// replace and remove them, and the one way a drawing is stored, used by the upload and the demo.
#pragma once

#include <string_view>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/floor_drawing.hpp"
#include "stellwerk/sqlite/sqlite.hpp"

namespace stellwerk::server {

// Stores `image`, which inspect_drawing accepted as `info`, as the floor's drawing in place of
// any earlier one. The floor must exist. Tells nobody: the caller records the building's change
// (its floors carry the drawing's new version) once its other changes are written too.
void store_floor_drawing(sql::Connection& db, const Id& floor_id, std::string_view image, const DrawingInfo& info,
                         Instant now);

}  // namespace stellwerk::server
