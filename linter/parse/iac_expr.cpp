#include "linter/parse/iac_expr.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace seldon_lint {

const IacValue* IacValue::member(std::string_view key) const {
  if (kind != Kind::Object) return nullptr;
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

bool IacValue::fully_known() const {
  if (kind == Kind::Unknown) return false;
  for (const auto& m : members) {
    if (!m.value.fully_known()) return false;
  }
  return std::all_of(items.begin(), items.end(), [](const IacValue& v) { return v.fully_known(); });
}

namespace {

using Kind = IacExpr::Kind;
using VKind = IacValue::Kind;

IacValue scalar(VKind kind, std::string text, Location origin) {
  IacValue v;
  v.kind = kind;
  v.text = std::move(text);
  v.origin = origin;
  return v;
}

IacValue boolean(bool b, Location origin) {
  return scalar(VKind::Bool, b ? "true" : "false", origin);
}

bool is_scalar(const IacValue& v) {
  return v.kind == VKind::Bool || v.kind == VKind::Number || v.kind == VKind::String;
}

// Structural equality of two fully known values ("1" == "1.0" for numbers).
bool same_value(const IacValue& a, const IacValue& b) {
  if (a.kind == VKind::Number && b.kind == VKind::Number) {
    return std::strtod(a.text.c_str(), nullptr) == std::strtod(b.text.c_str(), nullptr);
  }
  if (a.kind != b.kind || a.text != b.text || a.members.size() != b.members.size() ||
      a.items.size() != b.items.size()) {
    return false;
  }
  for (size_t i = 0; i < a.members.size(); ++i) {
    if (a.members[i].key != b.members[i].key ||
        !same_value(a.members[i].value, b.members[i].value)) {
      return false;
    }
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (!same_value(a.items[i], b.items[i])) return false;
  }
  return true;
}

class Evaluator {
 public:
  explicit Evaluator(const IacResolver& resolve) : resolve_(resolve) {}

  IacValue eval(const IacExpr& e, int depth) const {
    if (depth > kMaxEvaluationDepth) return IacValue::unknown(e.location);
    switch (e.kind) {
      case Kind::Unknown:
        return IacValue::unknown(e.location);
      case Kind::Null:
        return scalar(VKind::Null, "", e.location);
      case Kind::Bool:
        return scalar(VKind::Bool, e.text, e.location);
      case Kind::Number:
        return scalar(VKind::Number, e.text, e.location);
      case Kind::String:
        return scalar(VKind::String, e.text, e.location);
      case Kind::Template:
        return concatenate(e, depth);
      case Kind::Ref:
        return resolve_(e, depth + 1);
      case Kind::GetAttr:
        return get_attr(e, depth);
      case Kind::Index:
        return index(e, depth);
      case Kind::Object:
        return object(e, depth);
      case Kind::Tuple:
        return tuple(e, depth);
      case Kind::Conditional:
        return conditional(e, depth);
      case Kind::Equal:
      case Kind::NotEqual:
        return equality(e, depth);
      case Kind::And:
      case Kind::Or:
        return logical(e, depth);
      case Kind::Not:
        return negation(e, depth);
      case Kind::Coalesce:
        return first_not_null(e, depth, false);
      case Kind::Call:
        return call(e, depth);
    }
    return IacValue::unknown(e.location);
  }

 private:
  IacValue concatenate(const IacExpr& e, int depth) const {
    std::string out;
    for (const auto& part : e.parts) {
      IacValue v = eval(part, depth + 1);
      if (!is_scalar(v)) return IacValue::unknown(e.location);
      out += v.text;
    }
    return scalar(VKind::String, std::move(out), e.location);
  }

  IacValue get_attr(const IacExpr& e, int depth) const {
    if (e.parts.empty()) return IacValue::unknown(e.location);
    IacValue base = eval(e.parts[0], depth + 1);
    if (base.is_null()) return base;  // Bicep `.?` on null; Terraform would fail
    if (base.kind != VKind::Object) return IacValue::unknown(e.location);
    const IacValue* m = base.member(e.text);
    return m != nullptr ? *m : scalar(VKind::Null, "", base.origin);
  }

  IacValue index(const IacExpr& e, int depth) const {
    if (e.parts.size() != 2) return IacValue::unknown(e.location);
    IacValue base = eval(e.parts[0], depth + 1);
    IacValue key = eval(e.parts[1], depth + 1);
    if (base.kind == VKind::Object && key.kind == VKind::String) {
      const IacValue* m = base.member(key.text);
      return m != nullptr ? *m : IacValue::unknown(e.location);
    }
    if (base.kind == VKind::Tuple && key.kind == VKind::Number) {
      size_t i = static_cast<size_t>(std::strtoul(key.text.c_str(), nullptr, 10));
      return i < base.items.size() ? base.items[i] : IacValue::unknown(e.location);
    }
    return IacValue::unknown(e.location);
  }

  IacValue object(const IacExpr& e, int depth) const {
    IacValue v;
    v.kind = VKind::Object;
    v.origin = e.location;
    for (size_t i = 0; i < e.parts.size() && i < e.keys.size(); ++i) {
      v.members.emplace_back(e.keys[i], eval(e.parts[i], depth + 1));
    }
    return v;
  }

  IacValue tuple(const IacExpr& e, int depth) const {
    IacValue v;
    v.kind = VKind::Tuple;
    v.origin = e.location;
    for (const auto& part : e.parts) v.items.push_back(eval(part, depth + 1));
    return v;
  }

  IacValue conditional(const IacExpr& e, int depth) const {
    if (e.parts.size() != 3) return IacValue::unknown(e.location);
    IacValue condition = eval(e.parts[0], depth + 1);
    if (condition.kind != VKind::Bool) return IacValue::unknown(e.location);
    return eval(e.parts[condition.text == "true" ? 1 : 2], depth + 1);
  }

  IacValue equality(const IacExpr& e, int depth) const {
    if (e.parts.size() != 2) return IacValue::unknown(e.location);
    IacValue a = eval(e.parts[0], depth + 1);
    IacValue b = eval(e.parts[1], depth + 1);
    bool equal;
    if (a.is_null() || b.is_null()) {
      // A known non-null object is not null even when some member is unknown.
      if (!a.known() || !b.known()) return IacValue::unknown(e.location);
      equal = a.is_null() && b.is_null();
    } else {
      if (!a.fully_known() || !b.fully_known()) return IacValue::unknown(e.location);
      equal = same_value(a, b);
    }
    return boolean(e.kind == Kind::Equal ? equal : !equal, e.location);
  }

  IacValue logical(const IacExpr& e, int depth) const {
    if (e.parts.size() != 2) return IacValue::unknown(e.location);
    bool is_and = e.kind == Kind::And;
    IacValue a = eval(e.parts[0], depth + 1);
    IacValue b = eval(e.parts[1], depth + 1);
    auto decisive = [&](const IacValue& v) {  // false for &&, true for ||
      return v.kind == VKind::Bool && (v.text == "true") != is_and;
    };
    if (decisive(a) || decisive(b)) return boolean(!is_and, e.location);
    if (a.kind != VKind::Bool || b.kind != VKind::Bool) return IacValue::unknown(e.location);
    return boolean(is_and, e.location);
  }

  IacValue negation(const IacExpr& e, int depth) const {
    if (e.parts.size() != 1) return IacValue::unknown(e.location);
    IacValue v = eval(e.parts[0], depth + 1);
    if (v.kind != VKind::Bool) return IacValue::unknown(e.location);
    return boolean(v.text != "true", e.location);
  }

  // Bicep `??` (skip nulls) and Terraform coalesce() (also skips "").
  IacValue first_not_null(const IacExpr& e, int depth, bool skip_empty) const {
    for (const auto& part : e.parts) {
      IacValue v = eval(part, depth + 1);
      if (!v.known()) return IacValue::unknown(e.location);
      if (v.is_null() || (skip_empty && v.kind == VKind::String && v.text.empty())) continue;
      return v;
    }
    return IacValue::unknown(e.location);  // all null: an error in both languages
  }

  IacValue call(const IacExpr& e, int depth) const {
    std::string name = e.text;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "coalesce") return first_not_null(e, depth, true);
    if (name == "try" && !e.parts.empty()) {
      // try() returns its first argument that evaluates without an error; an
      // unknown first argument may or may not fail.
      return eval(e.parts[0], depth + 1);
    }
    if (name == "lookup" && (e.parts.size() == 2 || e.parts.size() == 3)) {
      IacValue map = eval(e.parts[0], depth + 1);
      IacValue key = eval(e.parts[1], depth + 1);
      if (map.kind != VKind::Object || key.kind != VKind::String) {
        return IacValue::unknown(e.location);
      }
      if (const IacValue* m = map.member(key.text)) return *m;
      return e.parts.size() == 3 ? eval(e.parts[2], depth + 1) : IacValue::unknown(e.location);
    }
    if (e.parts.size() != 1) return IacValue::unknown(e.location);
    if (name == "toset" || name == "tolist" || name == "tomap") {
      IacValue v = eval(e.parts[0], depth + 1);
      bool fits = name == "tomap" ? v.kind == VKind::Object : v.kind == VKind::Tuple;
      return fits ? v : IacValue::unknown(e.location);
    }
    bool lower = name == "lower" || name == "tolower";
    bool upper = name == "upper" || name == "toupper";
    if (lower || upper || name == "tostring" || name == "tonumber" || name == "tobool" ||
        name == "string") {
      IacValue v = eval(e.parts[0], depth + 1);
      if (!is_scalar(v)) return IacValue::unknown(e.location);
      if (lower || upper) {
        for (char& c : v.text) {
          c = static_cast<char>(lower ? std::tolower(static_cast<unsigned char>(c))
                                      : std::toupper(static_cast<unsigned char>(c)));
        }
      }
      if (name == "tostring" || name == "string") v.kind = VKind::String;
      if (name == "tonumber" && v.kind == VKind::String) {
        char* end = nullptr;
        std::strtod(v.text.c_str(), &end);
        if (v.text.empty() || end == nullptr || *end != '\0') return IacValue::unknown(e.location);
        v.kind = VKind::Number;
      }
      if (name == "tobool" && v.kind == VKind::String) {
        if (v.text != "true" && v.text != "false") return IacValue::unknown(e.location);
        v.kind = VKind::Bool;
      }
      return v;
    }
    return IacValue::unknown(e.location);
  }

  const IacResolver& resolve_;
};

}  // namespace

IacValue evaluate(const IacExpr& expr, const IacResolver& resolve, int depth) {
  return Evaluator(resolve).eval(expr, depth);
}

}  // namespace seldon_lint
