// Public wrappers of the feed's conversions (see stellwerk/sync/wire_records.hpp).
#include "stellwerk/sync/wire_records.hpp"

#include "codec.hpp"
#include "engine_parts.hpp"

namespace stellwerk::sync {

std::optional<DepartmentPolicy> policy_from_wire(const wire::Policy& policy) {
  try {
    return detail::policy_from(policy);
  } catch (const store::codec::FieldError&) {
    return std::nullopt;
  }
}

std::optional<Course> course_from_wire(const wire::Course& course) {
  try {
    return detail::course_from(course);
  } catch (const store::codec::FieldError&) {
    return std::nullopt;
  }
}

Enrollment enrollment_from_wire(const wire::Enrollment& enrollment, const Id& employee_id) {
  return detail::enrollment_from(enrollment, employee_id);
}

std::optional<MinuteOfDay> wall_time_from_wire(std::string_view text) { return store::codec::parse_wall_time(text); }

}  // namespace stellwerk::sync
