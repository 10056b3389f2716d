// Bicep: `resource x 'Microsoft.EventHub/namespaces@…' = { name, sku: { name,
// capacity }, properties: { disableLocalAuth } }`, read from tree-sitter-bicep's
// syntax tree.  Identifiers naming a `param` with a literal default or a `var`
// with a literal value are resolved (a parameters file may still override a
// default; the template's own choice is what the linter can see).
#include <tree_sitter/api.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "linter/parse/iac.hpp"
#include "linter/base/text.hpp"
#include "linter/parse/tree_sitter_util.hpp"

extern "C" const TSLanguage* tree_sitter_bicep(void);

namespace seldon_lint {
namespace {

using ts::is;
using ts::Literal;
using ts::node_text;
using ts::ParserDeleter;
using ts::TreeDeleter;

// 'abc' without interpolation; escapes decoded.
bool string_literal(const std::string& text, TSNode string, std::string& out) {
  out.clear();
  uint32_t n = ts_node_named_child_count(string);
  for (uint32_t i = 0; i < n; ++i) {
    TSNode part = ts_node_named_child(string, i);
    std::string_view raw = node_text(text, part);
    if (is(part, "string_content")) {
      out += raw;
    } else if (is(part, "escape_sequence") && raw.size() >= 2) {
      char c = raw[1];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
    } else {
      return false;  // interpolation
    }
  }
  return true;
}

class BicepReader {
 public:
  BicepReader(const SourceFile& file, FileId id) : file_(file), text_(file.text), id_(id) {}

  void read(TSNode root, std::vector<EventHubNamespace>& out) {
    uint32_t n = ts_node_named_child_count(root);
    // Parameters and variables first: a resource may use one declared below it.
    for (uint32_t i = 0; i < n; ++i) {
      TSNode decl = ts_node_named_child(root, i);
      if (is(decl, "parameter_declaration") || is(decl, "variable_declaration")) {
        remember(decl);
      }
    }
    for (uint32_t i = 0; i < n; ++i) {
      TSNode decl = ts_node_named_child(root, i);
      if (is(decl, "resource_declaration")) read_resource(decl, out);
    }
  }

 private:
  void remember(TSNode decl) {
    TSNode name{};
    bool have_name = false;
    uint32_t n = ts_node_named_child_count(decl);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode child = ts_node_named_child(decl, i);
      if (!have_name && is(child, "identifier")) {
        name = child;
        have_name = true;
      }
    }
    if (!have_name || n < 2) return;
    TSNode value = ts_node_named_child(decl, n - 1);
    if (ts_node_eq(value, name) || is(value, "type")) return;  // no default
    Literal lit = literal_of(value, 0);
    if (lit.type != Literal::Type::Unknown) symbols_[std::string(node_text(text_, name))] = lit;
  }

  Literal literal_of(TSNode value, int depth) const {
    Literal lit;
    if (ts_node_is_null(value) || ts_node_has_error(value) || depth > 4) return lit;
    if (is(value, "string")) {
      if (string_literal(text_, value, lit.text)) lit.type = Literal::Type::String;
    } else if (is(value, "number")) {
      lit.type = Literal::Type::Number;
      lit.text = std::string(node_text(text_, value));
    } else if (is(value, "boolean")) {
      lit.type = Literal::Type::Bool;
      lit.text = std::string(node_text(text_, value));
    } else if (is(value, "null")) {
      lit.type = Literal::Type::Null;
    } else if (is(value, "identifier")) {
      auto it = symbols_.find(std::string(node_text(text_, value)));
      if (it != symbols_.end()) lit = it->second;
    } else if (is(value, "parenthesized_expression") && ts_node_named_child_count(value) == 1) {
      return literal_of(ts_node_named_child(value, 0), depth + 1);
    }
    return lit;
  }

  // The object a resource body evaluates to: `{…}`, `if (c) {…}`, `[for … : {…}]`.
  static bool body_object(TSNode node, TSNode& out, int depth = 0) {
    if (ts_node_is_null(node) || depth > 3) return false;
    if (is(node, "object")) {
      out = node;
      return true;
    }
    if (is(node, "if_statement") || is(node, "for_statement") || is(node, "array")) {
      uint32_t n = ts_node_named_child_count(node);
      for (uint32_t i = n; i-- > 0;) {
        if (body_object(ts_node_named_child(node, i), out, depth + 1)) return true;
      }
    }
    return false;
  }

