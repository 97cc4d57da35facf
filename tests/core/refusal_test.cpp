// The one table of refusal reasons (core/refusal.hpp): every reason has its wire code and an
// English message, a code parses back to its reason, and the codes are exactly the published ones
// (docs/api/README.md), because clients in the field match on them.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

#include "stellwerk/core/refusal.hpp"

namespace stellwerk {
namespace {

constexpr std::size_t kReasons = static_cast<std::size_t>(Refusal::COUNT);

TEST(Refusal, EveryReasonHasAUniqueCodeThatParsesBack) {
  std::set<std::string_view> codes;
  for (std::size_t i = 0; i < kReasons; ++i) {
    const auto reason = static_cast<Refusal>(i);
    const std::string_view code = wire_code(reason);
    EXPECT_FALSE(code.empty()) << i;
    EXPECT_TRUE(codes.insert(code).second) << code << " is used twice";
    EXPECT_EQ(parse_refusal(code), reason) << code;
    EXPECT_GT(std::string_view{refusal_message_en(reason)}.size(), 10u) << code;
  }
}

TEST(Refusal, UnknownCodesAreNotGuessed) {
  EXPECT_EQ(parse_refusal(""), std::nullopt);
  EXPECT_EQ(parse_refusal("desk_taken "), std::nullopt);
  EXPECT_EQ(parse_refusal("DESK_TAKEN"), std::nullopt);
  EXPECT_EQ(parse_refusal("a_code_from_a_newer_server"), std::nullopt);
  EXPECT_STREQ(unknown_refusal_message_en(), "The request was refused.");
}

TEST(Refusal, TheWireCodesAreThePublishedOnes) {
  // The list in docs/api/README.md. Adding a code is fine (add it there too); changing or
  // removing one breaks every client that matches on it.
  const std::set<std::string_view> published{
      "invalid_json", "invalid_parameter", "unauthorized", "invalid_credentials", "forbidden",
      "outside_kiosk_building", "team_too_small", "no_person_record", "not_found",
      "building_not_found", "resource_not_found", "booking_not_found", "course_not_found", "enrollment_not_found",
      "competence_not_found",
      "approval_not_found", "workday_not_found", "closure_not_found", "kiosk_not_found", "floor_not_found",
      "drawing_not_found", "method_not_allowed",
      "not_implemented",
      "desk_taken",
      "resource_taken", "already_booked", "past", "too_far_ahead", "weekday_not_bookable", "holiday",
      "building_closed", "too_many_upcoming", "accessible_held", "check_in_not_open", "check_in_closed",
      "booking_not_active", "not_a_working_day", "quota_exceeded", "already_enrolled", "already_completed",
      "approval_decided", "already_closed", "too_many_favourites", "not_a_remote_day", "day_in_future", "mandatory_course", "course_full",
      "course_started", "place_closed", "place_has_bookings", "cursor_expired", "body_too_large",
      "invalid_body", "invalid_field", "missing_field", "unknown_field", "invalid_drawing", "place_off_floor",
      "place_name_missing", "invalid_closure", "invalid_time_range",
      "invalid_wall_time", "break_too_long", "reason_required", "idempotency_key_reused", "too_many_attempts", "internal", "not_ready",
      "directory_unavailable",
      // The client's own, never sent by the server.
      "no_usual_desk", "place_removed"};
  std::set<std::string_view> ours;
  for (std::size_t i = 0; i < kReasons; ++i) ours.insert(wire_code(static_cast<Refusal>(i)));
  EXPECT_EQ(ours, published);
}

TEST(Refusal, MessagesSayWhatHappened) {
  EXPECT_STREQ(refusal_message_en(Refusal::desk_taken), "Someone else has already booked this desk for this time.");
  EXPECT_STREQ(refusal_message_en(Refusal::check_in_not_open), "Check-in is not open yet.");
  EXPECT_STREQ(refusal_message_en(Refusal::quota_exceeded),
               "This goes over your department's remote-work share for the month.");
}

}  // namespace
}  // namespace stellwerk
