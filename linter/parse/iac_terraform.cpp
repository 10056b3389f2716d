// Terraform (.tf) and variable definitions (.tfvars) read from tree-sitter-hcl's
// syntax tree into IacExpr: variables with their defaults, locals, module
// calls and `azurerm_eventhub_namespace` resources, or a .tfvars file's
// `name = value` lines.
#include <tree_sitter/api.h>

#include <memory>
#include <string>
#include <string_view>

#include "linter/parse/iac.hpp"
#include "linter/parse/tree_sitter_util.hpp"

extern "C" const TSLanguage* tree_sitter_hcl(void);

namespace seldon_lint {
namespace {

using ts::is;
using ts::node_text;
using ts::ParserDeleter;
using ts::TreeDeleter;
using Kind = IacExpr::Kind;

constexpr int kMaxSyntaxDepth = 100;

class HclConverter {
 public:
  HclConverter(const SourceFile& file, FileId id) : text_(file.text), locate_(file, id) {}

  Location where(TSNode node) const {
    return locate_.at(ts_node_start_byte(node), ts_node_end_byte(node));
  }
  Location where(TSNode from, TSNode to) const {
    return locate_.at(ts_node_start_byte(from), ts_node_end_byte(to));
  }
  uint64_t location_steps() const { return locate_.steps(); }

  // "abc" with only literal text (no ${...} interpolation or %{...} directive).
  bool string_literal(TSNode string_lit, std::string& out) const {
    out.clear();
    for (TSNode part : ts::named_children(string_lit)) {
      if (is(part, "quoted_template_start") || is(part, "quoted_template_end")) continue;
      if (!is(part, "template_literal")) return false;
      out += node_text(text_, part);
    }
    return true;
  }

  // An `expression` node (or any expression-like node).
  IacExpr expression(TSNode node, int depth) const {
    if (ts_node_is_null(node) || depth > kMaxSyntaxDepth || ts_node_has_error(node)) {
      return IacExpr::unknown(ts_node_is_null(node) ? Location{} : where(node));
    }
    if (is(node, "expression")) {
      uint32_t n = ts_node_named_child_count(node);
      if (n == 1 && is(ts_node_named_child(node, 0), "conditional")) {
        return conditional(ts_node_named_child(node, 0), depth + 1);
      }
      return term(node, 0, n, depth + 1, where(node));
    }
    return primary(node, depth + 1);
  }

 private:
  // Named children [begin, end) of `parent`: a primary term followed by
  // get_attr / index / splat postfixes.
  // The children are listed once: indexing them one by one is quadratic in a
  // long `a.b.c...` chain.
  IacExpr term(TSNode parent, uint32_t begin, uint32_t end, int depth, Location whole) const {
    const std::vector<TSNode> children = ts::named_children(parent);
    end = std::min<uint32_t>(end, static_cast<uint32_t>(children.size()));
    if (begin >= end) return IacExpr::unknown(whole);
    IacExpr out = primary(children[begin], depth);
    for (uint32_t i = begin + 1; i < end; ++i) {
      TSNode postfix = children[i];
      if (is(postfix, "get_attr") && ts_node_named_child_count(postfix) == 1) {
        std::string name(node_text(text_, ts_node_named_child(postfix, 0)));
        if (out.kind == Kind::Ref && (out.text == "var" || out.text == "local")) {
          out.text += "." + name;  // var.x / local.x name one value
          continue;
        }
        out = wrap(Kind::GetAttr, std::move(out), name);
      } else if (is(postfix, "index") && ts_node_named_child_count(postfix) == 1) {
        TSNode inner = ts_node_named_child(postfix, 0);
        IacExpr key;
        if (is(inner, "new_index") && ts_node_named_child_count(inner) == 1) {
          key = expression(ts_node_named_child(inner, 0), depth + 1);
        } else if (is(inner, "legacy_index")) {  // list.0
          std::string_view raw = node_text(text_, inner);
          key.kind = Kind::Number;
          key.text = std::string(raw.size() > 1 ? raw.substr(1) : raw);
          key.location = where(inner);
        }
        IacExpr index;
        index.kind = Kind::Index;
        index.parts.push_back(std::move(out));
        index.parts.push_back(std::move(key));
        out = std::move(index);
      } else {
        return IacExpr::unknown(whole);  // splats
      }
      out.location = whole;
    }
    if (begin + 1 < end) out.location = whole;
    return out;
  }

