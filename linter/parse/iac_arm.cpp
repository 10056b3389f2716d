// ARM JSON deployment templates: resources of type Microsoft.EventHub/namespaces
// (`name`, `sku.name`, `sku.capacity`, `properties.disableLocalAuth`).
// `resources` may be an array or (languageVersion 2.0) an object of symbolic
// names; nested deployments (`Microsoft.Resources/deployments` with an inline
// `properties.template`) are searched with their own parameters.  Values of the
// exact form `[parameters('x')]` / `[variables('x')]` resolve to a literal
// default / value; other template expressions stay unknown.
//
// A small JSON reader records the byte range of every key and value, which
// nlohmann::json cannot give.  It gives up (no namespaces) on malformed input.
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/text.hpp"
#include "linter/parse/iac.hpp"

namespace seldon_lint {
namespace {

struct JsonValue;

struct JsonMember {
  std::string key;
  uint32_t key_begin = 0, key_end = 0;
  std::unique_ptr<JsonValue> value;
};

struct JsonValue {
  enum class Type { Null, Bool, Number, String, Array, Object } type = Type::Null;
  uint32_t begin = 0, end = 0;  // byte range in the file
  std::string text;             // decoded string, number or bool text
  std::vector<JsonMember> members;
  std::vector<std::unique_ptr<JsonValue>> items;

  // Linear in the members: `steps` counts the members looked at.
  const JsonValue* find(std::string_view key, uint64_t& steps) const {
    if (type != Type::Object) return nullptr;
    for (const auto& m : members) {
      ++steps;
      if (m.key == key) return m.value.get();
    }
    return nullptr;
  }
  const JsonValue* find(std::string_view key) const {
    uint64_t uncounted = 0;
    return find(key, uncounted);
  }
  const JsonValue* find_icase(std::string_view key, uint64_t& steps) const {
    if (type != Type::Object) return nullptr;
    for (const auto& m : members) {
      ++steps;
      if (m.key.size() == key.size() && contains_icase(m.key, key)) return m.value.get();
    }
    return nullptr;
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : s_(text) {}

  // Values read so far: the reader's work, deterministic.
  uint64_t steps() const { return steps_; }

  std::unique_ptr<JsonValue> parse() {
    skip_space();
    auto value = parse_value(0);
    if (!value) return nullptr;
    skip_space();
    return pos_ == s_.size() ? std::move(value) : nullptr;
  }

 private:
  static constexpr int kMaxDepth = 200;

  void skip_space() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else if (c == '/' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '/') {
        // ARM tooling accepts comments in templates.
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else if (c == '/' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '*') {
        size_t end = s_.find("*/", pos_ + 2);
        pos_ = end == std::string_view::npos ? s_.size() : end + 2;
      } else {
        break;
      }
    }
  }

  std::unique_ptr<JsonValue> parse_value(int depth) {
    if (depth > kMaxDepth || pos_ >= s_.size()) return nullptr;
    ++steps_;
    auto value = std::make_unique<JsonValue>();
    value->begin = static_cast<uint32_t>(pos_);
    char c = s_[pos_];
    bool ok = false;
    if (c == '{') {
      ok = parse_object(*value, depth);
    } else if (c == '[') {
      ok = parse_array(*value, depth);
    } else if (c == '"') {
      value->type = JsonValue::Type::String;
      ok = parse_string(value->text);
    } else if (c == 't' || c == 'f' || c == 'n') {
      for (std::string_view word : {"true", "false", "null"}) {
        if (s_.substr(pos_, word.size()) == word) {
          value->type = word == "null" ? JsonValue::Type::Null : JsonValue::Type::Bool;
          value->text = std::string(word);
          pos_ += word.size();
          ok = true;
          break;
        }
      }
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = pos_;
      while (pos_ < s_.size() &&
             (std::string_view("+-.eE").find(s_[pos_]) != std::string_view::npos ||
              (s_[pos_] >= '0' && s_[pos_] <= '9'))) {
        ++pos_;
      }
      value->type = JsonValue::Type::Number;
      value->text = std::string(s_.substr(start, pos_ - start));
      ok = true;
    }
    if (!ok) return nullptr;
    value->end = static_cast<uint32_t>(pos_);
    return value;
  }

