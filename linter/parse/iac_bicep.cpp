// Bicep templates (.bicep) and parameters files (.bicepparam), read from
// tree-sitter-bicep's syntax tree into IacExpr: parameters with defaults,
// variables, module declarations and `Microsoft.EventHub/namespaces`
// resources; in a parameters file its `using` target and `param x = value`
// assignments.
#include <tree_sitter/api.h>

#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "linter/base/text.hpp"
#include "linter/parse/iac.hpp"
#include "linter/parse/tree_sitter_util.hpp"

extern "C" const TSLanguage* tree_sitter_bicep(void);

namespace seldon_lint {
namespace {

using ts::is;
using ts::node_text;
using ts::ParserDeleter;
using ts::TreeDeleter;
using Kind = IacExpr::Kind;

constexpr int kMaxSyntaxDepth = 100;
constexpr std::string_view kNamespaceType = "Microsoft.EventHub/namespaces";

class BicepConverter {
 public:
  // `text` is what was parsed: the file's text, or for a .bicepparam file the
  // same bytes with `param` assignments rewritten (offsets unchanged).
  BicepConverter(const SourceFile& file, FileId id, const std::string& text)
      : text_(text), locate_(file, id) {}

  Location where(TSNode node) const {
    return locate_.at(ts_node_start_byte(node), ts_node_end_byte(node));
  }
  uint64_t location_steps() const { return locate_.steps(); }
  std::string_view text_of(TSNode node) const { return node_text(text_, node); }

  // 'abc' without interpolation; escapes decoded.
  bool string_literal(TSNode string, std::string& out) const {
    IacExpr e = expression(string, 0);
    if (e.kind != Kind::String) return false;
    out = e.text;
    return true;
  }

  IacExpr expression(TSNode node, int depth) const {
    IacExpr e;
    if (ts_node_is_null(node)) return e;
    e.location = where(node);
    if (depth > kMaxSyntaxDepth || ts_node_is_error(node) || ts_node_is_missing(node)) return e;
    // Objects and arrays keep what parsed: an error inside one property makes
    // only that property unknown (newer Bicep syntax the grammar lacks).
    if (is(node, "object")) return object(node, depth);
    if (is(node, "array")) return array(node, depth);
    if (ts_node_has_error(node)) return e;
    if (is(node, "string")) return string(node, depth + 1);
    if (is(node, "number")) return scalar(Kind::Number, std::string(text_of(node)), e.location);
    if (is(node, "boolean")) return scalar(Kind::Bool, std::string(text_of(node)), e.location);
    if (is(node, "null")) return scalar(Kind::Null, "", e.location);
    if (is(node, "identifier")) return scalar(Kind::Ref, std::string(text_of(node)), e.location);
    if (is(node, "parenthesized_expression") && ts_node_named_child_count(node) == 1) {
      return expression(ts_node_named_child(node, 0), depth + 1);
    }
    if (is(node, "member_expression")) {
      TSNode object = ts_node_child_by_field_name(node, "object", 6);
      TSNode property = ts_node_child_by_field_name(node, "property", 8);
      if (ts_node_is_null(object) || ts_node_is_null(property)) return e;
      e.kind = Kind::GetAttr;
      e.text = std::string(text_of(property));
      e.parts.push_back(expression(object, depth + 1));
      return e;
    }
    if (is(node, "subscript_expression")) {
      return pair(Kind::Index, ts_node_child_by_field_name(node, "object", 6),
                  ts_node_child_by_field_name(node, "index", 5), e.location, depth);
    }
    if (is(node, "ternary_expression")) {
      e.kind = Kind::Conditional;
      for (const char* field : {"condition", "consequence", "alternative"}) {
        TSNode part = ts_node_child_by_field_name(node, field, std::strlen(field));
        if (ts_node_is_null(part)) return IacExpr::unknown(e.location);
        e.parts.push_back(expression(part, depth + 1));
      }
      return e;
    }
    if (is(node, "binary_expression")) return binary(node, depth);
    if (is(node, "unary_expression")) {
      TSNode op = ts_node_child_by_field_name(node, "operator", 8);
      TSNode argument = ts_node_child_by_field_name(node, "argument", 8);
      if (ts_node_is_null(op) || ts_node_is_null(argument) || text_of(op) != "!") return e;
      e.kind = Kind::Not;
      e.parts.push_back(expression(argument, depth + 1));
      return e;
    }
    if (is(node, "call_expression")) return call(node, depth);
    return e;  // lambdas, for-expressions, resource references: unknown
  }

