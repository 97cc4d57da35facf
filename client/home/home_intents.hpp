// What the person asks for on Home and in the frame around every view (home_handler.hpp applies
// it): going to a view, and putting away a notice or a refused change.
#pragma once

#include <cstdint>

#include "app_state.hpp"

namespace stellwerk::client {

struct Navigate { ViewId view; };
struct DismissNotice {};
struct DismissToast { std::uint64_t id; };
struct DismissConflict { std::int64_t mutation_id; };

}  // namespace stellwerk::client