  bool parse_object(JsonValue& value, int depth) {
    value.type = JsonValue::Type::Object;
    ++pos_;  // {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (pos_ < s_.size()) {
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != '"') return false;
      JsonMember member;
      member.key_begin = static_cast<uint32_t>(pos_);
      if (!parse_string(member.key)) return false;
      member.key_end = static_cast<uint32_t>(pos_);
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != ':') return false;
      ++pos_;
      skip_space();
      member.value = parse_value(depth + 1);
      if (!member.value) return false;
      value.members.push_back(std::move(member));
      skip_space();
      if (pos_ >= s_.size()) return false;
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return false;
    }
    return false;
  }

  bool parse_array(JsonValue& value, int depth) {
    value.type = JsonValue::Type::Array;
    ++pos_;  // [
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (pos_ < s_.size()) {
      skip_space();
      auto item = parse_value(depth + 1);
      if (!item) return false;
      value.items.push_back(std::move(item));
      skip_space();
      if (pos_ >= s_.size()) return false;
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return false;
    }
    return false;
  }

  bool parse_string(std::string& out) {
    out.clear();
    ++pos_;  // opening quote
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (c == '"') return true;
      if (c == '\n') return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) return false;
      char e = s_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          if (pos_ + 4 > s_.size()) return false;
          uint32_t cp = 0;
          for (int i = 0; i < 4; ++i) {
            int digit = hex_digit_value(s_[pos_++]);
            if (digit < 0) return false;
            cp = (cp << 4) | static_cast<uint32_t>(digit);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          out += e;
          break;
      }
    }
    return false;
  }

  std::string_view s_;
  size_t pos_ = 0;
  uint64_t steps_ = 0;
};

struct Resolved {
  enum class Type { Unknown, String, Number, Bool, Null } type = Type::Unknown;
  std::string text;
  Location origin;  // set when a parameter file decided the value
};

// Parameter defaults and variables with literal values, per template scope.
// Both are indexed once: a template with many namespaces each naming a
// variable must not scan the variables once per namespace.
struct Scope {
  std::map<std::string, const JsonValue*> parameters;  // defaultValue or passed value
  const IacInputs* file_parameters = nullptr;          // from a parameter file (top level)
  std::map<std::string, const JsonValue*> variables;   // the first of duplicate names
};

Resolved from_input(const IacValue& value) {
  Resolved r;
  r.origin = value.origin;
  switch (value.kind) {
    case IacValue::Kind::String:
      r.type = Resolved::Type::String;
      break;
    case IacValue::Kind::Number:
      r.type = Resolved::Type::Number;
      break;
    case IacValue::Kind::Bool:
      r.type = Resolved::Type::Bool;
      break;
    case IacValue::Kind::Null:
      r.type = Resolved::Type::Null;
      break;
    default:
      return r;
  }
  r.text = value.text;
  return r;
}

Resolved literal(const JsonValue* value) {
  Resolved r;
  if (value == nullptr) return r;
  switch (value->type) {
    case JsonValue::Type::String:
      if (starts_with(value->text, "[[")) {
        r.type = Resolved::Type::String;
        r.text = value->text.substr(1);
      } else if (!starts_with(value->text, "[")) {
        r.type = Resolved::Type::String;
        r.text = value->text;
      }
      break;
    case JsonValue::Type::Number:
      r.type = Resolved::Type::Number;
      r.text = value->text;
      break;
    case JsonValue::Type::Bool:
      r.type = Resolved::Type::Bool;
      r.text = value->text;
      break;
    case JsonValue::Type::Null:
      r.type = Resolved::Type::Null;
      break;
    default:
      break;
  }
  return r;
}

// `[parameters('x')]` → "x" for function "parameters".
bool single_call(std::string_view expr, std::string_view function, std::string& argument) {
  std::string compact;
  for (char c : expr) {
    if (c != ' ') compact += c;
  }
  std::string prefix = "[" + std::string(function) + "('";
  if (!starts_with(compact, prefix) || !ends_with(compact, "')]")) return false;
  argument = compact.substr(prefix.size(), compact.size() - prefix.size() - 3);
  return !argument.empty() && argument.find('\'') == std::string::npos;
}

Resolved resolve(const JsonValue* value, const Scope& scope) {
  Resolved r = literal(value);
  if (r.type != Resolved::Type::Unknown || value == nullptr ||
      value->type != JsonValue::Type::String) {
    return r;
  }
  std::string name;
  if (single_call(value->text, "parameters", name)) {
    if (scope.file_parameters != nullptr) {
      auto passed = scope.file_parameters->find(name);
      if (passed != scope.file_parameters->end()) return from_input(passed->second);
    }
    auto it = scope.parameters.find(name);
    if (it != scope.parameters.end()) return literal(it->second);
  } else if (single_call(value->text, "variables", name)) {
    auto it = scope.variables.find(name);
    if (it != scope.variables.end()) return literal(it->second);
  }
  return r;
}