 private:
  static IacExpr scalar(Kind kind, std::string text, Location at) {
    IacExpr e;
    e.kind = kind;
    e.text = std::move(text);
    e.location = at;
    return e;
  }

  IacExpr pair(Kind kind, TSNode a, TSNode b, Location at, int depth) const {
    if (ts_node_is_null(a) || ts_node_is_null(b)) return IacExpr::unknown(at);
    IacExpr e;
    e.kind = kind;
    e.location = at;
    e.parts.push_back(expression(a, depth + 1));
    e.parts.push_back(expression(b, depth + 1));
    return e;
  }

  IacExpr binary(TSNode node, int depth) const {
    TSNode op = ts_node_child_by_field_name(node, "operator", 8);
    Location at = where(node);
    if (ts_node_is_null(op)) return IacExpr::unknown(at);
    std::string_view o = text_of(op);
    Kind kind;
    if (o == "==" || o == "=~") {
      kind = Kind::Equal;
    } else if (o == "!=" || o == "!~") {
      kind = Kind::NotEqual;
    } else if (o == "&&") {
      kind = Kind::And;
    } else if (o == "||") {
      kind = Kind::Or;
    } else if (o == "??") {
      kind = Kind::Coalesce;
    } else {
      return IacExpr::unknown(at);
    }
    IacExpr e = pair(kind, ts_node_child_by_field_name(node, "left", 4),
                     ts_node_child_by_field_name(node, "right", 5), at, depth);
    if (o == "=~" || o == "!~") {  // case-insensitive comparison
      for (auto& part : e.parts) part = lowered(std::move(part));
    }
    return e;
  }

  static IacExpr lowered(IacExpr inner) {
    IacExpr e;
    e.kind = Kind::Call;
    e.text = "toLower";
    e.location = inner.location;
    e.parts.push_back(std::move(inner));
    return e;
  }

  IacExpr call(TSNode node, int depth) const {
    IacExpr e;
    e.location = where(node);
    TSNode function = ts_node_child_by_field_name(node, "function", 8);
    TSNode arguments = ts_node_child_by_field_name(node, "arguments", 9);
    if (ts_node_is_null(function) || !is(function, "identifier")) return e;
    e.kind = Kind::Call;
    e.text = std::string(text_of(function));
    if (!ts_node_is_null(arguments)) {
      for (TSNode child : ts::named_children(arguments)) {
        e.parts.push_back(expression(child, depth + 1));
      }
    }
    return e;
  }

  IacExpr array(TSNode node, int depth) const {
    IacExpr e;
    e.location = where(node);
    e.kind = Kind::Tuple;
    for (TSNode item : ts::named_children(node)) {
      if (ts_node_is_error(item)) return IacExpr::unknown(e.location);
      if (!is(item, "decorators") && !is(item, "comment")) {
        e.parts.push_back(expression(item, depth + 1));
      }
    }
    return e;
  }

  IacExpr object(TSNode node, int depth) const {
    IacExpr e;
    e.kind = Kind::Object;
    e.location = where(node);
    for (TSNode prop : ts::named_children(node)) {
      // Text the parser could not place may hold any property: the object
      // as a whole is then unknown.
      if (ts_node_is_error(prop) || ts_node_is_missing(prop)) return IacExpr::unknown(e.location);
      if (!is(prop, "object_property") || ts_node_named_child_count(prop) < 2) continue;
      TSNode key = ts_node_named_child(prop, 0);
      if (ts_node_has_error(key)) return IacExpr::unknown(e.location);
      std::string name;
      if (is(key, "string")) {
        if (!string_literal(key, name)) return IacExpr::unknown(e.location);
      } else {
        name = std::string(text_of(key));
      }
      e.keys.push_back(std::move(name));
      e.parts.push_back(
          expression(ts_node_named_child(prop, ts_node_named_child_count(prop) - 1), depth + 1));
    }
    return e;
  }

