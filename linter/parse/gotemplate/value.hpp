// Values a Go template works on, with the semantics Helm gives them: values
// files decode through JSON (every number is a float64), maps and slices are
// shared by reference (Sprig's `set` mutates the dict it is given), maps print
// and iterate in sorted key order.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "seldon_lint/yaml.hpp"

namespace seldon_lint::gotemplate {

class Value;
using List = std::vector<Value>;
using Map = std::map<std::string, Value, std::less<>>;

// Something with methods rather than keys (.Files, .Capabilities.APIVersions).
class Object {
 public:
  virtual ~Object() = default;
  virtual std::string type_name() const = 0;
  // Calls `method`; throws EvalError for an unknown method or bad arguments.
  virtual Value call(std::string_view method, const std::vector<Value>& args) const = 0;
  virtual bool has_method(std::string_view method) const = 0;
};

// A failure while evaluating: the template fails as it would under helm
// (`required`, `fail`, a nil pointer, a wrong argument type).
class EvalError : public std::runtime_error {
 public:
  explicit EvalError(const std::string& message) : std::runtime_error(message) {}
};
// A construct or function the renderer does not implement.
class UnsupportedError : public EvalError {
 public:
  using EvalError::EvalError;
};
// A size, depth or step bound was reached.
class LimitError : public EvalError {
 public:
  using EvalError::EvalError;
};

class Value {
 public:
  enum class Kind : unsigned char { Nil, Bool, Int, Float, String, List, Map, Object };

  Value() = default;
  static Value boolean(bool b);
  static Value integer(int64_t i);
  static Value floating(double f);
  static Value string(std::string s);
  static Value list(List items = {});
  static Value map(Map entries = {});
  static Value object(std::shared_ptr<const Object> object);

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_nil() const { return kind() == Kind::Nil; }
  bool is_string() const { return kind() == Kind::String; }
  bool is_map() const { return kind() == Kind::Map; }
  bool is_list() const { return kind() == Kind::List; }
  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  double as_float() const { return std::get<double>(data_); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  // Shared containers: copies of a Value see each other's changes, as in Go.
  List& as_list() const { return *std::get<std::shared_ptr<List>>(data_); }
  Map& as_map() const { return *std::get<std::shared_ptr<Map>>(data_); }
  const Object& as_object() const { return *std::get<std::shared_ptr<const Object>>(data_); }

  // Go type name as text/template reports it ("float64", "map[string]interface {}").
  std::string type_name() const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, std::shared_ptr<List>,
               std::shared_ptr<Map>, std::shared_ptr<const Object>>
      data_;
};

// text/template truth: false, 0, nil, empty string/list/map are false.
bool truthy(const Value& v);

// strconv.ParseInt(text, 0, 64) after removing '_': Go's integer literal
// syntax (0x, 0o, 0b and leading-0 octal prefixes) as go-yaml v2 and the
// template parser read numbers.  False when `text` is not such an integer.
bool parse_go_int(std::string_view text, int64_t& out);

// `s` in double quotes with backslash escapes: `"` and `\`, the control
// characters in `named` as \n-style escapes (only \a \b \f \n \r \t \v have
// one), any other control byte as \xHH, in upper-case hex for go-yaml's
// emitter and lower-case for Go's strconv.Quote.
std::string backslash_quoted(std::string_view s, std::string_view named, bool upper_hex);
// Sprig `empty`: the same notion.
inline bool empty(const Value& v) {
  return !truthy(v);
}
// fmt's %v, as {{ }} prints a value (nil prints "<no value>"; Helm removes that text).
std::string format_v(const Value& v);
// Sprig strval: strings as they are, everything else as %v.
std::string to_string_value(const Value& v);
// Go's %g-style shortest float formatting used by %v ("1e+06", "0.5").
std::string format_float_v(double f);
// encoding/json's float: shortest digits, exponent form below 1e-6 and from
// 1e21; "null" for NaN and infinities.
std::string json_float(double f);
// sigs.k8s.io/yaml output (keys sorted, 2-space indent, sequences not indented
// under their key), without the final newline as Helm's toYaml returns it.
std::string to_yaml(const Value& v);
// encoding/json output with sorted keys.
std::string to_json(const Value& v);
// Deep copy (Sprig deepCopy, and values trees handed to a render).
Value deep_copy(const Value& v);

// A YAML tree as Helm reads values: plain scalars resolve to null/bool/number
// (numbers become float64 after the JSON round trip), quoted ones stay strings.
Value from_yaml(const yaml::Node& node);
// Sprig/Go scalar resolution of one plain YAML scalar.
Value resolve_plain_scalar(std::string_view text);

// Helm's coalescing of values: `overlay` over `base`, maps merge deeply,
// null deletes, everything else replaces.  Returns a new tree.
Value merge_values(const Value& base, const Value& overlay);

}  // namespace seldon_lint::gotemplate
