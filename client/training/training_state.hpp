// Training's view state: which courses the list shows.
#pragma once

namespace stellwerk::client {

struct TrainingState {
  bool mandatory_only = false;  // only the courses the person must take
};

}  // namespace stellwerk::client
