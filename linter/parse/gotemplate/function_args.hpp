// Internal to the function library (functions*.cpp): argument checks with
// the error messages of Go's reflection-based calls, and the conversions and
// string helpers several Sprig functions share.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "linter/parse/gotemplate/exec.hpp"

namespace seldon_lint::gotemplate::fnlib {

// ---- argument helpers ----

[[noreturn]] inline void wrong_count(const Call& call, const std::string& want) {
  throw EvalError("wrong number of args for " + std::string(call.name) + ": want " + want +
                  " got " + std::to_string(call.args.size()));
}

inline void want_args(const Call& call, size_t n) {
  if (call.args.size() != n) wrong_count(call, std::to_string(n));
}
inline void want_at_least(const Call& call, size_t n) {
  if (call.args.size() < n) wrong_count(call, "at least " + std::to_string(n));
}

[[noreturn]] inline void wrong_type(const Call& call, size_t i, std::string_view want) {
  const Value& v = call.args[i];
  if (v.is_nil())
    throw EvalError(std::string(call.name) + ": invalid value; expected " + std::string(want) +
                    " for argument " + std::to_string(i + 1));
  throw EvalError(std::string(call.name) + ": wrong type for value; expected " + std::string(want) +
                  "; got " + v.type_name() + " (argument " + std::to_string(i + 1) + ")");
}

inline const std::string& str_arg(const Call& call, size_t i) {
  if (!call.args[i].is_string()) wrong_type(call, i, "string");
  return call.args[i].as_string();
}

inline int64_t int_arg(const Call& call, size_t i) {
  if (call.args[i].kind() != Value::Kind::Int) wrong_type(call, i, "int");
  return call.args[i].as_int();
}

inline bool bool_arg(const Call& call, size_t i) {
  if (call.args[i].kind() != Value::Kind::Bool) wrong_type(call, i, "bool");
  return call.args[i].as_bool();
}

// A map[string]interface{} parameter: nil is an empty map.
inline const Map* map_arg(const Call& call, size_t i) {
  if (call.args[i].is_nil()) return nullptr;
  if (!call.args[i].is_map()) wrong_type(call, i, "map[string]interface {}");
  return &call.args[i].as_map();
}

inline const List& list_arg(const Call& call, size_t i) {
  if (!call.args[i].is_list()) {
    throw EvalError(std::string(call.name) + ": cannot use type " + call.args[i].type_name() +
                    " as a list");
  }
  return call.args[i].as_list();
}

// cast.ToInt64 as Sprig uses it: numbers truncate, strings parse, else 0.
inline int64_t to_int64(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Int:
      return v.as_int();
    case Value::Kind::Float: {
      double f = v.as_float();
      if (std::isnan(f) || std::fabs(f) > 9.2e18) return 0;
      return static_cast<int64_t>(f);
    }
    case Value::Kind::Bool:
      return v.as_bool() ? 1 : 0;
    case Value::Kind::String: {
      std::string s = v.as_string();
      // cast trims a zero decimal part ("8.0" -> 8) before parsing.
      if (size_t dot = s.find('.');
          dot != std::string::npos && s.find_first_not_of('0', dot + 1) == std::string::npos)
        s.erase(dot);
      Value parsed = resolve_plain_scalar(s);
      if (parsed.kind() == Value::Kind::Float && s.find_first_of(".eE") == std::string::npos &&
          !s.empty())
        return static_cast<int64_t>(parsed.as_float());
      return 0;
    }
    default:
      return 0;
  }
}

inline double to_float64(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Int:
      return static_cast<double>(v.as_int());
    case Value::Kind::Float:
      return v.as_float();
    case Value::Kind::Bool:
      return v.as_bool() ? 1 : 0;
    case Value::Kind::String: {
      Value parsed = resolve_plain_scalar(v.as_string());
      return parsed.kind() == Value::Kind::Float ? parsed.as_float() : 0;
    }
    default:
      return 0;
  }
}

// Sprig strslice: a list's non-nil elements as strings; a single value as one.
inline std::vector<std::string> strslice(const Value& v) {
  std::vector<std::string> out;
  if (v.is_list()) {
    for (const Value& item : v.as_list())
      if (!item.is_nil()) out.push_back(to_string_value(item));
  } else if (!v.is_nil()) {
    out.push_back(to_string_value(v));
  }
  return out;
}

inline Value string_list(const std::vector<std::string>& items) {
  List out;
  out.reserve(items.size());
  for (const auto& s : items) out.push_back(Value::string(s));
  return Value::list(std::move(out));
}

inline std::vector<std::string> go_split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  if (sep.empty()) {
    for (size_t i = 0; i < s.size();) {
      size_t len = 1;
      auto b = static_cast<unsigned char>(s[i]);
      if (b >= 0xF0)
        len = 4;
      else if (b >= 0xE0)
        len = 3;
      else if (b >= 0xC0)
        len = 2;
      out.push_back(s.substr(i, len));
      i += len;
    }
    return out;
  }
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    if (at == std::string::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + sep.size();
  }
}

inline bool is_go_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

inline std::string trim_space(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && is_go_space(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && is_go_space(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

inline std::string trim_cutset(const std::string& s, const std::string& cutset) {
  size_t b = 0, e = s.size();
  while (b < e && cutset.find(s[b]) != std::string::npos) ++b;
  while (e > b && cutset.find(s[e - 1]) != std::string::npos) --e;
  return s.substr(b, e - b);
}

inline std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  size_t pos = 0;
  std::string out;
  while (true) {
    size_t at = s.find(from, pos);
    if (at == std::string::npos) break;
    out.append(s, pos, at - pos);
    out += to;
    pos = at + from.size();
  }
  out.append(s, pos, std::string::npos);
  return out;
}

inline std::string indent_text(int64_t spaces, const std::string& text) {
  if (spaces < 0) spaces = 0;
  std::string pad(static_cast<size_t>(std::min<int64_t>(spaces, 1 << 16)), ' ');
  return pad + replace_all(text, "\n", "\n" + pad);
}

inline std::string base64_encode(std::string_view in) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kAlphabet[(n >> k) & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t n =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

// Sprig returns the decoder's error text instead of failing.
inline std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  size_t i = 0;
  for (; i < in.size() && in[i] != '='; ++i) {
    int v = value(in[i]);
    if (v < 0) return "illegal base64 data at input byte " + std::to_string(i);
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  size_t padding = in.size() - i;
  if (in.size() % 4 != 0 || padding > 2 || in.find_first_not_of('=', i) != std::string_view::npos)
    return "illegal base64 data at input byte " + std::to_string(std::min(i, in.size()));
  return out;
}

using FunctionTable = std::map<std::string_view, Builtin>;
// Each part of the library adds its functions to the table.
void add_string_functions(FunctionTable& table);
void add_collection_functions(FunctionTable& table);

}  // namespace seldon_lint::gotemplate::fnlib