// A parameter file's value; template expressions ("[...]") are Unknown.
IacValue to_iac_value(const IacLocator& locate, const JsonValue& value, int depth) {
  IacValue v;
  v.origin = locate.at(value.begin, value.end);
  if (depth > 32) return v;
  switch (value.type) {
    case JsonValue::Type::Null:
      v.kind = IacValue::Kind::Null;
      break;
    case JsonValue::Type::Bool:
      v.kind = IacValue::Kind::Bool;
      v.text = value.text;
      break;
    case JsonValue::Type::Number:
      v.kind = IacValue::Kind::Number;
      v.text = value.text;
      break;
    case JsonValue::Type::String:
      // "${AZURE_ENV_NAME}": substituted by the Azure Developer CLI at deploy time.
      if (value.text.find("${") != std::string::npos) break;
      if (starts_with(value.text, "[[")) {
        v.kind = IacValue::Kind::String;
        v.text = value.text.substr(1);
      } else if (!starts_with(value.text, "[")) {
        v.kind = IacValue::Kind::String;
        v.text = value.text;
      }
      break;
    case JsonValue::Type::Array:
      v.kind = IacValue::Kind::Tuple;
      for (const auto& item : value.items)
        v.items.push_back(to_iac_value(locate, *item, depth + 1));
      break;
    case JsonValue::Type::Object:
      v.kind = IacValue::Kind::Object;
      for (const auto& m : value.members) {
        v.members.emplace_back(m.key, to_iac_value(locate, *m.value, depth + 1));
      }
      break;
  }
  return v;
}

class ArmReader {
 public:
  ArmReader(const SourceFile& file, FileId id) : file_(file), locate_(file, id) {}

  // Resources, parameters and variables visited, members looked up and
  // bytes scanned for columns.
  uint64_t steps() const { return steps_ + locate_.steps(); }

  void read_template(const JsonValue& tmpl, const JsonValue* passed,
                     const IacInputs* file_parameters, int depth,
                     std::vector<EventHubNamespace>& out) {
    if (tmpl.type != JsonValue::Type::Object || depth > 8) return;
    Scope scope;
    scope.file_parameters = file_parameters;
    if (const JsonValue* params = tmpl.find("parameters", steps_);
        params != nullptr && params->type == JsonValue::Type::Object) {
      for (const auto& m : params->members) {
        ++steps_;
        scope.parameters[m.key] = m.value->find("defaultValue", steps_);
      }
    }
    if (passed != nullptr && passed->type == JsonValue::Type::Object) {
      for (const auto& m : passed->members) {
        ++steps_;
        // A literal passed in by the parent deployment wins over the default;
        // an expression there makes the parameter unknown here.
        const JsonValue* v = m.value->find("value", steps_);
        scope.parameters[m.key] = literal(v).type != Resolved::Type::Unknown ? v : nullptr;
      }
    }
    if (const JsonValue* variables = tmpl.find("variables", steps_);
        variables != nullptr && variables->type == JsonValue::Type::Object) {
      for (const auto& m : variables->members) {
        ++steps_;
        scope.variables.emplace(m.key, m.value.get());
      }
    }
    const JsonValue* resources = tmpl.find("resources", steps_);
    if (resources == nullptr) return;
    auto visit = [&](const JsonValue& resource) { read_resource(resource, scope, depth, out); };
    if (resources->type == JsonValue::Type::Array) {
      for (const auto& item : resources->items) visit(*item);
    } else if (resources->type == JsonValue::Type::Object) {
      for (const auto& m : resources->members) visit(*m.value);
    }
  }

 private:
  Location where(const JsonValue& v) const { return locate_.at(v.begin, v.end); }