  IacExpr string(TSNode node, int depth) const {
    IacExpr e;
    e.location = where(node);
    e.kind = Kind::Template;
    std::string literal;
    auto flush = [&] {
      if (literal.empty()) return;
      IacExpr part = scalar(Kind::String, std::move(literal), e.location);
      e.parts.push_back(std::move(part));
      literal.clear();
    };
    for (TSNode part : ts::named_children(node)) {
      std::string_view raw = text_of(part);
      if (is(part, "string_content")) {
        literal += raw;
      } else if (is(part, "escape_sequence") && raw.size() >= 2) {
        char c = raw[1];
        literal += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
      } else if (is(part, "interpolation") && ts_node_named_child_count(part) == 1) {
        flush();
        e.parts.push_back(expression(ts_node_named_child(part, 0), depth + 1));
      } else {
        return IacExpr::unknown(e.location);
      }
    }
    flush();
    if (e.parts.empty()) return scalar(Kind::String, "", e.location);
    if (e.parts.size() == 1 && e.parts[0].kind == Kind::String) {
      return scalar(Kind::String, e.parts[0].text, e.location);
    }
    return e;
  }

  const std::string& text_;
  IacLocator locate_;
};

// `param x = value` lines of a .bicepparam file become `var   x = value` (same
// length), which tree-sitter-bicep parses; returns the byte offsets rewritten.
std::set<uint32_t> rewrite_param_assignments(std::string& text) {
  std::set<uint32_t> rewritten;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t line_end = text.find('\n', pos);
    if (line_end == std::string::npos) line_end = text.size();
    size_t b = pos;
    while (b < line_end && (text[b] == ' ' || text[b] == '\t')) ++b;
    if (text.compare(b, 6, "param ") == 0 || text.compare(b, 6, "param\t") == 0) {
      size_t eq = text.find('=', b);
      size_t colon_free = text.find(':', b);
      if (eq != std::string::npos && eq < line_end &&
          (colon_free == std::string::npos || colon_free > eq)) {
        text.replace(b, 5, "var  ");
        rewritten.insert(static_cast<uint32_t>(b));
      }
    }
    pos = line_end + 1;
  }
  return rewritten;
}

class BicepReader {
 public:
  BicepReader(const BicepConverter& convert, std::set<uint32_t> assigned, BicepFileSyntax& out)
      : convert_(convert), assigned_(std::move(assigned)), out_(out) {}

  void read(TSNode root) {
    if (ts_node_has_error(root)) out_.syntax_error = true;
    for (TSNode decl : ts::named_children(root)) {
      if (is(decl, "parameter_declaration")) {
        parameter(decl);
      } else if (is(decl, "variable_declaration")) {
        variable(decl);
      } else if (is(decl, "module_declaration")) {
        declaration(decl, /*module=*/true);
      } else if (is(decl, "resource_declaration")) {
        declaration(decl, /*module=*/false);
      } else if (is(decl, "using_statement")) {
        out_.has_using = true;
        for (TSNode target : ts::named_children(decl)) {
          if (is(target, "string")) convert_.string_literal(target, out_.using_path);
        }
      }
    }
  }

 private:
  static TSNode first_named(TSNode node, const char* type) {
    for (TSNode child : ts::named_children(node)) {
      if (is(child, type)) return child;
    }
    return TSNode{};
  }

  void parameter(TSNode decl) {
    TSNode name = first_named(decl, "identifier");
    if (ts_node_is_null(name)) return;
    BicepParameter p;
    p.name = std::string(convert_.text_of(name));
    p.location = convert_.where(decl);
    uint32_t n = ts_node_named_child_count(decl);
    TSNode value = ts_node_named_child(decl, n - 1);
    if (!ts_node_eq(value, name) && !is(value, "type") && !is(value, "decorators")) {
      p.has_default = true;
      p.value = convert_.expression(value, 0);
    }
    out_.parameters.push_back(std::move(p));
  }