  static IacExpr wrap(Kind kind, IacExpr inner, std::string text) {
    IacExpr e;
    e.kind = kind;
    e.text = std::move(text);
    e.location = inner.location;
    e.parts.push_back(std::move(inner));
    return e;
  }

  IacExpr primary(TSNode node, int depth) const {
    Location at = where(node);
    if (depth > kMaxSyntaxDepth) return IacExpr::unknown(at);
    IacExpr e;
    e.location = at;
    if (is(node, "expression")) return expression(node, depth + 1);  // ( ... )
    if (is(node, "literal_value") && ts_node_named_child_count(node) == 1) {
      return literal(ts_node_named_child(node, 0));
    }
    if (is(node, "template_expr") && ts_node_named_child_count(node) == 1) {
      return template_parts(ts_node_named_child(node, 0), depth + 1);
    }
    if (is(node, "variable_expr") && ts_node_named_child_count(node) == 1) {
      e.kind = Kind::Ref;
      e.text = std::string(node_text(text_, ts_node_named_child(node, 0)));
      return e;
    }
    if (is(node, "function_call")) return function_call(node, depth + 1);
    if (is(node, "collection_value") && ts_node_named_child_count(node) == 1) {
      TSNode inner = ts_node_named_child(node, 0);
      return is(inner, "object") ? object(inner, depth + 1) : tuple(inner, depth + 1);
    }
    if (is(node, "operation") && ts_node_named_child_count(node) == 1) {
      return operation(ts_node_named_child(node, 0), depth + 1);
    }
    return e;  // for expressions, splats: unknown
  }

  IacExpr literal(TSNode value) const {
    IacExpr e;
    e.location = where(value);
    if (is(value, "string_lit")) {
      if (string_literal(value, e.text)) e.kind = Kind::String;
    } else if (is(value, "numeric_lit")) {
      e.kind = Kind::Number;
      e.text = std::string(node_text(text_, value));
    } else if (is(value, "bool_lit")) {
      e.kind = Kind::Bool;
      e.text = std::string(node_text(text_, value));
    } else if (is(value, "null_lit")) {
      e.kind = Kind::Null;
    }
    return e;
  }

  // "a${x}b": literal parts and interpolations; directives are unknown.
  IacExpr template_parts(TSNode quoted, int depth) const {
    IacExpr e;
    e.location = where(quoted);
    if (!is(quoted, "quoted_template")) return e;  // heredocs: not modelled
    e.kind = Kind::Template;
    for (TSNode part : ts::named_children(quoted)) {
      if (is(part, "quoted_template_start") || is(part, "quoted_template_end")) continue;
      if (is(part, "template_literal")) {
        IacExpr lit;
        lit.kind = Kind::String;
        lit.text = std::string(node_text(text_, part));
        lit.location = where(part);
        e.parts.push_back(std::move(lit));
      } else if (is(part, "template_interpolation")) {
        TSNode inner{};
        bool found = false;
        for (TSNode c : ts::named_children(part)) {
          if (is(c, "expression")) {
            inner = c;
            found = true;
          }
        }
        if (!found) return IacExpr::unknown(e.location);
        e.parts.push_back(expression(inner, depth + 1));
      } else {
        return IacExpr::unknown(e.location);
      }
    }
    if (e.parts.empty()) {
      e.kind = Kind::String;
    } else if (e.parts.size() == 1 && e.parts[0].kind == Kind::String) {
      e.kind = Kind::String;
      e.text = e.parts[0].text;
      e.parts.clear();
    }
    return e;
  }

  IacExpr function_call(TSNode node, int depth) const {
    IacExpr e;
    e.kind = Kind::Call;
    e.location = where(node);
    for (TSNode child : ts::named_children(node)) {
      if (is(child, "identifier")) {
        e.text = std::string(node_text(text_, child));
      } else if (is(child, "function_arguments")) {
        for (TSNode arg : ts::named_children(child)) {
          if (is(arg, "ellipsis")) return IacExpr::unknown(e.location);
          if (is(arg, "expression")) e.parts.push_back(expression(arg, depth + 1));
        }
      }
    }
    return e;
  }

