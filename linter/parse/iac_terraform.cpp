// Terraform: `resource "azurerm_eventhub_namespace" "x" { name sku capacity
// local_authentication_enabled }`, read from tree-sitter-hcl's syntax tree.
#include <tree_sitter/api.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "linter/parse/iac.hpp"
#include "linter/parse/tree_sitter_util.hpp"

extern "C" const TSLanguage* tree_sitter_hcl(void);

namespace seldon_lint {
namespace {

using ts::is;
using ts::Literal;
using ts::node_text;
using ts::ParserDeleter;
using ts::TreeDeleter;

// "abc" with only literal text (no ${...} interpolation or %{...} directive).
bool string_literal(const std::string& text, TSNode string_lit, std::string& out) {
  out.clear();
  uint32_t n = ts_node_named_child_count(string_lit);
  for (uint32_t i = 0; i < n; ++i) {
    TSNode part = ts_node_named_child(string_lit, i);
    if (is(part, "quoted_template_start") || is(part, "quoted_template_end")) continue;
    if (!is(part, "template_literal")) return false;
    out += node_text(text, part);
  }
  return true;
}

Literal literal_of(const std::string& text, TSNode expression) {
  Literal lit;
  if (ts_node_is_null(expression) || ts_node_has_error(expression)) return lit;
  TSNode node = expression;
  if (is(node, "expression") && ts_node_named_child_count(node) == 1) {
    node = ts_node_named_child(node, 0);
  }
  if (is(node, "template_expr") && ts_node_named_child_count(node) == 1) {
    TSNode quoted = ts_node_named_child(node, 0);
    if (is(quoted, "quoted_template") && string_literal(text, quoted, lit.text)) {
      lit.type = Literal::Type::String;
    }
    return lit;
  }
  if (!is(node, "literal_value") || ts_node_named_child_count(node) != 1) return lit;
  TSNode value = ts_node_named_child(node, 0);
  if (is(value, "string_lit")) {
    if (string_literal(text, value, lit.text)) lit.type = Literal::Type::String;
  } else if (is(value, "numeric_lit")) {
    lit.type = Literal::Type::Number;
    lit.text = std::string(node_text(text, value));
  } else if (is(value, "bool_lit")) {
    lit.type = Literal::Type::Bool;
    lit.text = std::string(node_text(text, value));
  } else if (is(value, "null_lit")) {
    lit.type = Literal::Type::Null;
  }
  return lit;
}

// `resource "azurerm_eventhub_namespace" "name" { ... }` → one namespace.
void read_block(const SourceFile& file, FileId id, TSNode block,
                std::vector<EventHubNamespace>& out) {
  const std::string& text = file.text;
  uint32_t n = ts_node_named_child_count(block);
  if (n < 3) return;
  TSNode keyword = ts_node_named_child(block, 0);
  if (!is(keyword, "identifier") || node_text(text, keyword) != "resource") return;
  TSNode type_label = ts_node_named_child(block, 1);
  TSNode name_label = ts_node_named_child(block, 2);
  std::string type;
  if (!is(type_label, "string_lit") || !string_literal(text, type_label, type) ||
      type != "azurerm_eventhub_namespace") {
    return;
  }
  EventHubNamespace ns;
  Location dedicated;  // dedicated_cluster_id
  ns.form = "Terraform";
  ns.environment = file.environment;
  ns.location = iac_location(file, id, ts_node_start_byte(keyword), ts_node_end_byte(name_label));
  ns.local_auth_disabled = Tri::No;  // local_authentication_enabled defaults to true

  TSNode body{};
  bool have_body = false;
  for (uint32_t i = 0; i < n; ++i) {
    TSNode child = ts_node_named_child(block, i);
    if (is(child, "body")) {
      body = child;
      have_body = true;
    }
  }
  if (have_body) {
    uint32_t count = ts_node_named_child_count(body);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode attribute = ts_node_named_child(body, i);
      if (!is(attribute, "attribute") || ts_node_named_child_count(attribute) < 2) continue;
      std::string_view key = node_text(text, ts_node_named_child(attribute, 0));
      TSNode value = ts_node_named_child(attribute, ts_node_named_child_count(attribute) - 1);
      Location where = iac_location(file, id, ts_node_start_byte(value), ts_node_end_byte(value));
      Literal lit = literal_of(text, value);
      if (key == "name") {
        if (lit.type == Literal::Type::String) ns.name = lit.text;
      } else if (key == "sku") {
        ns.sku_location = where;
        if (lit.type == Literal::Type::String) ns.sku = lit.text;
      } else if (key == "capacity") {
        ns.capacity_location = where;
        if (lit.type == Literal::Type::Number) ns.capacity = std::atoi(lit.text.c_str());
      } else if (key == "dedicated_cluster_id") {
        if (lit.type != Literal::Type::Null) dedicated = where;
      } else if (key == "local_authentication_enabled") {
        ns.local_auth_location = where;
        if (lit.type == Literal::Type::Bool) {
          ns.local_auth_disabled = lit.text == "false" ? Tri::Yes : Tri::No;
        } else if (lit.type != Literal::Type::Null) {
          ns.local_auth_disabled = Tri::Unknown;
        }
      }
    }
  }
  if (!ns.location.known()) return;
  if (dedicated.known()) mark_dedicated(ns, dedicated);
  out.push_back(std::move(ns));
}

}  // namespace

void read_terraform_eventhub_namespaces(const SourceFile& file, FileId id,
                                        std::vector<EventHubNamespace>& out) {
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), tree_sitter_hcl())) return;
  std::unique_ptr<TSTree, TreeDeleter> tree(ts_parser_parse_string(
      parser.get(), nullptr, file.text.data(), static_cast<uint32_t>(file.text.size())));
  if (!tree) return;
  TSNode root = ts_tree_root_node(tree.get());
  // config_file → body → block*; blocks that error recovery pushed elsewhere
  // are still found one level down.
  uint32_t top = ts_node_named_child_count(root);
  for (uint32_t i = 0; i < top; ++i) {
    TSNode body = ts_node_named_child(root, i);
    if (is(body, "block")) {
      read_block(file, id, body, out);
      continue;
    }
    uint32_t count = ts_node_named_child_count(body);
    for (uint32_t k = 0; k < count; ++k) {
      TSNode block = ts_node_named_child(body, k);
      if (is(block, "block")) read_block(file, id, block, out);
    }
  }
}

}  // namespace seldon_lint
