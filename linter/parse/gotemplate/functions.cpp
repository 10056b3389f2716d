// The function library: text/template builtins and the Sprig/Helm functions
// charts use most, each with the argument types and edge cases of its Go
// original (typed string/int parameters refuse nil and other types).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

#include "linter/parse/gotemplate/exec.hpp"

namespace seldon_lint::gotemplate {

namespace {

// ---- argument helpers ----

[[noreturn]] void wrong_count(const Call& call, const std::string& want) {
  throw EvalError("wrong number of args for " + std::string(call.name) + ": want " + want +
                  " got " + std::to_string(call.args.size()));
}

void want_args(const Call& call, size_t n) {
  if (call.args.size() != n) wrong_count(call, std::to_string(n));
}
void want_at_least(const Call& call, size_t n) {
  if (call.args.size() < n) wrong_count(call, "at least " + std::to_string(n));
}

[[noreturn]] void wrong_type(const Call& call, size_t i, std::string_view want) {
  const Value& v = call.args[i];
  if (v.is_nil())
    throw EvalError(std::string(call.name) + ": invalid value; expected " + std::string(want) +
                    " for argument " + std::to_string(i + 1));
  throw EvalError(std::string(call.name) + ": wrong type for value; expected " + std::string(want) +
                  "; got " + v.type_name() + " (argument " + std::to_string(i + 1) + ")");
}

const std::string& str_arg(const Call& call, size_t i) {
  if (!call.args[i].is_string()) wrong_type(call, i, "string");
  return call.args[i].as_string();
}

int64_t int_arg(const Call& call, size_t i) {
  if (call.args[i].kind() != Value::Kind::Int) wrong_type(call, i, "int");
  return call.args[i].as_int();
}

bool bool_arg(const Call& call, size_t i) {
  if (call.args[i].kind() != Value::Kind::Bool) wrong_type(call, i, "bool");
  return call.args[i].as_bool();
}

// A map[string]interface{} parameter: nil is an empty map.
const Map* map_arg(const Call& call, size_t i) {
  if (call.args[i].is_nil()) return nullptr;
  if (!call.args[i].is_map()) wrong_type(call, i, "map[string]interface {}");
  return &call.args[i].as_map();
}

const List& list_arg(const Call& call, size_t i) {
  if (!call.args[i].is_list()) {
    throw EvalError(std::string(call.name) + ": cannot use type " + call.args[i].type_name() +
                    " as a list");
  }
  return call.args[i].as_list();
}

// cast.ToInt64 as Sprig uses it: numbers truncate, strings parse, else 0.
int64_t to_int64(const Value& v) {
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

double to_float64(const Value& v) {
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
std::vector<std::string> strslice(const Value& v) {
  std::vector<std::string> out;
  if (v.is_list()) {
    for (const Value& item : v.as_list())
      if (!item.is_nil()) out.push_back(to_string_value(item));
  } else if (!v.is_nil()) {
    out.push_back(to_string_value(v));
  }
  return out;
}

Value string_list(const std::vector<std::string>& items) {
  List out;
  out.reserve(items.size());
  for (const auto& s : items) out.push_back(Value::string(s));
  return Value::list(std::move(out));
}

std::vector<std::string> go_split(const std::string& s, const std::string& sep) {
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

bool is_go_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string trim_space(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && is_go_space(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && is_go_space(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string trim_cutset(const std::string& s, const std::string& cutset) {
  size_t b = 0, e = s.size();
  while (b < e && cutset.find(s[b]) != std::string::npos) ++b;
  while (e > b && cutset.find(s[e - 1]) != std::string::npos) --e;
  return s.substr(b, e - b);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
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

std::string indent_text(int64_t spaces, const std::string& text) {
  if (spaces < 0) spaces = 0;
  std::string pad(static_cast<size_t>(std::min<int64_t>(spaces, 1 << 16)), ' ');
  return pad + replace_all(text, "\n", "\n" + pad);
}

std::string base64_encode(std::string_view in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
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
std::string base64_decode(std::string_view in) {
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

// ---- functions ----

Value fn_default(Call& c) {
  want_at_least(c, 1);
  if (c.args.size() == 1 || empty(c.args[1])) return c.args[0];
  return c.args[1];
}
Value fn_empty(Call& c) {
  want_args(c, 1);
  return Value::boolean(empty(c.args[0]));
}
Value fn_coalesce(Call& c) {
  for (const Value& v : c.args)
    if (!empty(v)) return v;
  return Value();
}
Value fn_ternary(Call& c) {
  want_args(c, 3);
  return bool_arg(c, 2) ? c.args[0] : c.args[1];
}
Value fn_quote(Call& c) {
  std::string out;
  for (const Value& v : c.args) {
    if (v.is_nil()) continue;
    if (!out.empty()) out += ' ';
    out += go_quote(to_string_value(v));
  }
  return Value::string(out);
}
Value fn_squote(Call& c) {
  std::string out;
  for (const Value& v : c.args) {
    if (v.is_nil()) continue;
    if (!out.empty()) out += ' ';
    out += "'" + to_string_value(v) + "'";
  }
  return Value::string(out);
}
Value fn_to_string(Call& c) {
  want_args(c, 1);
  return Value::string(to_string_value(c.args[0]));
}
Value fn_to_strings(Call& c) {
  want_args(c, 1);
  return string_list(strslice(c.args[0]));
}
Value fn_int(Call& c) {
  want_args(c, 1);
  return Value::integer(to_int64(c.args[0]));
}
Value fn_float64(Call& c) {
  want_args(c, 1);
  return Value::floating(to_float64(c.args[0]));
}
Value fn_atoi(Call& c) {
  want_args(c, 1);
  const std::string& s = str_arg(c, 0);
  Value parsed = resolve_plain_scalar(s);
  bool decimal = !s.empty() && s.find_first_not_of("+-0123456789") == std::string::npos;
  return Value::integer(
      decimal && parsed.kind() == Value::Kind::Float ? static_cast<int64_t>(parsed.as_float()) : 0);
}
Value fn_to_yaml(Call& c) {
  want_args(c, 1);
  if (c.args[0].kind() == Value::Kind::Object)
    throw UnsupportedError("toYaml of a " + c.args[0].type_name());
  return Value::string(to_yaml(c.args[0]));
}
Value fn_to_json(Call& c) {
  want_args(c, 1);
  return Value::string(to_json(c.args[0]));
}
Value fn_indent(Call& c) {
  want_args(c, 2);
  return Value::string(indent_text(int_arg(c, 0), str_arg(c, 1)));
}
Value fn_nindent(Call& c) {
  want_args(c, 2);
  return Value::string("\n" + indent_text(int_arg(c, 0), str_arg(c, 1)));
}
Value fn_include(Call& c) {
  want_args(c, 2);
  return Value::string(executor_include(c.executor, str_arg(c, 0), c.args[1]));
}
Value fn_tpl(Call& c) {
  want_args(c, 2);
  return Value::string(executor_tpl(c.executor, str_arg(c, 0), c.args[1]));
}
Value fn_required(Call& c) {
  want_args(c, 2);
  const Value& v = c.args[1];
  if (v.is_nil() || (v.is_string() && v.as_string().empty()))
    throw EvalError("required value missing: " + to_string_value(c.args[0]));
  return v;
}
Value fn_fail(Call& c) {
  want_args(c, 1);
  throw EvalError("fail: " + str_arg(c, 0));
}
Value fn_printf(Call& c) {
  want_at_least(c, 1);
  return Value::string(go_sprintf(str_arg(c, 0), c.args, 1));
}
// fmt.Sprint: a space between operands when neither side is a string.
Value fn_print(Call& c) {
  std::string out;
  for (size_t i = 0; i < c.args.size(); ++i) {
    if (i > 0 && !c.args[i].is_string() && !c.args[i - 1].is_string()) out += ' ';
    out += to_string_value(c.args[i]);
  }
  return Value::string(out);
}
Value fn_println(Call& c) {
  std::string out;
  for (size_t i = 0; i < c.args.size(); ++i) out += (i ? " " : "") + to_string_value(c.args[i]);
  return Value::string(out + "\n");
}
Value fn_trim(Call& c) {
  want_args(c, 1);
  return Value::string(trim_space(str_arg(c, 0)));
}
Value fn_trim_all(Call& c) {
  want_args(c, 2);
  return Value::string(trim_cutset(str_arg(c, 1), str_arg(c, 0)));
}
Value fn_trim_prefix(Call& c) {
  want_args(c, 2);
  const std::string& prefix = str_arg(c, 0);
  const std::string& s = str_arg(c, 1);
  return Value::string(s.compare(0, prefix.size(), prefix) == 0 ? s.substr(prefix.size()) : s);
}
Value fn_trim_suffix(Call& c) {
  want_args(c, 2);
  const std::string& suffix = str_arg(c, 0);
  const std::string& s = str_arg(c, 1);
  bool has =
      s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  return Value::string(has ? s.substr(0, s.size() - suffix.size()) : s);
}
Value fn_lower(Call& c) {
  want_args(c, 1);
  std::string s = str_arg(c, 0);
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return Value::string(s);
}
Value fn_upper(Call& c) {
  want_args(c, 1);
  std::string s = str_arg(c, 0);
  for (char& ch : s)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return Value::string(s);
}
Value fn_title(Call& c) {
  want_args(c, 1);
  std::string s = str_arg(c, 0);
  bool start = true;
  for (char& ch : s) {
    if (start && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    start = is_go_space(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
  }
  return Value::string(s);
}
Value fn_replace(Call& c) {
  want_args(c, 3);
  return Value::string(replace_all(str_arg(c, 2), str_arg(c, 0), str_arg(c, 1)));
}
Value fn_contains(Call& c) {
  want_args(c, 2);
  return Value::boolean(str_arg(c, 1).find(str_arg(c, 0)) != std::string::npos);
}
Value fn_has_prefix(Call& c) {
  want_args(c, 2);
  return Value::boolean(str_arg(c, 1).compare(0, str_arg(c, 0).size(), str_arg(c, 0)) == 0);
}
Value fn_has_suffix(Call& c) {
  want_args(c, 2);
  const std::string& suffix = str_arg(c, 0);
  const std::string& s = str_arg(c, 1);
  return Value::boolean(s.size() >= suffix.size() &&
                        s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0);
}
Value fn_split_list(Call& c) {
  want_args(c, 2);
  return string_list(go_split(str_arg(c, 1), str_arg(c, 0)));
}
Value fn_split(Call& c) {
  want_args(c, 2);
  Map out;
  auto parts = go_split(str_arg(c, 1), str_arg(c, 0));
  for (size_t i = 0; i < parts.size(); ++i)
    out.emplace("_" + std::to_string(i), Value::string(parts[i]));
  return Value::map(std::move(out));
}
Value fn_join(Call& c) {
  want_args(c, 2);
  std::string out;
  const std::string& sep = str_arg(c, 0);
  bool first = true;
  for (const std::string& s : strslice(c.args[1])) {
    if (!first) out += sep;
    first = false;
    out += s;
  }
  return Value::string(out);
}
Value fn_nospace(Call& c) {
  want_args(c, 1);
  std::string out;
  for (char ch : str_arg(c, 0))
    if (!is_go_space(static_cast<unsigned char>(ch))) out += ch;
  return Value::string(out);
}
Value fn_cat(Call& c) {
  std::string out;
  for (const Value& v : c.args) {
    if (v.is_nil()) continue;
    if (!out.empty()) out += ' ';
    out += to_string_value(v);
  }
  return Value::string(out);
}
Value fn_trunc(Call& c) {
  want_args(c, 2);
  int64_t n = int_arg(c, 0);
  const std::string& s = str_arg(c, 1);
  auto len = static_cast<int64_t>(s.size());
  if (n < 0 && len + n > 0) return Value::string(s.substr(static_cast<size_t>(len + n)));
  if (n >= 0 && len > n) return Value::string(s.substr(0, static_cast<size_t>(n)));
  return Value::string(s);
}
Value fn_repeat(Call& c) {
  want_args(c, 2);
  int64_t n = int_arg(c, 0);
  const std::string& s = str_arg(c, 1);
  if (n < 0) throw EvalError("repeat: negative count");
  if (static_cast<double>(n) * static_cast<double>(s.size()) >
      static_cast<double>(executor_limits(c.executor).max_value_bytes))
    throw LimitError("repeat would build a string larger than the output budget");
  std::string out;
  for (int64_t i = 0; i < n; ++i) out += s;
  return Value::string(out);
}
Value fn_substr(Call& c) {
  want_args(c, 3);
  int64_t start = int_arg(c, 0), end = int_arg(c, 1);
  const std::string& s = str_arg(c, 2);
  auto len = static_cast<int64_t>(s.size());
  if (start < 0) start = 0;
  if (end < 0 || end > len) end = len;
  if (start > end) throw EvalError("substr: slice bounds out of range");
  return Value::string(s.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
}
Value fn_b64enc(Call& c) {
  want_args(c, 1);
  return Value::string(base64_encode(str_arg(c, 0)));
}
Value fn_b64dec(Call& c) {
  want_args(c, 1);
  return Value::string(base64_decode(str_arg(c, 0)));
}
Value fn_sha256sum(Call& c) {
  want_args(c, 1);
  return Value::string(sha256_hex(str_arg(c, 0)));
}

// ---- collections ----

Value fn_dict(Call& c) {
  Map out;
  for (size_t i = 0; i < c.args.size(); i += 2) {
    std::string key = to_string_value(c.args[i]);
    out.insert_or_assign(key, i + 1 < c.args.size() ? c.args[i + 1] : Value::string(""));
  }
  return Value::map(std::move(out));
}
Value fn_list(Call& c) {
  return Value::list(c.args);
}
Value fn_get(Call& c) {
  want_args(c, 2);
  const Map* m = map_arg(c, 0);
  const std::string& key = str_arg(c, 1);
  if (m)
    if (auto it = m->find(key); it != m->end()) return it->second;
  return Value::string("");
}
Value fn_has_key(Call& c) {
  want_args(c, 2);
  const Map* m = map_arg(c, 0);
  const std::string& key = str_arg(c, 1);
  return Value::boolean(m && m->count(key) > 0);
}
Value fn_set(Call& c) {
  want_args(c, 3);
  if (!c.args[0].is_map()) wrong_type(c, 0, "map[string]interface {}");
  c.args[0].as_map().insert_or_assign(str_arg(c, 1), c.args[2]);
  return c.args[0];
}
Value fn_unset(Call& c) {
  want_args(c, 2);
  if (!c.args[0].is_map()) wrong_type(c, 0, "map[string]interface {}");
  c.args[0].as_map().erase(str_arg(c, 1));
  return c.args[0];
}
Value fn_keys(Call& c) {
  std::set<std::string> keys;
  for (size_t i = 0; i < c.args.size(); ++i)
    if (const Map* m = map_arg(c, i))
      for (const auto& entry : *m) keys.insert(entry.first);
  return string_list(std::vector<std::string>(keys.begin(), keys.end()));
}
Value fn_values(Call& c) {
  want_args(c, 1);
  List out;
  if (const Map* m = map_arg(c, 0))
    for (const auto& entry : *m) out.push_back(entry.second);
  return Value::list(std::move(out));
}
Value fn_pick(Call& c) {
  want_at_least(c, 1);
  Map out;
  const Map* m = map_arg(c, 0);
  for (size_t i = 1; i < c.args.size() && m; ++i)
    if (auto it = m->find(str_arg(c, i)); it != m->end())
      out.insert_or_assign(it->first, it->second);
  return Value::map(std::move(out));
}
Value fn_omit(Call& c) {
  want_at_least(c, 1);
  Map out;
  if (const Map* m = map_arg(c, 0)) out = *m;
  for (size_t i = 1; i < c.args.size(); ++i) out.erase(str_arg(c, i));
  return Value::map(std::move(out));
}
Value fn_dig(Call& c) {
  want_at_least(c, 3);
  const Map* m = map_arg(c, c.args.size() - 1);
  const Value& fallback = c.args[c.args.size() - 2];
  Value current;
  for (size_t i = 0; i + 2 < c.args.size(); ++i) {
    if (!m) return fallback;
    auto it = m->find(str_arg(c, i));
    if (it == m->end()) return fallback;
    current = it->second;
    m = current.is_map() ? &current.as_map() : nullptr;
    if (!m && i + 3 < c.args.size()) return fallback;
  }
  return current;
}
Value fn_index(Call& c) {
  want_at_least(c, 1);
  Value item = c.args[0];
  for (size_t i = 1; i < c.args.size(); ++i) {
    const Value& key = c.args[i];
    if (item.is_nil()) throw EvalError("index of untyped nil");
    if (item.is_map()) {
      if (!key.is_string())
        throw EvalError("index: value has type " + key.type_name() + "; should be string");
      auto it = item.as_map().find(key.as_string());
      item = it == item.as_map().end() ? Value() : it->second;
    } else if (item.is_list() || item.is_string()) {
      if (key.kind() != Value::Kind::Int)
        throw EvalError("cannot index slice/array with type " + key.type_name());
      int64_t n = key.as_int();
      auto size =
          static_cast<int64_t>(item.is_list() ? item.as_list().size() : item.as_string().size());
      if (n < 0 || n >= size)
        throw EvalError("error calling index: index out of range: " + std::to_string(n));
      item = item.is_list() ? item.as_list()[static_cast<size_t>(n)]
                            : Value::integer(static_cast<unsigned char>(
                                  item.as_string()[static_cast<size_t>(n)]));
    } else {
      throw EvalError("can't index item of type " + item.type_name());
    }
  }
  return item;
}
Value fn_len(Call& c) {
  want_args(c, 1);
  const Value& v = c.args[0];
  switch (v.kind()) {
    case Value::Kind::String:
      return Value::integer(static_cast<int64_t>(v.as_string().size()));
    case Value::Kind::List:
      return Value::integer(static_cast<int64_t>(v.as_list().size()));
    case Value::Kind::Map:
      return Value::integer(static_cast<int64_t>(v.as_map().size()));
    case Value::Kind::Nil:
      throw EvalError("len of nil pointer");
    default:
      throw EvalError("len of type " + v.type_name());
  }
}
Value fn_has(Call& c) {
  want_args(c, 2);
  if (c.args[1].is_nil()) return Value::boolean(false);
  for (const Value& item : list_arg(c, 1))
    if (item.kind() == c.args[0].kind() && format_v(item) == format_v(c.args[0]))
      return Value::boolean(true);
  return Value::boolean(false);
}
Value fn_first(Call& c) {
  want_args(c, 1);
  const List& l = list_arg(c, 0);
  return l.empty() ? Value() : l.front();
}
Value fn_last(Call& c) {
  want_args(c, 1);
  const List& l = list_arg(c, 0);
  return l.empty() ? Value() : l.back();
}
Value fn_rest(Call& c) {
  want_args(c, 1);
  const List& l = list_arg(c, 0);
  return l.empty() ? Value() : Value::list(List(l.begin() + 1, l.end()));
}
Value fn_initial(Call& c) {
  want_args(c, 1);
  const List& l = list_arg(c, 0);
  return l.empty() ? Value() : Value::list(List(l.begin(), l.end() - 1));
}
Value fn_append(Call& c) {
  want_args(c, 2);
  List out = c.args[0].is_nil() ? List{} : list_arg(c, 0);
  out.push_back(c.args[1]);
  return Value::list(std::move(out));
}
Value fn_prepend(Call& c) {
  want_args(c, 2);
  List out = c.args[0].is_nil() ? List{} : list_arg(c, 0);
  out.insert(out.begin(), c.args[1]);
  return Value::list(std::move(out));
}
Value fn_concat(Call& c) {
  List out;
  for (size_t i = 0; i < c.args.size(); ++i) {
    if (c.args[i].is_nil()) continue;
    const List& l = list_arg(c, i);
    out.insert(out.end(), l.begin(), l.end());
  }
  return Value::list(std::move(out));
}
Value fn_uniq(Call& c) {
  want_args(c, 1);
  List out;
  std::set<std::string> seen;
  for (const Value& item : list_arg(c, 0))
    if (seen.insert(item.type_name() + "\n" + format_v(item)).second) out.push_back(item);
  return Value::list(std::move(out));
}
Value fn_sort_alpha(Call& c) {
  want_args(c, 1);
  std::vector<std::string> items = strslice(c.args[0]);
  std::sort(items.begin(), items.end());
  return string_list(items);
}
Value fn_until(Call& c) {
  want_args(c, 1);
  int64_t n = int_arg(c, 0);
  if (n > 100000) throw LimitError("until " + std::to_string(n) + " is larger than 100000");
  List out;
  for (int64_t i = 0; i < n; ++i) out.push_back(Value::integer(i));
  return Value::list(std::move(out));
}
Value fn_deep_copy(Call& c) {
  want_args(c, 1);
  return deep_copy(c.args[0]);
}

void merge_into(Map& dst, const Map& src, bool overwrite) {
  for (const auto& [key, value] : src) {
    auto it = dst.find(key);
    if (it != dst.end() && it->second.is_map() && value.is_map()) {
      merge_into(it->second.as_map(), value.as_map(), overwrite);
    } else if (it == dst.end()) {
      dst.emplace(key, deep_copy(value));
    } else if ((overwrite || empty(it->second)) && !empty(value)) {
      it->second = deep_copy(value);
    }
  }
}
Value merge_maps(Call& c, bool overwrite) {
  want_at_least(c, 1);
  if (!c.args[0].is_map()) wrong_type(c, 0, "map[string]interface {}");
  for (size_t i = 1; i < c.args.size(); ++i)
    if (const Map* src = map_arg(c, i)) merge_into(c.args[0].as_map(), *src, overwrite);
  return c.args[0];
}
Value fn_merge(Call& c) {
  return merge_maps(c, false);
}
Value fn_merge_overwrite(Call& c) {
  return merge_maps(c, true);
}

// ---- types ----

std::string kind_of(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Nil:
      return "invalid";
    case Value::Kind::List:
      return "slice";
    case Value::Kind::Map:
      return "map";
    case Value::Kind::Object:
      return "ptr";
    default:
      return v.type_name();
  }
}
Value fn_kind_of(Call& c) {
  want_args(c, 1);
  return Value::string(kind_of(c.args[0]));
}
Value fn_kind_is(Call& c) {
  want_args(c, 2);
  return Value::boolean(str_arg(c, 0) == kind_of(c.args[1]));
}
Value fn_type_of(Call& c) {
  want_args(c, 1);
  return Value::string(c.args[0].type_name());
}
Value fn_type_is(Call& c) {
  want_args(c, 2);
  return Value::boolean(str_arg(c, 0) == c.args[1].type_name());
}

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
  static const std::map<std::string_view, Builtin> kFunctions = {
      {"default", fn_default},
      {"empty", fn_empty},
      {"coalesce", fn_coalesce},
      {"ternary", fn_ternary},
      {"quote", fn_quote},
      {"squote", fn_squote},
      {"toString", fn_to_string},
      {"toStrings", fn_to_strings},
      {"int", fn_int},
      {"int64", fn_int},
      {"float64", fn_float64},
      {"atoi", fn_atoi},
      {"toYaml", fn_to_yaml},
      {"toJson", fn_to_json},
      {"indent", fn_indent},
      {"nindent", fn_nindent},
      {"include", fn_include},
      {"tpl", fn_tpl},
      {"required", fn_required},
      {"fail", fn_fail},
      {"printf", fn_printf},
      {"print", fn_print},
      {"println", fn_println},
      {"trim", fn_trim},
      {"trimAll", fn_trim_all},
      {"trimPrefix", fn_trim_prefix},
      {"trimSuffix", fn_trim_suffix},
      {"lower", fn_lower},
      {"upper", fn_upper},
      {"title", fn_title},
      {"replace", fn_replace},
      {"contains", fn_contains},
      {"hasPrefix", fn_has_prefix},
      {"hasSuffix", fn_has_suffix},
      {"splitList", fn_split_list},
      {"split", fn_split},
      {"join", fn_join},
      {"nospace", fn_nospace},
      {"cat", fn_cat},
      {"trunc", fn_trunc},
      {"repeat", fn_repeat},
      {"substr", fn_substr},
      {"b64enc", fn_b64enc},
      {"b64dec", fn_b64dec},
      {"sha256sum", fn_sha256sum},
      {"dict", fn_dict},
      {"list", fn_list},
      {"tuple", fn_list},
      {"get", fn_get},
      {"hasKey", fn_has_key},
      {"set", fn_set},
      {"unset", fn_unset},
      {"keys", fn_keys},
      {"values", fn_values},
      {"pick", fn_pick},
      {"omit", fn_omit},
      {"dig", fn_dig},
      {"index", fn_index},
      {"len", fn_len},
      {"has", fn_has},
      {"first", fn_first},
      {"last", fn_last},
      {"rest", fn_rest},
      {"initial", fn_initial},
      {"append", fn_append},
      {"push", fn_append},
      {"prepend", fn_prepend},
      {"concat", fn_concat},
      {"uniq", fn_uniq},
      {"sortAlpha", fn_sort_alpha},
      {"until", fn_until},
      {"deepCopy", fn_deep_copy},
      {"merge", fn_merge},
      {"mergeOverwrite", fn_merge_overwrite},
      {"kindOf", fn_kind_of},
      {"kindIs", fn_kind_is},
      {"typeOf", fn_type_of},
      {"typeIs", fn_type_is},
      {"add", fn_add},
      {"add1", fn_add1},
      {"sub", fn_sub},
      {"mul", fn_mul},
      {"div", fn_div},
      {"mod", fn_mod},
      {"max", fn_max},
      {"min", fn_min},
      {"not", fn_not},
      {"eq", fn_eq},
      {"ne", fn_ne},
      {"lt", fn_lt},
      {"le", fn_le},
      {"gt", fn_gt},
      {"ge", fn_ge},
      {"semverCompare", fn_semver_compare},
      {"lookup", fn_lookup},
  };
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
