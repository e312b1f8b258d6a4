#include "tests/json_schema.h"

#include <set>

namespace tracuu::testing {
namespace {

using nlohmann::json;

const std::set<std::string> kAnnotations = {"description", "default", "example", "format", "title"};
const std::set<std::string> kKeywords = {"type",    "nullable", "properties", "required",  "additionalProperties",
                                         "items",   "enum",     "minimum",    "maximum",   "minLength",
                                         "maxLength", "$ref"};

std::string TypeOf(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "boolean";
  if (value.is_number_integer() || value.is_number_unsigned()) return "integer";
  if (value.is_number()) return "number";
  if (value.is_string()) return "string";
  if (value.is_array()) return "array";
  return "object";
}

bool HasType(const json& value, const std::string& type) {
  const std::string actual = TypeOf(value);
  return actual == type || (type == "number" && actual == "integer");
}

void Check(const json& value, const json& schema, const json& document, const std::string& where,
           std::vector<std::string>& problems) {
  if (!schema.is_object()) {
    problems.push_back(where + ": schema is not an object");
    return;
  }
  for (const auto& [keyword, unused] : schema.items()) {
    if (!kKeywords.count(keyword) && !kAnnotations.count(keyword)) {
      problems.push_back(where + ": schema keyword \"" + keyword + "\" is not supported by the checker");
    }
  }
  if (schema.contains("$ref")) {
    const json target = ResolveRef(document, schema["$ref"].get<std::string>());
    if (target.is_null()) {
      problems.push_back(where + ": unresolved $ref " + schema["$ref"].get<std::string>());
      return;
    }
    Check(value, target, document, where, problems);
    return;
  }
  if (value.is_null() && schema.value("nullable", false)) return;
  if (schema.contains("type") && !HasType(value, schema["type"].get<std::string>())) {
    problems.push_back(where + ": expected " + schema["type"].get<std::string>() + ", got " + TypeOf(value));
    return;
  }
  if (schema.contains("enum")) {
    bool listed = false;
    for (const json& allowed : schema["enum"]) listed = listed || allowed == value;
    if (!listed) problems.push_back(where + ": " + value.dump() + " is not one of " + schema["enum"].dump());
  }
  if (value.is_number()) {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
      problems.push_back(where + ": " + value.dump() + " is below the minimum " + schema["minimum"].dump());
    }
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
      problems.push_back(where + ": " + value.dump() + " is above the maximum " + schema["maximum"].dump());
    }
  }
  if (value.is_string()) {
    const size_t bytes = value.get_ref<const std::string&>().size();
    if (schema.contains("minLength") && bytes < schema["minLength"].get<size_t>()) problems.push_back(where + ": too short");
    if (schema.contains("maxLength") && bytes > schema["maxLength"].get<size_t>()) problems.push_back(where + ": too long");
  }
  if (value.is_object()) {
    for (const json& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) problems.push_back(where + ": missing required " + name.dump());
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& [name, member] : value.items()) {
      const std::string at = where + "." + name;
      if (properties.contains(name)) {
        Check(member, properties[name], document, at, problems);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          problems.push_back(at + ": not in the schema (additionalProperties is false)");
        } else if (extra.is_object()) {
          Check(member, extra, document, at, problems);
        }
      } else if (schema.contains("properties")) {
        // Stricter than JSON Schema: the document leaves objects open for
        // clients (fields may be added), yet every field the server sends
        // must be documented.
        problems.push_back(at + ": not in the schema (an undocumented field)");
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      Check(value[i], schema["items"], document, where + "[" + std::to_string(i) + "]", problems);
    }
  }
}

}  // namespace

json ResolveRef(const json& document, const std::string& ref) {
  if (ref.rfind("#/", 0) != 0) return json();
  const json* node = &document;
  size_t start = 2;
  while (start <= ref.size()) {
    const size_t slash = ref.find('/', start);
    const std::string key = ref.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!node->is_object() || !node->contains(key)) return json();
    node = &(*node)[key];
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return *node;
}

std::vector<std::string> CheckJsonSchema(const json& value, const json& schema, const json& document) {
  std::vector<std::string> problems;
  Check(value, schema, document, "$", problems);
  return problems;
}

}  // namespace tracuu::testing
