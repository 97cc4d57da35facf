// The floor-plan editor's routes (facility admins): PUT /api/v1/resources/{id} creates or changes
// a place, DELETE removes one. The rules of what may be saved are core's (place_edit.hpp), the
// same the client's editor checks before it queues a change; the routes are registered with the
// others through place_edit_routes() (routes.hpp).
#pragma once

#include <string_view>

namespace stellwerk::server {

// Whether `id` may name a new place: 1 to 100 characters, no space at either end and no ',' or
// '|'. The import of places (import_cells.hpp, CellReader::id) reads ids by the same rule, so a
// place made in the editor can be listed in the city's file later.
bool valid_place_id(std::string_view id);

}  // namespace stellwerk::server
