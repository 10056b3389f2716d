// The function library: text/template builtins and the Sprig/Helm functions
// charts use most, each with the argument types and edge cases of its Go
// original (typed string/int parameters refuse nil and other types).  This
// file holds arithmetic, comparisons and logic and assembles the table;
// strings and encodings are in functions_strings.cpp, dicts and lists in
// functions_collections.cpp.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

#include "linter/parse/gotemplate/function_args.hpp"

namespace seldon_lint::gotemplate {

namespace {

using namespace fnlib;

// ---- arithmetic (Sprig converts with cast.ToInt64) ----

Value fn_add(Call& c) {
  int64_t sum = 0;
  for (const Value& v : c.args) sum += to_int64(v);
  return Value::integer(sum);
}
Value fn_add1(Call& c) {
  want_args(c, 1);
  return Value::integer(to_int64(c.args[0]) + 1);
}
Value fn_sub(Call& c) {
  want_args(c, 2);
  return Value::integer(to_int64(c.args[0]) - to_int64(c.args[1]));
}
Value fn_mul(Call& c) {
  want_at_least(c, 1);
  int64_t product = 1;
  for (const Value& v : c.args) product *= to_int64(v);
  return Value::integer(product);
}
Value fn_div(Call& c) {
  want_args(c, 2);
  int64_t d = to_int64(c.args[1]);
  if (d == 0) throw EvalError("div: integer divide by zero");
  return Value::integer(to_int64(c.args[0]) / d);
}
Value fn_mod(Call& c) {
  want_args(c, 2);
  int64_t d = to_int64(c.args[1]);
  if (d == 0) throw EvalError("mod: integer divide by zero");
  return Value::integer(to_int64(c.args[0]) % d);
}
Value fn_max(Call& c) {
  want_at_least(c, 1);
  int64_t best = to_int64(c.args[0]);
  for (const Value& v : c.args) best = std::max(best, to_int64(v));
  return Value::integer(best);
}
Value fn_min(Call& c) {
  want_at_least(c, 1);
  int64_t best = to_int64(c.args[0]);
  for (const Value& v : c.args) best = std::min(best, to_int64(v));
  return Value::integer(best);
}

// ---- comparisons and logic ----

Value fn_not(Call& c) {
  want_args(c, 1);
  return Value::boolean(!truthy(c.args[0]));
}
Value fn_eq(Call& c) {
  want_at_least(c, 2);
  for (size_t i = 1; i < c.args.size(); ++i)
    if (go_equal(c.args[0], c.args[i])) return Value::boolean(true);
  return Value::boolean(false);
}
Value fn_ne(Call& c) {
  want_args(c, 2);
  return Value::boolean(!go_equal(c.args[0], c.args[1]));
}
Value fn_lt(Call& c) {
  want_args(c, 2);
  return Value::boolean(go_compare(c.args[0], c.args[1]) < 0);
}
Value fn_le(Call& c) {
  want_args(c, 2);
  return Value::boolean(go_compare(c.args[0], c.args[1]) <= 0);
}
Value fn_gt(Call& c) {
  want_args(c, 2);
  return Value::boolean(go_compare(c.args[0], c.args[1]) > 0);
}
Value fn_ge(Call& c) {
  want_args(c, 2);
  return Value::boolean(go_compare(c.args[0], c.args[1]) >= 0);
}
Value fn_semver_compare(Call& c) {
  want_args(c, 2);
  return Value::boolean(semver_satisfies(str_arg(c, 0), str_arg(c, 1)));
}
// helm template has no cluster: lookup finds nothing.
Value fn_lookup(Call& c) {
  want_args(c, 4);
  for (size_t i = 0; i < 4; ++i) str_arg(c, i);
  return Value::map();
}

}  // namespace

const std::map<std::string_view, Builtin>& builtin_functions() {
  static const std::map<std::string_view, Builtin> kFunctions = [] {
    fnlib::FunctionTable table = {
        {"add", fn_add},       {"add1", fn_add1},
        {"sub", fn_sub},       {"mul", fn_mul},
        {"div", fn_div},       {"mod", fn_mod},
        {"max", fn_max},       {"min", fn_min},
        {"not", fn_not},       {"eq", fn_eq},
        {"ne", fn_ne},         {"lt", fn_lt},
        {"le", fn_le},         {"gt", fn_gt},
        {"ge", fn_ge},         {"semverCompare", fn_semver_compare},
        {"lookup", fn_lookup},
    };
    fnlib::add_string_functions(table);
    fnlib::add_collection_functions(table);
    return table;
  }();
  return kFunctions;
}

const std::map<std::string_view, std::string_view>& refused_functions() {
  static const std::map<std::string_view, std::string_view> kRefused = {
      {"randAlphaNum", "random output"},
      {"randAlpha", "random output"},
      {"randNumeric", "random output"},
      {"randAscii", "random output"},
      {"randBytes", "random output"},
      {"randInt", "random output"},
      {"uuidv4", "random output"},
      {"shuffle", "random output"},
      {"now", "depends on the clock"},
      {"date", "depends on the clock"},
      {"dateInZone", "depends on the clock"},
      {"htmlDate", "depends on the clock"},
      {"ago", "depends on the clock"},
      {"genCA", "generates keys"},
      {"genPrivateKey", "generates keys"},
      {"genSelfSignedCert", "generates keys"},
      {"genSignedCert", "generates keys"},
      {"htpasswd", "random salt"},
      {"derivePassword", "not supported"},
      {"encryptAES", "not supported"},
      {"decryptAES", "not supported"},
      {"regexMatch", "regular expressions are not supported"},
      {"regexFind", "regular expressions are not supported"},
      {"regexFindAll", "regular expressions are not supported"},
      {"regexReplaceAll", "regular expressions are not supported"},
      {"regexReplaceAllLiteral", "regular expressions are not supported"},
      {"regexSplit", "regular expressions are not supported"},
      {"mustRegexMatch", "regular expressions are not supported"},
      {"getHostByName", "needs the network"},
      {"fromYaml", "not supported"},
      {"fromJson", "not supported"},
      {"fromYamlArray", "not supported"},
      {"fromJsonArray", "not supported"},
      {"toToml", "not supported"},
      {"toPrettyJson", "not supported"},
      {"toRawJson", "not supported"},
      {"slice", "not supported"},
      {"call", "not supported"},
      {"html", "not supported"},
      {"js", "not supported"},
      {"urlquery", "not supported"},
      {"env", "Helm does not define it"},
      {"expandenv", "Helm does not define it"},
  };
  return kRefused;
}

std::vector<std::string> supported_functions() {
  std::vector<std::string> out{"and", "or"};
  for (const auto& entry : builtin_functions()) out.emplace_back(entry.first);
  std::sort(out.begin(), out.end());
  return out;
}

// ---- comparisons (text/template funcs.go semantics) ----

namespace {

enum class BasicKind { Invalid, Bool, Int, Float, String, Other };

BasicKind basic_kind(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Nil:
      return BasicKind::Invalid;
    case Value::Kind::Bool:
      return BasicKind::Bool;
    case Value::Kind::Int:
      return BasicKind::Int;
    case Value::Kind::Float:
      return BasicKind::Float;
    case Value::Kind::String:
      return BasicKind::String;
    default:
      return BasicKind::Other;
  }
}

}  // namespace

