// Course data as the API shows it, shared by the training routes and the demo seed (which
// writes every course into the changes log).
#pragma once

#include "http.hpp"

namespace stellwerk::server {

Json course_json(const Course& course);

}  // namespace stellwerk::server
