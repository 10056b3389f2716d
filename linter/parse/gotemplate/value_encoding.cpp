// How Go's encoders write a Value (toJson: encoding/json; toYaml: go-yaml v2,
// as Helm uses them) and how go-yaml v2 reads YAML into one (.Values).
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "linter/parse/gotemplate/value.hpp"

namespace seldon_lint::gotemplate {

// ---- JSON ----

namespace {

void json_string(std::string_view s, std::string& out) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    // encoding/json escapes HTML-significant characters and U+2028/U+2029.
    bool line_separator = c == 0xE2 && i + 2 < s.size() &&
                          static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                          (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                           static_cast<unsigned char>(s[i + 2]) == 0xA9);
    if (line_separator) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
      continue;
    }
    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      continue;
    }
    out += static_cast<char>(c);
  }
  out += '"';
}

void json_value(const Value& v, std::string& out) {
  switch (v.kind()) {
    case Value::Kind::Nil:
      out += "null";
      return;
    case Value::Kind::Bool:
      out += v.as_bool() ? "true" : "false";
      return;
    case Value::Kind::Int:
      out += std::to_string(v.as_int());
      return;
    case Value::Kind::Float:
      out += json_float(v.as_float());
      return;
    case Value::Kind::String:
      json_string(v.as_string(), out);
      return;
    case Value::Kind::Object:
      out += "{}";
      return;
    case Value::Kind::List: {
      out += '[';
      bool first = true;
      for (const Value& item : v.as_list()) {
        if (!first) out += ',';
        first = false;
        json_value(item, out);
      }
      out += ']';
      return;
    }
    case Value::Kind::Map: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.as_map()) {
        if (!first) out += ',';
        first = false;
        json_string(key, out);
        out += ':';
        json_value(item, out);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string to_json(const Value& v) {
  std::string out;
  json_value(v, out);
  return out;
}

// ---- YAML ----

namespace {

bool is_yaml11_bool(std::string_view s) {
  static constexpr const char* kWords[] = {
      "y",    "Y",    "yes",   "Yes",   "YES",   "n",  "N",  "no", "No",  "NO",  "true",
      "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"};
  for (const char* w : kWords)
    if (s == w) return true;
  return false;
}

bool is_null_word(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool is_yaml_float(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  auto digits = [&]() {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

bool is_special_float(std::string_view s) {
  static constexpr const char* kWords[] = {".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf", "+.INF",
                                           "-.inf", "-.Inf", "-.INF", ".nan",  ".NaN",  ".NAN"};
  for (const char* w : kWords)
    if (s == w) return true;
  return false;
}

// A string that a YAML reader would take for something else: it must be quoted.
bool resolves_to_non_string(std::string_view s) {
  return !resolve_plain_scalar(s).is_string();
}

bool plain_allowed(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ' || s.front() == '\t' || s.back() == '\t') return false;
  static const std::string_view kIndicators = "[]{},#&*!|>'\"%@`";
  if (kIndicators.find(s.front()) != std::string_view::npos) return false;
  if ((s.front() == '-' || s.front() == '?' || s.front() == ':') &&
      (s.size() == 1 || s[1] == ' ' || s[1] == '\t'))
    return false;
  if (s.back() == ':') return false;
  if (s == "---" || s == "...") return false;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos ||
      s.find(":\t") != std::string_view::npos || s.find("\t#") != std::string_view::npos)
    return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

// go-yaml v2's double-quoted style.
std::string double_quoted(std::string_view s) {
  return backslash_quoted(s, "\n\t\r", true);
}

bool literal_allowed(std::string_view s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
  // Trailing spaces on a line, or a first line starting with a space, make the
  // emitter fall back to a quoted style.
  for (size_t i = 0; i + 1 < s.size(); ++i)
    if ((s[i] == ' ' || s[i] == '\t') && s[i + 1] == '\n') return false;
  return !s.empty() && s.front() != ' ' && s.front() != '\n';
}

std::string literal_block(std::string_view s, size_t indent) {
  std::string header = "|";
  size_t trailing = 0;
  while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
  if (trailing == 0)
    header += "-";
  else if (trailing > 1)
    header += "+";
  std::string out = header;
  std::string pad(indent, ' ');
  std::string_view body = s.substr(0, s.size() - (trailing > 0 ? 1 : 0));
  size_t start = 0;
  while (start <= body.size()) {
    size_t nl = body.find('\n', start);
    std::string_view line =
        body.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    out += '\n';
    if (!line.empty()) out += pad + std::string(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string yaml_scalar_string(std::string_view s, size_t indent) {
  if (s.find('\n') != std::string_view::npos)
    return literal_allowed(s) ? literal_block(s, indent) : double_quoted(s);
  if (resolves_to_non_string(s) || is_yaml11_bool(s)) return double_quoted(s);
  if (plain_allowed(s)) return std::string(s);
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return double_quoted(s);
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string yaml_scalar(const Value& v, size_t indent) {
  switch (v.kind()) {
    case Value::Kind::Nil:
      return "null";
    case Value::Kind::Bool:
      return v.as_bool() ? "true" : "false";
    case Value::Kind::Int:
      return std::to_string(v.as_int());
    case Value::Kind::Float: {
      double f = v.as_float();
      // JSON writes integral floats without a fraction; YAML reads them back as ints.
      std::string json = json_float(f);
      if (json.find_first_of(".e") == std::string::npos) return json;
      return format_float_v(f);
    }
    case Value::Kind::String:
      return yaml_scalar_string(v.as_string(), indent);
    case Value::Kind::Object:
      return "{}";
    case Value::Kind::List:
      return "[]";
    case Value::Kind::Map:
      return "{}";
  }
  return {};
}

bool is_block(const Value& v) {
  return (v.is_map() && !v.as_map().empty()) || (v.is_list() && !v.as_list().empty());
}

void yaml_block(const Value& v, size_t indent, std::string& out);

// `prefix` is what stands before the value on its line ("key:" or "-").
void yaml_entry_value(const Value& v, size_t indent, std::string& out) {
  if (!is_block(v)) {
    out += ' ';
    out += yaml_scalar(v, indent + 2);
    out += '\n';
    return;
  }
  out += '\n';
  yaml_block(v, v.is_list() ? indent : indent + 2, out);
}

void yaml_list_item(const Value& item, size_t indent, std::string& out) {
  out += std::string(indent, ' ') + "-";
  if (!is_block(item)) {
    out += ' ' + yaml_scalar(item, indent + 2) + '\n';
    return;
  }
  // The first line of a nested block shares the dash's line.
  std::string nested;
  yaml_block(item, indent + 2, nested);
  out += ' ';
  out += nested.substr(indent + 2);
}

void yaml_block(const Value& v, size_t indent, std::string& out) {
  if (v.is_list()) {
    for (const Value& item : v.as_list()) yaml_list_item(item, indent, out);
    return;
  }
  for (const auto& [key, item] : v.as_map()) {
    out += std::string(indent, ' ') + yaml_scalar_string(key, indent) + ":";
    yaml_entry_value(item, indent, out);
  }
}

}  // namespace

std::string backslash_quoted(std::string_view s, std::string_view named, bool upper_hex) {
  static constexpr std::string_view kControls = "\a\b\f\n\r\t\v";
  static constexpr std::string_view kLetters = "abfnrtv";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c != 0 && named.find(static_cast<char>(c)) != std::string_view::npos) {
      out += '\\';
      out += kLetters[kControls.find(static_cast<char>(c))];
    } else if (c < 0x20 || c == 0x7f) {
      out += upper_hex ? fmt::format("\\x{:02X}", c) : fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// strconv.ParseInt(s, 0, 64) after removing '_' (go-yaml v2's integer rule).
bool parse_go_int(std::string_view text, int64_t& out) {
  std::string s;
  for (char c : text)
    if (c != '_') s += c;
  if (s.empty()) return false;
  size_t i = 0;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    i = 1;
  }
  int base = 10;
  if (s.size() > i + 1 && s[i] == '0') {
    char p = s[i + 1];
    if (p == 'x' || p == 'X')
      base = 16, i += 2;
    else if (p == 'o' || p == 'O')
      base = 8, i += 2;
    else if (p == 'b' || p == 'B')
      base = 2, i += 2;
    else
      base = 8, i += 1;
  }
  if (i >= s.size()) return false;
  uint64_t magnitude = 0;
  auto res = std::from_chars(s.data() + i, s.data() + s.size(), magnitude, base);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size()) return false;
  if (magnitude > (negative ? uint64_t(INT64_MAX) + 1 : uint64_t(INT64_MAX))) return false;
  out = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

std::string to_yaml(const Value& v) {
  std::string out;
  if (is_block(v)) {
    yaml_block(v, 0, out);
  } else {
    out = yaml_scalar(v, 0);
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

Value resolve_plain_scalar(std::string_view text) {
  if (is_null_word(text)) return Value();
  if (text == "true" || text == "True" || text == "TRUE") return Value::boolean(true);
  if (text == "false" || text == "False" || text == "FALSE") return Value::boolean(false);
  if (is_yaml11_bool(text)) {
    char c = text[0];
    return Value::boolean(c == 'y' || c == 'Y' || text == "on" || text == "On" || text == "ON");
  }
  char first = text[0];
  bool numeric_hint =
      (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
  if (!numeric_hint) return Value::string(std::string(text));
  int64_t i = 0;
  if (parse_go_int(text, i)) return Value::floating(static_cast<double>(i));
  if (is_yaml_float(text)) return Value::floating(std::strtod(std::string(text).c_str(), nullptr));
  if (is_special_float(text)) {
    if (text.find("nan") != std::string_view::npos || text.find("NaN") != std::string_view::npos ||
        text.find("NAN") != std::string_view::npos)
      return Value::floating(std::nan(""));
    return Value::floating(text[0] == '-' ? -INFINITY : INFINITY);
  }
  return Value::string(std::string(text));
}

Value from_yaml(const yaml::Node& node) {
  switch (node.kind) {
    case yaml::Kind::Null:
      return Value();
    case yaml::Kind::Scalar:
      if (node.tag == "!!str" || node.tag == "tag:yaml.org,2002:str")
        return Value::string(node.scalar);
      if (node.style == yaml::Style::Plain || node.style == yaml::Style::None)
        return resolve_plain_scalar(node.scalar);
      return Value::string(node.scalar);
    case yaml::Kind::Seq: {
      List items;
      items.reserve(node.items.size());
      for (const yaml::Node& item : node.items) items.push_back(from_yaml(item));
      return Value::list(std::move(items));
    }
    case yaml::Kind::Map: {
      Map entries;
      for (const yaml::Entry& entry : node.entries)
        entries.insert_or_assign(entry.key, from_yaml(entry.value));
      return Value::map(std::move(entries));
    }
  }
  return Value();
}

}  // namespace seldon_lint::gotemplate
