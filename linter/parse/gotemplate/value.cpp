#include "linter/parse/gotemplate/value.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace seldon_lint::gotemplate {

Value Value::boolean(bool b) {
  Value v;
  v.data_ = b;
  return v;
}
Value Value::integer(int64_t i) {
  Value v;
  v.data_ = i;
  return v;
}
Value Value::floating(double f) {
  Value v;
  v.data_ = f;
  return v;
}
Value Value::string(std::string s) {
  Value v;
  v.data_ = std::move(s);
  return v;
}
Value Value::list(List items) {
  Value v;
  v.data_ = std::make_shared<List>(std::move(items));
  return v;
}
Value Value::map(Map entries) {
  Value v;
  v.data_ = std::make_shared<Map>(std::move(entries));
  return v;
}
Value Value::object(std::shared_ptr<const Object> object) {
  Value v;
  v.data_ = std::move(object);
  return v;
}

std::string Value::type_name() const {
  switch (kind()) {
    case Kind::Nil:
      return "<nil>";
    case Kind::Bool:
      return "bool";
    case Kind::Int:
      return "int";
    case Kind::Float:
      return "float64";
    case Kind::String:
      return "string";
    case Kind::List:
      return "[]interface {}";
    case Kind::Map:
      return "map[string]interface {}";
    case Kind::Object:
      return as_object().type_name();
  }
  return "?";
}

bool truthy(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Nil:
      return false;
    case Value::Kind::Bool:
      return v.as_bool();
    case Value::Kind::Int:
      return v.as_int() != 0;
    case Value::Kind::Float:
      return v.as_float() != 0.0;
    case Value::Kind::String:
      return !v.as_string().empty();
    case Value::Kind::List:
      return !v.as_list().empty();
    case Value::Kind::Map:
      return !v.as_map().empty();
    case Value::Kind::Object:
      return true;
  }
  return false;
}

namespace {

// Shortest round-trip digits of `f` in scientific form: mantissa digits
// (no dot) and the decimal exponent of the first digit.
void shortest_digits(double f, std::string& digits, int& exponent) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific);
  std::string_view text(buf, static_cast<size_t>(res.ptr - buf));
  size_t e = text.find('e');
  digits.clear();
  for (char c : text.substr(0, e))
    if (c != '.') digits += c;
  exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
}

std::string exponent_form(bool negative, const std::string& digits, int exponent, bool min_two) {
  std::string out = negative ? "-" : "";
  out += digits[0];
  if (digits.size() > 1) out += "." + digits.substr(1);
  out += exponent < 0 ? "e-" : "e+";
  int magnitude = std::abs(exponent);
  if (min_two && magnitude < 10) out += '0';
  out += std::to_string(magnitude);
  return out;
}

std::string fixed_shortest(double f) {
  char buf[400];
  auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed);
  return std::string(buf, static_cast<size_t>(res.ptr - buf));
}


std::string format_inner(const Value& v);

std::string format_container(const Value& v) {
  std::string out;
  if (v.is_list()) {
    out = "[";
    bool first = true;
    for (const Value& item : v.as_list()) {
      if (!first) out += ' ';
      first = false;
      out += format_inner(item);
    }
    return out + "]";
  }
  out = "map[";
  bool first = true;
  for (const auto& [key, item] : v.as_map()) {
    if (!first) out += ' ';
    first = false;
    out += key + ":" + format_inner(item);
  }
  return out + "]";
}

std::string format_inner(const Value& v) {
  if (v.is_nil()) return "<nil>";
  return format_v(v);
}

}  // namespace

std::string json_float(double f) {
  if (std::isnan(f) || std::isinf(f)) return "null";
  double magnitude = std::fabs(f);
  if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)) {
    std::string digits;
    int exponent = 0;
    shortest_digits(f, digits, exponent);
    return exponent_form(std::signbit(f), digits, exponent, false);
  }
  return fixed_shortest(f);
}

std::string format_float_v(double f) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f == 0) return std::signbit(f) ? "-0" : "0";
  std::string digits;
  int exponent = 0;
  shortest_digits(f, digits, exponent);
  // strconv 'g' with the shortest precision switches to an exponent at 1e+06.
  if (exponent < -4 || exponent >= 6) return exponent_form(std::signbit(f), digits, exponent, true);
  return fixed_shortest(f);
}

std::string format_v(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Nil:
      return "<no value>";
    case Value::Kind::Bool:
      return v.as_bool() ? "true" : "false";
    case Value::Kind::Int:
      return std::to_string(v.as_int());
    case Value::Kind::Float:
      return format_float_v(v.as_float());
    case Value::Kind::String:
      return v.as_string();
    case Value::Kind::List:
    case Value::Kind::Map:
      return format_container(v);
    case Value::Kind::Object:
      return "{" + v.as_object().type_name() + "}";
  }
  return {};
}

std::string to_string_value(const Value& v) {
  if (v.is_string()) return v.as_string();
  return format_inner(v);
}

Value deep_copy(const Value& v) {
  if (v.is_list()) {
    List items;
    items.reserve(v.as_list().size());
    for (const Value& item : v.as_list()) items.push_back(deep_copy(item));
    return Value::list(std::move(items));
  }
  if (v.is_map()) {
    Map entries;
    for (const auto& [key, item] : v.as_map()) entries.emplace(key, deep_copy(item));
    return Value::map(std::move(entries));
  }
  return v;
}

Value merge_values(const Value& base, const Value& overlay) {
  if (!base.is_map() || !overlay.is_map()) return deep_copy(overlay);
  Value result = deep_copy(base);
  Map& out = result.as_map();
  for (const auto& [key, item] : overlay.as_map()) {
    if (item.is_nil()) {
      out.erase(key);
      continue;
    }
    auto found = out.find(key);
    if (found != out.end() && found->second.is_map() && item.is_map()) {
      found->second = merge_values(found->second, item);
    } else {
      out.insert_or_assign(key, deep_copy(item));
    }
  }
  return result;
}

}  // namespace seldon_lint::gotemplate
