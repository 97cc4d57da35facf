// Every wire type by its schema name in docs/api/openapi.yaml, so that tests can hold the codec
// and the document side by side (tests/wire) without naming each type again.
#pragma once

#include <expected>
#include <functional>
#include <string_view>
#include <vector>

#include "stellwerk/wire/codec.hpp"

namespace stellwerk::wire {

struct SchemaEntry {
  std::string_view name;
  std::vector<std::string_view> fields;   // the JSON member names, in listed order
  bool closed = true;                     // unknown members refused
  // decode as this type, then encode again.
  std::function<std::expected<Json, DecodeError>(const Json&)> round_trip;
};

// All wire types, in the order of types.hpp.
const std::vector<SchemaEntry>& schemas();
// The entry named `name`, or nullptr.
const SchemaEntry* find_schema(std::string_view name);

}  // namespace stellwerk::wire
