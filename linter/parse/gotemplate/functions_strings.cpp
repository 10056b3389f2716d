// Sprig/Helm functions on strings, printing, YAML/JSON output and encodings,
// with the argument types and edge cases of their Go originals.
#include <algorithm>
#include <set>

#include "linter/parse/gotemplate/function_args.hpp"

namespace seldon_lint::gotemplate::fnlib {
namespace {

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

}  // namespace

void add_string_functions(FunctionTable& table) {
  table.insert({"default", fn_default});
  table.insert({"empty", fn_empty});
  table.insert({"coalesce", fn_coalesce});
  table.insert({"ternary", fn_ternary});
  table.insert({"quote", fn_quote});
  table.insert({"squote", fn_squote});
  table.insert({"toString", fn_to_string});
  table.insert({"toStrings", fn_to_strings});
  table.insert({"int", fn_int});
  table.insert({"int64", fn_int});
  table.insert({"float64", fn_float64});
  table.insert({"atoi", fn_atoi});
  table.insert({"toYaml", fn_to_yaml});
  table.insert({"toJson", fn_to_json});
  table.insert({"indent", fn_indent});
  table.insert({"nindent", fn_nindent});
  table.insert({"include", fn_include});
  table.insert({"tpl", fn_tpl});
  table.insert({"required", fn_required});
  table.insert({"fail", fn_fail});
  table.insert({"printf", fn_printf});
  table.insert({"print", fn_print});
  table.insert({"println", fn_println});
  table.insert({"trim", fn_trim});
  table.insert({"trimAll", fn_trim_all});
  table.insert({"trimPrefix", fn_trim_prefix});
  table.insert({"trimSuffix", fn_trim_suffix});
  table.insert({"lower", fn_lower});
  table.insert({"upper", fn_upper});
  table.insert({"title", fn_title});
  table.insert({"replace", fn_replace});
  table.insert({"contains", fn_contains});
  table.insert({"hasPrefix", fn_has_prefix});
  table.insert({"hasSuffix", fn_has_suffix});
  table.insert({"splitList", fn_split_list});
  table.insert({"split", fn_split});
  table.insert({"join", fn_join});
  table.insert({"nospace", fn_nospace});
  table.insert({"cat", fn_cat});
  table.insert({"trunc", fn_trunc});
  table.insert({"repeat", fn_repeat});
  table.insert({"substr", fn_substr});
  table.insert({"b64enc", fn_b64enc});
  table.insert({"b64dec", fn_b64dec});
  table.insert({"sha256sum", fn_sha256sum});
}

}  // namespace seldon_lint::gotemplate::fnlib
