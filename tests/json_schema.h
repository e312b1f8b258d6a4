// @brief A checker for the subset of JSON Schema that server/openapi.json
// uses (OpenAPI 3.0's dialect), so tests can hold real answers of
// tracuu-server against the document without a schema library.
//
// Supported: type (string, integer, number, boolean, object, array), nullable,
// properties, required, additionalProperties (false or a schema), items, enum,
// minimum, maximum, minLength, maxLength (in bytes), and $ref to
// "#/components/..." inside the same document. Stricter than JSON Schema in
// one way: an object schema with `properties` and no `additionalProperties`
// is closed. The published document leaves objects open, so that clients
// accept the fields a later version adds, while the tests still catch a
// field the server sends and the document does not describe. Annotations (description,
// default, example, format, title) are ignored. Any other keyword is reported
// as unsupported, so the document cannot promise what nothing checks.
//
// Example:
//   auto problems = CheckJsonSchema(body, doc["components"]["schemas"]["SearchResponse"], doc);
//   EXPECT_TRUE(problems.empty()) << problems[0];  // "$.hits[0].score: expected number, got string"
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tracuu::testing {

// Every way `value` breaks `schema`, each naming where ("$.hits[2].id: ...");
// empty when it conforms. `document` resolves $ref.
std::vector<std::string> CheckJsonSchema(const nlohmann::json& value, const nlohmann::json& schema,
                                         const nlohmann::json& document);

// The value a "#/a/b/c" reference points to in `document`, or null json.
nlohmann::json ResolveRef(const nlohmann::json& document, const std::string& ref);

}  // namespace tracuu::testing
