// The sync library's readings of API answers, for other parts that talk to the server directly
// (the kiosk): the same conversions the changes feed uses, so a policy or a wall time is read one
// way everywhere.
#pragma once

#include <optional>
#include <string_view>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::sync {

// The department's policy; nullopt when a slot is not "HH:MM" or a weekday not 1..7.
std::optional<DepartmentPolicy> policy_from_wire(const wire::Policy& policy);
// A course as the changes feed reads it; nullopt for one it refuses (seats beyond the limit, no
// two-letter language, an audience core's audience_problem refuses).
std::optional<Course> course_from_wire(const wire::Course& course);
// An enrolment of `employee_id`, with its certificate when the server sent one.
Enrollment enrollment_from_wire(const wire::Enrollment& enrollment, const Id& employee_id);
// "HH:MM" as minutes after midnight; nullopt for anything else.
std::optional<MinuteOfDay> wall_time_from_wire(std::string_view text);

}  // namespace stellwerk::sync