  void read_resource(const JsonValue& resource, const Scope& scope, int depth,
                     std::vector<EventHubNamespace>& out) {
    ++steps_;
    if (resource.type != JsonValue::Type::Object) return;
    const JsonValue* type = resource.find("type", steps_);
    if (type == nullptr || type->type != JsonValue::Type::String) return;
    if (type->text.size() == std::string_view("Microsoft.Resources/deployments").size() &&
        contains_icase(type->text, "Microsoft.Resources/deployments")) {
      const JsonValue* properties = resource.find("properties", steps_);
      const JsonValue* nested =
          properties == nullptr ? nullptr : properties->find("template", steps_);
      if (nested != nullptr) {
        read_template(*nested, properties->find("parameters", steps_), nullptr, depth + 1, out);
      }
      return;
    }
    if (type->text.size() != std::string_view("Microsoft.EventHub/namespaces").size() ||
        !contains_icase(type->text, "Microsoft.EventHub/namespaces")) {
      return;
    }
    if (const JsonValue* existing = resource.find("existing", steps_);
        existing != nullptr && existing->type == JsonValue::Type::Bool &&
        existing->text == "true") {
      return;
    }
    EventHubNamespace ns;
    ns.form = "ARM";
    ns.environment = file_.environment;
    ns.location = where(*type);
    ns.local_auth_disabled = Tri::No;
    if (const JsonValue* name = resource.find("name", steps_)) {
      Resolved r = resolve(name, scope);
      if (r.type == Resolved::Type::String) ns.name = r.text;
      ns.location = where(*name);
    }
    if (const JsonValue* sku = resource.find("sku", steps_)) {
      if (sku->type == JsonValue::Type::Object) {
        if (const JsonValue* sku_name = sku->find("name", steps_)) {
          Resolved r = resolve(sku_name, scope);
          ns.sku_location = r.origin.known() ? r.origin : where(*sku_name);
          if (r.type == Resolved::Type::String) ns.sku = r.text;
        }
        if (const JsonValue* capacity = sku->find("capacity", steps_)) {
          Resolved r = resolve(capacity, scope);
          ns.capacity_location = r.origin.known() ? r.origin : where(*capacity);
          if (r.type == Resolved::Type::Number) ns.capacity = std::atoi(r.text.c_str());
        }
      } else {
        ns.sku_location = where(*sku);
      }
    }
    if (const JsonValue* properties = resource.find("properties", steps_)) {
      if (properties->type == JsonValue::Type::Object) {
        if (const JsonValue* cluster = properties->find_icase("clusterArmId", steps_)) {
          Resolved r = resolve(cluster, scope);
          if (r.type != Resolved::Type::Null) {
            mark_dedicated(ns, r.origin.known() ? r.origin : where(*cluster));
          }
        }
        if (const JsonValue* disable = properties->find_icase("disableLocalAuth", steps_)) {
          Resolved r = resolve(disable, scope);
          ns.local_auth_location = r.origin.known() ? r.origin : where(*disable);
          if (r.type == Resolved::Type::Bool) {
            ns.local_auth_disabled = r.text == "true" ? Tri::Yes : Tri::No;
          } else if (r.type != Resolved::Type::Null) {
            ns.local_auth_disabled = Tri::Unknown;
          }
        }
      } else {
        ns.local_auth_disabled = Tri::Unknown;
        ns.local_auth_location = where(*properties);
      }
    }
    out.push_back(std::move(ns));
  }

  const SourceFile& file_;
  IacLocator locate_;
  uint64_t steps_ = 0;
};

}  // namespace

void read_arm_eventhub_namespaces(const SourceFile& file, FileId id, const IacInputs* parameters,
                                  std::vector<EventHubNamespace>& out, uint64_t* work) {
  if (!contains_icase(file.text, "Microsoft.EventHub/namespaces")) return;
  JsonReader json(file.text);
  std::unique_ptr<JsonValue> root = json.parse();
  if (work != nullptr) *work = json.steps();
  if (!root) return;
  ArmReader reader(file, id);
  reader.read_template(*root, nullptr, parameters, 0, out);
  if (work != nullptr) *work += reader.steps();
}

bool read_json_object(const SourceFile& file, FileId id, IacInputs& out) {
  std::unique_ptr<JsonValue> root = JsonReader(file.text).parse();
  if (!root || root->type != JsonValue::Type::Object) return false;
  IacLocator locate(file, id);
  for (const auto& m : root->members) out[m.key] = to_iac_value(locate, *m.value, 0);
  return true;
}

bool read_arm_parameters(const SourceFile& file, FileId id, IacInputs& out) {
  std::unique_ptr<JsonValue> root = JsonReader(file.text).parse();
  if (!root) return false;
  const JsonValue* parameters = root->find("parameters");
  if (parameters == nullptr || parameters->type != JsonValue::Type::Object) return false;
  IacLocator locate(file, id);
  for (const auto& m : parameters->members) {
    const JsonValue* value = m.value->find("value");
    out[m.key] = value != nullptr ? to_iac_value(locate, *value, 0)
                                  : IacValue::unknown(locate.at(m.key_begin, m.key_end));
  }
  return true;
}

}  // namespace seldon_lint
