// decode names the offending member and the kind of problem, in the order the server reports
// them: unknown members first, then the members in the order the type lists them.
#include <gtest/gtest.h>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::wire {
namespace {

using Kind = DecodeError::Kind;

Json booking_request() {
  return Json{{"resource_id", "flr_rathaus_eg-01"}, {"start", "2026-12-02T08:00:00+01:00"}, {"end", "2026-12-02T17:00:00+01:00"}};
}

TEST(Codec, DecodesARequest) {
  const auto request = decode<BookingRequest>(booking_request());
  ASSERT_TRUE(request.has_value()) << request.error().message();
  EXPECT_EQ(request->resource_id, "flr_rathaus_eg-01");
  EXPECT_EQ(to_rfc3339(request->start), "2026-12-02T08:00:00+01:00");
}

TEST(Codec, AMissingMemberIsNamed) {
  Json body = booking_request();
  body.erase("start");
  const auto request = decode<BookingRequest>(body);
  ASSERT_FALSE(request.has_value());
  EXPECT_EQ(request.error().kind, Kind::missing);
  EXPECT_EQ(request.error().field(), "start");
  EXPECT_EQ(request.error().message(), "start: missing");
}

TEST(Codec, NullIsMissingForARequiredMember) {
  Json body = booking_request();
  body["resource_id"] = nullptr;
  EXPECT_EQ(decode<BookingRequest>(body).error().kind, Kind::missing);
}

TEST(Codec, AWrongTypeIsNamed) {
  Json body = booking_request();
  body["resource_id"] = 7;
  const auto request = decode<BookingRequest>(body);
  ASSERT_FALSE(request.has_value());
  EXPECT_EQ(request.error().kind, Kind::wrong_type);
  EXPECT_EQ(request.error().message(), "resource_id: expected a string");
}

TEST(Codec, ABadValueIsNamed) {
  Json body = booking_request();
  body["end"] = "tomorrow";
  const auto request = decode<BookingRequest>(body);
  ASSERT_FALSE(request.has_value());
  EXPECT_EQ(request.error().kind, Kind::bad_value);
  EXPECT_EQ(request.error().field(), "end");
}

TEST(Codec, RequestTextMustSaySomethingWithinItsLength) {
  Json body = booking_request();
  body["resource_id"] = "";
  EXPECT_EQ(decode<BookingRequest>(body).error().kind, Kind::bad_value);
  body["resource_id"] = std::string(201, 'a');
  EXPECT_EQ(decode<BookingRequest>(body).error().kind, Kind::bad_value);
  body["resource_id"] = "a\tb";
  EXPECT_EQ(decode<BookingRequest>(body).error().kind, Kind::bad_value);
  // 200 umlauts are 200 characters, not 400 bytes.
  std::string umlauts;
  for (int i = 0; i < 200; ++i) umlauts += "ä";
  body["resource_id"] = umlauts;
  EXPECT_TRUE(decode<BookingRequest>(body).has_value());
}

TEST(Codec, UnknownMembersAreRefusedBeforeAnythingElse) {
  Json body = booking_request();
  body.erase("start");
  body["colour"] = "blue";
  const auto request = decode<BookingRequest>(body);
  ASSERT_FALSE(request.has_value());
  EXPECT_EQ(request.error().kind, Kind::unknown_field);
  EXPECT_EQ(request.error().field(), "colour");
}

TEST(Codec, UnknownMembersPassWhereTheSchemaIsOpen) {
  const Json resource{{"id", "r1"}, {"type", "desk"}, {"name", "EG-01"}, {"floor_id", "f1"}, {"colour", "blue"}};
  const auto decoded = decode<Resource>(resource);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message();
  EXPECT_FALSE(decoded->x.has_value());
  EXPECT_FALSE(encode(*decoded).contains("x"));   // left out, not null
}

TEST(Codec, AnEnumNamesItsChoices) {
  const auto request = decode<WorkdayRequest>(Json{{"half", "noon"}, {"mode", "office"}, {"kind", "planned"}});
  ASSERT_FALSE(request.has_value());
  EXPECT_EQ(request.error().message(), "half: expected one of day, am, pm");
}

TEST(Codec, NestedPathsNameTheWholeWay) {
  Json session{{"token", "0123456789abcdef"}, {"expires_at", "2026-12-01T19:00:00+01:00"},
               {"user", {{"id", "emp_demo"}, {"username", "demo"}, {"display_name", "Alex Demir"},
                         {"department_id", "dep_digital"}, {"home_building_id", "bld_rathaus"},
                         {"roles", {"employee", "pope"}}, {"needs_accessible_desk", false}, {"manager_id", nullptr}}}};
  const auto decoded = decode<Session>(session);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().path, "user.roles[1]");
  EXPECT_EQ(decoded.error().field(), "user");
}

TEST(Codec, NullableMembersAreSentAsNull) {
  User user;
  user.id = "emp_demo";
  const Json json = encode(user);
  ASSERT_TRUE(json.contains("manager_id"));
  EXPECT_TRUE(json.at("manager_id").is_null());
}

TEST(Codec, AnOptionalRequestMemberMayBeLeftOutButIsNeverNull) {
  EXPECT_TRUE(decode<FavouriteRequest>(Json::object()).has_value());
  const auto with_null = decode<FavouriteRequest>(Json{{"usual", nullptr}});
  ASSERT_FALSE(with_null.has_value());
  EXPECT_EQ(with_null.error().kind, Kind::wrong_type);
  EXPECT_EQ(with_null.error().field(), "usual");
}

TEST(Codec, IntegersRefuseFractionsAndHugeValues) {
  Json floor{{"id", "f"}, {"name", "EG"}, {"level", 1.5}, {"width_m", 10}, {"height_m", 5}};
  EXPECT_EQ(decode<Floor>(floor).error().kind, Kind::wrong_type);
  floor["level"] = 1LL << 40;
  EXPECT_EQ(decode<Floor>(floor).error().kind, Kind::bad_value);
  floor["level"] = -1;
  EXPECT_TRUE(decode<Floor>(floor).has_value());
}

TEST(Codec, ANonObjectIsAWrongTypeOfTheWholeValue) {
  const auto decoded = decode<BookingRequest>(Json::array());
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().kind, Kind::wrong_type);
  EXPECT_EQ(decoded.error().path, "");
}

}  // namespace
}  // namespace stellwerk::wire