  void variable(TSNode decl) {
    TSNode name = first_named(decl, "identifier");
    uint32_t n = ts_node_named_child_count(decl);
    if (ts_node_is_null(name) || n < 2) return;
    TSNode value = ts_node_named_child(decl, n - 1);
    if (ts_node_eq(value, name)) return;
    if (assigned_.count(ts_node_start_byte(decl)) > 0) {  // `param x = ...` in a .bicepparam
      BicepParameter p;
      p.name = std::string(convert_.text_of(name));
      p.location = convert_.where(decl);
      p.has_default = true;
      p.value = convert_.expression(value, 0);
      out_.parameters.push_back(std::move(p));
      return;
    }
    out_.variables.emplace_back(std::string(convert_.text_of(name)), convert_.expression(value, 0));
  }

  // `module x '<path>' = {…} | if (c) {…} | [for …: {…}]`, likewise resources.
  void declaration(TSNode decl, bool module) {
    TSNode symbol{}, path{}, value{};
    bool have_symbol = false, have_path = false, existing = false;
    for (TSNode child : ts::children(decl)) {
      if (!ts_node_is_named(child)) {
        if (is(child, "existing")) existing = true;
        continue;
      }
      if (!have_symbol && is(child, "identifier")) {
        symbol = child;
        have_symbol = true;
      } else if (!have_path && is(child, "string")) {
        path = child;
        have_path = true;
      } else if (!is(child, "decorators") && !is(child, "comment")) {
        value = child;
      }
    }
    if (!have_symbol || !have_path || existing || ts_node_is_null(value)) return;
    BicepDeclaration d;
    d.symbol = std::string(convert_.text_of(symbol));
    if (!convert_.string_literal(path, d.path)) return;
    d.location = iac_location_of(decl, path);
    if (!body(value, d, 0)) return;
    if (module) {
      out_.modules.push_back(std::move(d));
      return;
    }
    std::string_view base = std::string_view(d.path).substr(0, d.path.find('@'));
    if (base.size() == kNamespaceType.size() && contains_icase(base, kNamespaceType)) {
      out_.namespaces.push_back(std::move(d));
    }
  }

  Location iac_location_of(TSNode from, TSNode to) const {
    Location a = convert_.where(from), b = convert_.where(to);
    a.range.end = b.range.end;
    return a;
  }

  bool body(TSNode node, BicepDeclaration& d, int depth) const {
    if (ts_node_is_null(node) || depth > 3) return false;
    if (is(node, "object")) {
      d.body = convert_.expression(node, 0);
      return true;
    }
    if (is(node, "if_statement")) {
      TSNode condition = first_named(node, "parenthesized_expression");
      d.has_condition = true;
      d.condition = convert_.expression(condition, 0);
      return body(first_named(node, "object"), d, depth + 1);
    }
    if (is(node, "for_statement")) {
      d.loop = true;
      TSNode initializer = ts_node_child_by_field_name(node, "initializer", 11);
      TSNode b = ts_node_child_by_field_name(node, "body", 4);
      if (!ts_node_is_null(initializer) && is(initializer, "identifier")) {
        d.loop_variable = std::string(convert_.text_of(initializer));
      }
      for (TSNode child : ts::named_children(node)) {
        if (!ts_node_eq(child, initializer) && !ts_node_eq(child, b)) {
          d.loop_items = convert_.expression(child, 0);
          break;
        }
      }
      return body(b, d, depth + 1);
    }
    return false;
  }

  const BicepConverter& convert_;
  std::set<uint32_t> assigned_;
  BicepFileSyntax& out_;
};

}  // namespace

BicepFileSyntax parse_bicep(const SourceFile& file, FileId id) {
  BicepFileSyntax out;
  std::string text = file.text;
  std::set<uint32_t> assigned;
  if (ends_with(file.path, ".bicepparam")) assigned = rewrite_param_assignments(text);
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), tree_sitter_bicep())) return out;
  ts::ParseBudget budget(text.size());
  std::unique_ptr<TSTree, TreeDeleter> tree(ts::parse_within_budget(parser.get(), text, budget));
  out.work = budget.checks * ts::ParseBudget::kOperationsPerCheck;
  if (!tree) {
    out.syntax_error = true;
    if (budget.exhausted) out.limit_message = budget.message();
    return out;
  }
  BicepConverter convert(file, id, text);
  BicepReader(convert, std::move(assigned), out).read(ts_tree_root_node(tree.get()));
  out.work += convert.location_steps();
  return out;
}

}  // namespace seldon_lint