  // Property `key` of an object literal; null node when absent.
  TSNode property(TSNode object, std::string_view key) const {
    uint32_t n = ts_node_named_child_count(object);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode prop = ts_node_named_child(object, i);
      if (!is(prop, "object_property") || ts_node_named_child_count(prop) < 2) continue;
      TSNode k = ts_node_named_child(prop, 0);
      std::string name;
      if (is(k, "string")) {
        if (!string_literal(text_, k, name)) continue;
      } else {
        name = std::string(node_text(text_, k));
      }
      if (name == key) return ts_node_named_child(prop, ts_node_named_child_count(prop) - 1);
    }
    return TSNode{};
  }

  Location where(TSNode node) const {
    return iac_location(file_, id_, ts_node_start_byte(node), ts_node_end_byte(node));
  }

  void read_resource(TSNode decl, std::vector<EventHubNamespace>& out) const {
    TSNode symbol{}, type{}, value{};
    bool have_symbol = false, have_type = false, existing = false;
    uint32_t count = ts_node_child_count(decl);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_child(decl, i);
      if (!ts_node_is_named(child)) {
        if (is(child, "existing")) existing = true;
        continue;
      }
      if (!have_symbol && is(child, "identifier")) {
        symbol = child;
        have_symbol = true;
      } else if (!have_type && is(child, "string")) {
        type = child;
        have_type = true;
      } else {
        value = child;
      }
    }
    if (!have_symbol || !have_type || existing) return;
    std::string type_name;
    if (!string_literal(text_, type, type_name)) return;
    size_t at = type_name.find('@');
    std::string_view base = std::string_view(type_name).substr(0, at);
    if (base.size() != std::string_view("Microsoft.EventHub/namespaces").size() ||
        !contains_icase(base, "Microsoft.EventHub/namespaces")) {
      return;
    }
    TSNode object{};
    if (ts_node_is_null(value) || !body_object(value, object)) return;

    EventHubNamespace ns;
    ns.form = "Bicep";
    ns.environment = file_.environment;
    ns.location = iac_location(file_, id_, ts_node_start_byte(decl), ts_node_end_byte(type));
    ns.local_auth_disabled = Tri::No;  // disableLocalAuth defaults to false
    TSNode name = property(object, "name");
    if (!ts_node_is_null(name)) {
      Literal lit = literal_of(name, 0);
      if (lit.type == Literal::Type::String) ns.name = lit.text;
    }
    TSNode sku = property(object, "sku");
    if (!ts_node_is_null(sku)) {
      if (is(sku, "object")) {
        TSNode sku_name = property(sku, "name");
        if (!ts_node_is_null(sku_name)) {
          ns.sku_location = where(sku_name);
          Literal lit = literal_of(sku_name, 0);
          if (lit.type == Literal::Type::String) ns.sku = lit.text;
        }
        TSNode capacity = property(sku, "capacity");
        if (!ts_node_is_null(capacity)) {
          ns.capacity_location = where(capacity);
          Literal lit = literal_of(capacity, 0);
          if (lit.type == Literal::Type::Number) ns.capacity = std::atoi(lit.text.c_str());
        }
      } else {
        ns.sku_location = where(sku);  // computed sku object: tier unknown
      }
    }
    TSNode properties = property(object, "properties");
    if (!ts_node_is_null(properties) && is(properties, "object")) {
      TSNode cluster = property(properties, "clusterArmId");
      if (!ts_node_is_null(cluster) && literal_of(cluster, 0).type != Literal::Type::Null) {
        mark_dedicated(ns, where(cluster));
      }
      TSNode disable = property(properties, "disableLocalAuth");
      if (!ts_node_is_null(disable)) {
        ns.local_auth_location = where(disable);
        Literal lit = literal_of(disable, 0);
        if (lit.type == Literal::Type::Bool) {
          ns.local_auth_disabled = lit.text == "true" ? Tri::Yes : Tri::No;
        } else if (lit.type != Literal::Type::Null) {
          ns.local_auth_disabled = Tri::Unknown;
        }
      }
    } else if (!ts_node_is_null(properties)) {
      ns.local_auth_disabled = Tri::Unknown;  // computed properties object
      ns.local_auth_location = where(properties);
    }
    out.push_back(std::move(ns));
  }

  const SourceFile& file_;
  const std::string& text_;
  FileId id_;
  std::map<std::string, Literal> symbols_;
};

}  // namespace

void read_bicep_eventhub_namespaces(const SourceFile& file, FileId id,
                                    std::vector<EventHubNamespace>& out) {
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), tree_sitter_bicep())) return;
  std::unique_ptr<TSTree, TreeDeleter> tree(ts_parser_parse_string(
      parser.get(), nullptr, file.text.data(), static_cast<uint32_t>(file.text.size())));
  if (!tree) return;
  BicepReader(file, id).read(ts_tree_root_node(tree.get()), out);
}

}  // namespace seldon_lint
