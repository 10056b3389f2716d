// A small expression language shared by the Terraform and Bicep readers, and
// the values it evaluates to.  The readers turn tree-sitter syntax into
// IacExpr (so no syntax tree outlives its parse); the deployment assembly
// (linter/model/iac/) evaluates expressions with the variables, locals and
// parameters of one deployment.
//
// Only what decides an Event Hubs namespace's name, tier, capacity and local
// authentication is evaluated: literals, references, string templates,
// objects, tuples, member access and indexing, `?:`, `==`/`!=`, `&&`/`||`/`!`,
// `??` and a few functions (`coalesce`, `lookup`, `try`, `lower`/`upper`,
// `tostring`/`tonumber`/`tobool`).  Everything else is Unknown, and an Unknown
// operand makes the result Unknown (never guessed).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "seldon_lint/location.hpp"

namespace seldon_lint {

struct IacExpr {
  enum class Kind {
    Unknown,  // anything the evaluator does not model
    Null,
    Bool,         // text "true"/"false"
    Number,       // text as written
    String,       // text decoded
    Template,     // parts concatenated ("${a}-x")
    Ref,          // text: "var.x", "local.y" (Terraform) or a Bicep identifier
    GetAttr,      // parts[0].text (text = attribute name)
    Index,        // parts[0][parts[1]]
    Object,       // keys[i] = parts[i]
    Tuple,        // parts
    Conditional,  // parts[0] ? parts[1] : parts[2]
    Equal,
    NotEqual,
    And,
    Or,
    Not,
    Coalesce,  // Bicep `??`: the first operand that is not null
    Call,      // text = function name, parts = arguments
  };
  Kind kind = Kind::Unknown;
  std::string text;
  std::vector<std::string> keys;
  std::vector<IacExpr> parts;
  Location location;

  static IacExpr unknown(Location where) {
    IacExpr e;
    e.location = where;
    return e;
  }
};

struct IacMember;  // a key and its value, below

struct IacValue {
  enum class Kind { Unknown, Null, Bool, Number, String, Object, Tuple };
  Kind kind = Kind::Unknown;
  std::string text;                // scalars
  std::vector<IacMember> members;  // objects, in order
  std::vector<IacValue> items;
  // Where the layer that decided this value sets it (the tfvars or parameter
  // line, the module input, the attribute, the default).
  Location origin;

  bool known() const { return kind != Kind::Unknown; }
  bool is_null() const { return kind == Kind::Null; }
  // Member `key` of an object; nullptr when absent or not an object.
  const IacValue* member(std::string_view key) const;
  // Whether any part of this value (members, items) is Unknown.
  bool fully_known() const;

  static IacValue unknown(Location where);
};

// A named struct rather than std::pair<std::string, IacValue>: clang (and so
// clang-tidy) cannot instantiate that pair inside IacValue's own definition.
struct IacMember {
  IacMember(std::string member_key, IacValue member_value)
      : key(std::move(member_key)), value(std::move(member_value)) {}
  std::string key;
  IacValue value;
};

inline IacValue IacValue::unknown(Location where) {
  IacValue v;
  v.origin = where;
  return v;
}

// Resolves a Ref; returns Unknown for names it does not know.  `depth` is to
// be passed on to evaluate() when resolving means evaluating an expression.
using IacResolver = std::function<IacValue(const IacExpr& ref, int depth)>;

// Evaluates `expr`; `depth` bounds recursion through references (the
// resolver passes it on when it evaluates another expression).
IacValue evaluate(const IacExpr& expr, const IacResolver& resolve, int depth = 0);

inline constexpr int kMaxEvaluationDepth = 64;

}  // namespace seldon_lint
