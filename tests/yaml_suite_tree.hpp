// The YAML test suite's expected results, compared with the linter's trees.
// Event trees (`+STR +DOC +MAP =VAL :x -MAP ...`) become a small node tree,
// aliases resolved to copies like the linter does; the comparison is on what
// rules see: kinds, keys in order, decoded scalar text, null-ness.
#pragma once

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "seldon_lint/yaml.hpp"

namespace seldon_lint::yaml_suite {

struct Expected {
  enum class Kind { Scalar, Map, Seq } kind = Kind::Scalar;
  char style = ':';  // ':' plain, '\'' single, '"' double, '|' literal, '>' folded
  std::string tag;
  std::string value;
  std::vector<std::pair<Expected, Expected>> entries;
  std::vector<Expected> items;
};

inline std::string unescape_event_value(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\' || i + 1 == v.size()) {
      out.push_back(v[i]);
      continue;
    }
    char c = v[++i];
    switch (c) {
      case 'n':
        out.push_back('\n');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case '0':
        out.push_back('\0');
        break;
      case 'a':
        out.push_back('\a');
        break;
      case 'v':
        out.push_back('\v');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'e':
        out.push_back('\x1b');
        break;
      default:
        out.push_back(c);
        break;
    }
  }
  return out;
}

// One document per element.
inline std::vector<Expected> parse_event_tree(const std::string& tree) {
  std::vector<Expected> documents;
  std::vector<Expected> stack;        // open collections
  std::vector<bool> awaiting_value;   // per open map: a key was read
  std::vector<Expected> pending_key;  // per open map
  std::map<std::string, Expected> anchors;
  std::vector<std::string> open_anchor;
  auto place = [&](Expected node) {
    if (stack.empty()) {
      documents.push_back(std::move(node));
      return;
    }
    Expected& top = stack.back();
    if (top.kind == Expected::Kind::Seq) {
      top.items.push_back(std::move(node));
    } else if (!awaiting_value.back()) {
      pending_key.back() = std::move(node);
      awaiting_value.back() = true;
    } else {
      top.entries.emplace_back(std::move(pending_key.back()), std::move(node));
      awaiting_value.back() = false;
    }
  };
  std::istringstream in(tree);
  std::string line;
  while (std::getline(in, line)) {
    size_t b = line.find_first_not_of(' ');
    if (b == std::string::npos) continue;
    std::string_view ev = std::string_view(line).substr(b);
    std::string_view head = ev.substr(0, 4);
    std::string_view rest = ev.size() > 4 ? ev.substr(5) : std::string_view();
    std::string anchor, tag;
    auto take_properties = [&](std::string_view& r) {
      while (!r.empty()) {
        if (r.substr(0, 2) == "{}" || r.substr(0, 2) == "[]") {
          r.remove_prefix(std::min<size_t>(3, r.size()));
        } else if (r[0] == '&') {
          size_t e = r.find(' ');
          anchor = std::string(r.substr(1, e == std::string_view::npos ? e : e - 1));
          r.remove_prefix(e == std::string_view::npos ? r.size() : e + 1);
        } else if (r[0] == '<') {
          size_t e = r.find('>');
          tag = std::string(r.substr(1, e - 1));
          r.remove_prefix(std::min(r.size(), e + 2));
        } else {
          break;
        }
      }
    };
    if (head == "+MAP" || head == "+SEQ") {
      take_properties(rest);
      Expected node;
      node.kind = head == "+MAP" ? Expected::Kind::Map : Expected::Kind::Seq;
      node.tag = tag;
      stack.push_back(std::move(node));
      awaiting_value.push_back(false);
      pending_key.emplace_back();
      open_anchor.push_back(anchor);
    } else if (head == "-MAP" || head == "-SEQ") {
      Expected node = std::move(stack.back());
      stack.pop_back();
      awaiting_value.pop_back();
      pending_key.pop_back();
      std::string name = open_anchor.back();
      open_anchor.pop_back();
      if (!name.empty()) anchors[name] = node;
      place(std::move(node));
    } else if (head == "=VAL") {
      take_properties(rest);
      Expected node;
      node.tag = tag;
      if (!rest.empty()) {
        node.style = rest[0];
        node.value = unescape_event_value(rest.substr(1));
      }
      if (!anchor.empty()) anchors[anchor] = node;
      place(std::move(node));
    } else if (head == "=ALI") {
      std::string name(rest.substr(1));
      auto it = anchors.find(name);
      place(it == anchors.end() ? Expected{} : it->second);
    }
  }
  return documents;
}

