// Sprig functions on dicts and lists, and the type predicates, with the
// argument types and edge cases of their Go originals.
#include <algorithm>
#include <set>

#include "linter/parse/gotemplate/function_args.hpp"

namespace seldon_lint::gotemplate::fnlib {
namespace {

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

}  // namespace

void add_collection_functions(FunctionTable& table) {
  table.insert({"dict", fn_dict});
  table.insert({"list", fn_list});
  table.insert({"tuple", fn_list});
  table.insert({"get", fn_get});
  table.insert({"hasKey", fn_has_key});
  table.insert({"set", fn_set});
  table.insert({"unset", fn_unset});
  table.insert({"keys", fn_keys});
  table.insert({"values", fn_values});
  table.insert({"pick", fn_pick});
  table.insert({"omit", fn_omit});
  table.insert({"dig", fn_dig});
  table.insert({"index", fn_index});
  table.insert({"len", fn_len});
  table.insert({"has", fn_has});
  table.insert({"first", fn_first});
  table.insert({"last", fn_last});
  table.insert({"rest", fn_rest});
  table.insert({"initial", fn_initial});
  table.insert({"append", fn_append});
  table.insert({"push", fn_append});
  table.insert({"prepend", fn_prepend});
  table.insert({"concat", fn_concat});
  table.insert({"uniq", fn_uniq});
  table.insert({"sortAlpha", fn_sort_alpha});
  table.insert({"until", fn_until});
  table.insert({"deepCopy", fn_deep_copy});
  table.insert({"merge", fn_merge});
  table.insert({"mergeOverwrite", fn_merge_overwrite});
  table.insert({"kindOf", fn_kind_of});
  table.insert({"kindIs", fn_kind_is});
  table.insert({"typeOf", fn_type_of});
  table.insert({"typeIs", fn_type_is});
}

}  // namespace seldon_lint::gotemplate::fnlib