bool go_equal(const Value& a, const Value& b) {
  BasicKind ka = basic_kind(a), kb = basic_kind(b);
  if (ka != kb) {
    if (ka != BasicKind::Invalid && kb != BasicKind::Invalid)
      throw EvalError("incompatible types for comparison: " + a.type_name() + " and " +
                      b.type_name());
    return false;
  }
  switch (ka) {
    case BasicKind::Invalid:
      return true;
    case BasicKind::Bool:
      return a.as_bool() == b.as_bool();
    case BasicKind::Int:
      return a.as_int() == b.as_int();
    case BasicKind::Float:
      return a.as_float() == b.as_float();
    case BasicKind::String:
      return a.as_string() == b.as_string();
    case BasicKind::Other:
      throw EvalError("non-comparable types: " + a.type_name() + " and " + b.type_name());
  }
  return false;
}

int go_compare(const Value& a, const Value& b) {
  BasicKind ka = basic_kind(a), kb = basic_kind(b);
  if (ka != kb)
    throw EvalError("incompatible types for comparison: " + a.type_name() + " and " +
                    b.type_name());
  switch (ka) {
    case BasicKind::Int:
      return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
    case BasicKind::Float:
      return a.as_float() < b.as_float() ? -1 : a.as_float() > b.as_float() ? 1 : 0;
    case BasicKind::String:
      return a.as_string().compare(b.as_string());
    default:
      throw EvalError("invalid type for comparison: " + a.type_name());
  }
}

}  // namespace seldon_lint::gotemplate
