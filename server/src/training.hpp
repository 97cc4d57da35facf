// Course data as the API shows it, shared by the training routes and the demo seed (which
// writes every course into the changes log).
#pragma once

#include "http.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {

wire::Course wire_course(const Course& course);

}  // namespace stellwerk::server