  IacExpr object(TSNode node, int depth) const {
    IacExpr e;
    e.kind = Kind::Object;
    e.location = where(node);
    for (TSNode elem : ts::named_children(node)) {
      if (!is(elem, "object_elem")) continue;
      TSNode key = ts_node_child_by_field_name(elem, "key", 3);
      TSNode val = ts_node_child_by_field_name(elem, "val", 3);
      std::string name;
      if (!object_key(key, name)) return IacExpr::unknown(e.location);
      e.keys.push_back(std::move(name));
      e.parts.push_back(expression(val, depth + 1));
    }
    return e;
  }

  // A key written as a bare name or a literal string; `(expr)` keys are not.
  bool object_key(TSNode key, std::string& out) const {
    if (ts_node_is_null(key) || ts_node_named_child_count(key) != 1) return false;
    TSNode inner = ts_node_named_child(key, 0);
    if (is(inner, "variable_expr")) {
      out = std::string(node_text(text_, inner));
      return true;
    }
    if (is(inner, "literal_value") && ts_node_named_child_count(inner) == 1) {
      TSNode lit = ts_node_named_child(inner, 0);
      return is(lit, "string_lit") && string_literal(lit, out);
    }
    return false;
  }

  IacExpr tuple(TSNode node, int depth) const {
    IacExpr e;
    e.kind = Kind::Tuple;
    e.location = where(node);
    for (TSNode item : ts::named_children(node)) {
      if (is(item, "expression")) e.parts.push_back(expression(item, depth + 1));
    }
    return e;
  }

  IacExpr conditional(TSNode node, int depth) const {
    IacExpr e;
    e.kind = Kind::Conditional;
    e.location = where(node);
    for (TSNode child : ts::named_children(node)) {
      e.parts.push_back(expression(child, depth + 1));
    }
    if (e.parts.size() != 3) return IacExpr::unknown(e.location);
    return e;
  }

  // unary_operation / binary_operation: the operands are runs of named
  // children (a term and its postfixes) around the anonymous operator token.
  IacExpr operation(TSNode node, int depth) const {
    IacExpr e;
    e.location = where(node);
    std::string op;
    std::vector<std::pair<uint32_t, uint32_t>> runs(1, {0, 0});
    uint32_t named = 0;
    for (TSNode child : ts::children(node)) {
      if (ts_node_is_named(child)) {
        if (is(child, "comment")) return e;
        ++named;
        runs.back().second = named;
      } else if (op.empty()) {
        op = std::string(ts_node_type(child));
        runs.emplace_back(named, named);
      }
    }
    if (is(node, "unary_operation")) {
      if (op != "!" || runs.size() != 2) return e;
      e.kind = Kind::Not;
      e.parts.push_back(term(node, runs[1].first, runs[1].second, depth + 1, e.location));
      return e;
    }
    if (runs.size() != 2) return e;
    if (op == "==") {
      e.kind = Kind::Equal;
    } else if (op == "!=") {
      e.kind = Kind::NotEqual;
    } else if (op == "&&") {
      e.kind = Kind::And;
    } else if (op == "||") {
      e.kind = Kind::Or;
    } else {
      return e;  // arithmetic and comparisons: not modelled
    }
    e.parts.push_back(term(node, runs[0].first, runs[0].second, depth + 1, e.location));
    e.parts.push_back(term(node, runs[1].first, runs[1].second, depth + 1, e.location));
    return e;
  }

  const std::string& text_;
  IacLocator locate_;
};

class TerraformReader {
 public:
  TerraformReader(const SourceFile& file, FileId id, TerraformFileSyntax& out)
      : convert_(file, id), text_(file.text), out_(out) {}

  uint64_t location_steps() const { return convert_.location_steps(); }

  void read(TSNode root) {
    if (ts_node_has_error(root)) {
      out_.syntax_error = true;
      TSNode error = first_error(root, 0);
      out_.error_location = convert_.where(ts_node_is_null(error) ? root : error);
    }
    // config_file → body → (block | attribute)*
    for (TSNode body : ts::named_children(root)) {
      if (!is(body, "body")) continue;
      for (TSNode child : ts::named_children(body)) {
        if (is(child, "block")) {
          block(child);
        } else if (is(child, "attribute")) {
          attribute(child, out_.attributes);
        }
      }
    }
  }