inline bool plain_null(const Expected& e) {
  if (e.tag == "tag:yaml.org,2002:null") return true;
  if (!e.tag.empty() || e.style != ':') return false;
  return e.value.empty() || e.value == "~" || e.value == "null" || e.value == "Null" ||
         e.value == "NULL";
}

// Empty when equal; else where and how they differ.
inline std::string compare_node(const Expected& e, const yaml::Node& n, const std::string& path) {
  using K = Expected::Kind;
  if (e.kind == K::Scalar) {
    if (plain_null(e)) {
      return n.is_null() ? "" : path + ": expected null";
    }
    if (!n.is_scalar()) return path + ": expected scalar '" + e.value + "'";
    if (n.scalar != e.value) return path + ": scalar '" + n.scalar + "' != '" + e.value + "'";
    return "";
  }
  if (e.kind == K::Seq) {
    if (!n.is_seq()) return path + ": expected a sequence";
    if (n.items.size() != e.items.size())
      return path + ": " + std::to_string(n.items.size()) + " items, expected " +
             std::to_string(e.items.size());
    for (size_t i = 0; i < e.items.size(); ++i) {
      std::string d = compare_node(e.items[i], n.items[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  if (!n.is_map()) return path + ": expected a mapping";
  if (n.entries.size() != e.entries.size())
    return path + ": " + std::to_string(n.entries.size()) + " keys, expected " +
           std::to_string(e.entries.size());
  for (size_t i = 0; i < e.entries.size(); ++i) {
    const auto& [key, value] = e.entries[i];
    const auto& entry = n.entries[i];
    if (key.kind == K::Scalar) {
      std::string want = plain_null(key) ? "" : key.value;
      if (entry.key != want) return path + ": key '" + entry.key + "' != '" + want + "'";
    }  // a collection as key: the linter keeps its text; not comparable
    std::string d = compare_node(value, entry.value, path + "." + entry.key);
    if (!d.empty()) return d;
  }
  return "";
}

inline std::string compare_documents(const std::vector<Expected>& expected,
                                     const std::vector<yaml::Document>& documents) {
  if (expected.size() != documents.size())
    return std::to_string(documents.size()) + " documents, expected " +
           std::to_string(expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    std::string d = compare_node(expected[i], documents[i].root, "doc" + std::to_string(i));
    if (!d.empty()) return d;
  }
  return "";
}

// The linter's tree as JSON under the YAML 1.2 core schema (plain scalars
// that look like numbers or booleans are those).
inline nlohmann::json to_json(const yaml::Node& n) {
  using nlohmann::json;
  if (n.is_null()) return nullptr;
  if (n.is_scalar()) {
    if (n.style == yaml::Style::Plain && n.tag.empty()) {
      if (n.scalar == "true" || n.scalar == "True" || n.scalar == "TRUE") return true;
      if (n.scalar == "false" || n.scalar == "False" || n.scalar == "FALSE") return false;
      json number = json::parse(n.scalar, nullptr, false);
      if (number.is_number()) return number;
    }
    return n.scalar;
  }
  if (n.is_seq()) {
    json out = json::array();
    for (const auto& item : n.items) out.push_back(to_json(item));
    return out;
  }
  json out = json::object();
  for (const auto& entry : n.entries) out[entry.key] = to_json(entry.value);
  return out;
}

inline std::string compare_json(const std::string& expected_stream,
                                const std::vector<yaml::Document>& documents) {
  std::vector<nlohmann::json> expected;
  std::istringstream in(expected_stream);
  while (in >> std::ws && in.peek() != EOF) {
    nlohmann::json value;
    in >> value;
    expected.push_back(std::move(value));
  }
  if (expected.size() != documents.size())
    return std::to_string(documents.size()) + " documents, expected " +
           std::to_string(expected.size()) + " (JSON)";
  for (size_t i = 0; i < expected.size(); ++i) {
    if (to_json(documents[i].root) != expected[i])
      return "doc" + std::to_string(i) + " differs (JSON)";
  }
  return "";
}

}  // namespace seldon_lint::yaml_suite
