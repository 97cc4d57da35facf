// The codec and docs/api/openapi.yaml say the same: every object schema of the document has a
// wire type of that name with exactly its members, unknown members are refused where the
// document refuses them, and every schema's example decodes and encodes back to itself. A
// member added on one side only fails here.
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "stellwerk/wire/registry.hpp"

namespace stellwerk::wire {
namespace {

// YAML to JSON. yaml-cpp leaves scalars untyped: a quoted scalar (tag "!") is a string, a plain
// one is read as JSON reads it (null, true, 12, 8.8), and is a string when it is none of those.
Json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Json object = Json::object();
      for (const auto& entry : node) object[entry.first.as<std::string>()] = to_json(entry.second);
      return object;
    }
    case YAML::NodeType::Sequence: {
      Json array = Json::array();
      for (const auto& element : node) array.push_back(to_json(element));
      return array;
    }
    case YAML::NodeType::Scalar: {
      const std::string text = node.Scalar();
      if (node.Tag() == "!") return Json(text);
      const Json parsed = Json::parse(text, nullptr, false);
      return parsed.is_discarded() || parsed.is_object() || parsed.is_array() ? Json(text) : parsed;
    }
    default: return Json(nullptr);
  }
}

const Json& document() {
  static const Json doc = to_json(YAML::LoadFile(STELLWERK_API_DOCUMENT));
  return doc;
}

const Json& schema_of(const std::string& name) { return document().at("components").at("schemas").at(name); }

bool is_object_schema(const Json& schema) {
  return schema.value("type", Json{}) == "object" || schema.contains("properties");
}

// The members a schema allows: its own properties and those of the schemas it takes in with allOf.
std::set<std::string> members_of(const Json& schema) {
  std::set<std::string> names;
  const Json properties = schema.value("properties", Json::object());
  for (const auto& [name, property] : properties.items()) names.insert(name);
  for (const Json& part : schema.value("allOf", Json::array())) {
    if (!part.contains("$ref")) continue;
    const std::string ref = part.at("$ref");
    const auto referenced = members_of(schema_of(ref.substr(ref.rfind('/') + 1)));
    names.insert(referenced.begin(), referenced.end());
  }
  return names;
}

bool refuses_unknown_members(const Json& schema) {
  return schema.value("additionalProperties", Json(true)) == false ||
         schema.value("unevaluatedProperties", Json(true)) == false;
}

std::vector<std::string> object_schema_names() {
  std::vector<std::string> names;
  for (const auto& [name, schema] : document().at("components").at("schemas").items()) {
    if (is_object_schema(schema)) names.push_back(name);
  }
  return names;
}

TEST(Document, EveryObjectSchemaHasAWireTypeWithTheSameMembers) {
  const auto names = object_schema_names();
  ASSERT_GT(names.size(), 30U);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const SchemaEntry* entry = find_schema(name);
    ASSERT_NE(entry, nullptr) << "the codec has no type " << name;
    const std::set<std::string> in_codec(entry->fields.begin(), entry->fields.end());
    EXPECT_EQ(in_codec, members_of(schema_of(name)));
    EXPECT_EQ(entry->closed, refuses_unknown_members(schema_of(name)));
  }
}

TEST(Document, EveryWireTypeIsASchemaOfTheDocument) {
  const auto names = object_schema_names();
  for (const SchemaEntry& entry : schemas()) {
    EXPECT_NE(std::find(names.begin(), names.end(), entry.name), names.end()) << entry.name;
  }
}

TEST(Document, EveryRequiredMemberIsAMemberTheCodecKnows) {
  for (const std::string& name : object_schema_names()) {
    const SchemaEntry* entry = find_schema(name);
    ASSERT_NE(entry, nullptr) << name;
    for (const Json& required : schema_of(name).value("required", Json::array())) {
      EXPECT_NE(std::find(entry->fields.begin(), entry->fields.end(), required.get<std::string>()), entry->fields.end())
          << name << "." << required.get<std::string>();
    }
  }
}

TEST(Document, EveryExampleDecodesAndEncodesBackToItself) {
  for (const std::string& name : object_schema_names()) {
    SCOPED_TRACE(name);
    const Json& schema = schema_of(name);
    ASSERT_TRUE(schema.contains("example")) << "the document gives no example of " << name;
    const Json& example = schema.at("example");
    const auto again = find_schema(name)->round_trip(example);
    ASSERT_TRUE(again.has_value()) << again.error().message();
    EXPECT_EQ(*again, example);
  }
}

}  // namespace
}  // namespace stellwerk::wire