 private:
  // The first ERROR or MISSING node in document order (depth-bounded).
  static TSNode first_error(TSNode node, int depth) {
    if (ts_node_is_error(node) || ts_node_is_missing(node)) return node;
    if (depth > kMaxSyntaxDepth || !ts_node_has_error(node)) return TSNode{};
    for (TSNode child : ts::children(node)) {
      TSNode found = first_error(child, depth + 1);
      if (!ts_node_is_null(found)) return found;
    }
    return TSNode{};
  }

  void attribute(TSNode node, std::vector<std::pair<std::string, IacExpr>>& into) const {
    if (ts_node_named_child_count(node) < 2) return;
    std::string key(node_text(text_, ts_node_named_child(node, 0)));
    TSNode value = ts_node_named_child(node, ts_node_named_child_count(node) - 1);
    into.emplace_back(std::move(key), convert_.expression(value, 0));
  }

  // Top-level attributes of a block's body.
  std::vector<std::pair<std::string, IacExpr>> body_attributes(TSNode block) const {
    std::vector<std::pair<std::string, IacExpr>> out;
    for (TSNode body : ts::named_children(block)) {
      if (!is(body, "body")) continue;
      for (TSNode child : ts::named_children(body)) {
        if (is(child, "attribute")) attribute(child, out);
      }
    }
    return out;
  }

  void block(TSNode node) {
    uint32_t n = ts_node_named_child_count(node);
    if (n < 1) return;
    TSNode keyword = ts_node_named_child(node, 0);
    if (!is(keyword, "identifier")) return;
    std::string_view type = node_text(text_, keyword);
    std::vector<std::string> labels;
    TSNode last_label = keyword;
    const std::vector<TSNode> children = ts::named_children(node);
    for (uint32_t i = 1; i < children.size(); ++i) {
      TSNode child = children[i];
      std::string label;
      if (is(child, "string_lit") && convert_.string_literal(child, label)) {
        labels.push_back(std::move(label));
        last_label = child;
      } else if (is(child, "identifier")) {
        labels.emplace_back(node_text(text_, child));
        last_label = child;
      }
    }
    Location header = convert_.where(keyword, last_label);
    if (type == "variable" && labels.size() == 1) {
      TerraformVariable variable;
      variable.name = labels[0];
      variable.location = header;
      for (auto& [key, value] : body_attributes(node)) {
        if (key == "default") {
          variable.has_default = true;
          variable.default_value = std::move(value);
        }
      }
      out_.variables.push_back(std::move(variable));
    } else if (type == "locals") {
      for (auto& entry : body_attributes(node)) out_.locals.push_back(std::move(entry));
    } else if (type == "module" && labels.size() == 1) {
      TerraformBlock call;
      call.name = labels[0];
      call.location = header;
      call.broken = ts_node_has_error(node);
      call.attributes = body_attributes(node);
      if (const IacExpr* source = call.attribute("source");
          source != nullptr && source->kind == Kind::String) {
        call.source = source->text;
      }
      out_.modules.push_back(std::move(call));
    } else if (type == "resource" && labels.size() == 2 &&
               labels[0] == "azurerm_eventhub_namespace") {
      TerraformBlock resource;
      resource.name = labels[1];
      resource.location = header;
      resource.broken = ts_node_has_error(node);
      resource.attributes = body_attributes(node);
      out_.namespaces.push_back(std::move(resource));
    }
  }

  HclConverter convert_;
  const std::string& text_;
  TerraformFileSyntax& out_;
};

}  // namespace

const IacExpr* TerraformBlock::attribute(std::string_view key) const {
  for (const auto& [name, value] : attributes) {
    if (name == key) return &value;
  }
  return nullptr;
}

TerraformFileSyntax parse_terraform(const SourceFile& file, FileId id) {
  TerraformFileSyntax out;
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), tree_sitter_hcl())) return out;
  ts::ParseBudget budget(file.text.size());
  std::unique_ptr<TSTree, TreeDeleter> tree(
      ts::parse_within_budget(parser.get(), file.text, budget));
  out.work = budget.checks * ts::ParseBudget::kOperationsPerCheck;
  if (!tree) {
    out.syntax_error = true;
    if (budget.exhausted) out.limit_message = budget.message();
    out.error_location = iac_location(file, id, 0, 0);
    return out;
  }
  TerraformReader reader(file, id, out);
  reader.read(ts_tree_root_node(tree.get()));
  out.work += reader.location_steps();
  return out;
}

}  // namespace seldon_lint
