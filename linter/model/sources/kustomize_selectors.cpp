// Kustomize's patch and replacement target selectors (kustomize_patches.hpp):
// anchored regular expressions on group, version, kind, name and namespace,
// label and annotation selectors.
#include <algorithm>
#include <locale>

#include "linter/base/text.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/kustomize_patches.hpp"

namespace seldon_lint::kustomize {
namespace {

using yaml::Node;

// Splits on commas outside parentheses.
std::vector<std::string_view> selector_terms(std::string_view selector) {
  std::vector<std::string_view> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= selector.size(); ++i) {
    if (i < selector.size() && selector[i] == '(') ++depth;
    if (i < selector.size() && selector[i] == ')') --depth;
    if (i == selector.size() || (selector[i] == ',' && depth == 0)) {
      std::string_view term = trim(selector.substr(start, i - start));
      if (!term.empty()) out.push_back(term);
      start = i + 1;
    }
  }
  return out;
}

std::optional<bool> term_matches(std::string_view term, const Node* labels) {
  auto label = [&](std::string_view key) -> const Node* {
    return labels == nullptr || !labels->is_map() ? nullptr : labels->find(key);
  };
  auto set_members = [](std::string_view list) -> std::optional<std::vector<std::string>> {
    list = trim(list);
    if (list.size() < 2 || list.front() != '(' || list.back() != ')') return std::nullopt;
    std::vector<std::string> values;
    for (auto v : split(list.substr(1, list.size() - 2), ',')) values.emplace_back(trim(v));
    return values;
  };
  if (term[0] == '!') return label(trim(term.substr(1))) == nullptr;
  for (std::string_view op : {" notin ", " in "}) {
    size_t at = term.find(op);
    if (at == std::string_view::npos) continue;
    std::string_view key = trim(term.substr(0, at));
    auto values = set_members(term.substr(at + op.size()));
    if (!values) return std::nullopt;
    const Node* v = label(key);
    bool member = v != nullptr && v->is_scalar() &&
                  std::find(values->begin(), values->end(), v->scalar) != values->end();
    return op == " in " ? member : !member;
  }
  if (size_t at = term.find("!="); at != std::string_view::npos) {
    const Node* v = label(trim(term.substr(0, at)));
    return v == nullptr || scalar_of(v) != trim(term.substr(at + 2));
  }
  if (size_t at = term.find('='); at != std::string_view::npos) {
    size_t value_at = at + 1 < term.size() && term[at + 1] == '=' ? at + 2 : at + 1;
    const Node* v = label(trim(term.substr(0, at)));
    return v != nullptr && scalar_of(v) == trim(term.substr(value_at));
  }
  if (term.find_first_of(" ()") != std::string_view::npos) return std::nullopt;
  return label(term) != nullptr;
}

bool has_regex_metacharacters(std::string_view text) {
  return text.find_first_of(".*+?()[]{}|^$\\") != std::string_view::npos;
}

// std::regex backtracks: patterns are kept to the shapes selectors use
// (`(ConfigMap|Secret)`, `seldon-.*`), so that matching stays cheap on any input.
bool regex_is_tame(std::string_view pattern) {
  if (pattern.size() > 200) return false;
  int quantifiers = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '*' || c == '+' || c == '?' || c == '{') {
      ++quantifiers;
      if (i > 0 && pattern[i - 1] == ')') return false;  // a repeated group
    }
  }
  return quantifiers <= 3;
}

constexpr size_t kMaxMatchedLength = 256;  // Kubernetes names are at most 253

}  // namespace

std::optional<bool> label_selector_matches(std::string_view selector, const Node* labels) {
  bool all = true;
  for (auto term : selector_terms(selector)) {
    auto matched = term_matches(term, labels);
    if (!matched) return std::nullopt;
    all = all && *matched;
  }
  return all;
}

bool Selector::Pattern::matches(std::string_view value) const {
  if (text.empty()) return true;
  if (!regex) return value == text;
  if (value.size() > kMaxMatchedLength) return false;
  return std::regex_match(value.begin(), value.end(), *regex);
}

void prepare_selectors_for_threads() {
  const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
  (void)ctype.widen('a');  // its table is filled on first use too
  for (int c = 1; c < 256; ++c) (void)ctype.narrow(static_cast<char>(c), '\0');
}

Selector::Pattern Selector::compile(const Node& node, std::string_view key) {
  Pattern pattern;
  pattern.text = scalar_of(node.find(key));
  if (pattern.text.empty()) return pattern;
  empty_ = false;
  if (has_regex_metacharacters(pattern.text)) {
    if (!regex_is_tame(pattern.text)) {
      invalid_ = true;
      return pattern;
    }
    try {
      pattern.regex.emplace(pattern.text, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      invalid_ = true;
    }
  }
  return pattern;
}

Selector::Selector(const Node& node) {
  if (!node.is_map()) return;
  group_ = compile(node, "group");
  version_ = compile(node, "version");
  kind_ = compile(node, "kind");
  name_ = compile(node, "name");
  namespace_ = compile(node, "namespace");
  label_selector_ = scalar_of(node.find("labelSelector"));
  annotation_selector_ = scalar_of(node.find("annotationSelector"));
  if (!label_selector_.empty() || !annotation_selector_.empty()) empty_ = false;
}

bool Selector::matches(const ResourceIdentity& id) const {
  if (invalid_) return false;
  std::string_view api = id.api_version;
  size_t slash = api.find('/');
  std::string_view group =
      slash == std::string_view::npos ? std::string_view() : api.substr(0, slash);
  std::string_view version = slash == std::string_view::npos ? api : api.substr(slash + 1);
  if (!group_.matches(group) || !version_.matches(version) || !kind_.matches(id.kind)) {
    return false;
  }
  auto any = [](const Pattern& p, const std::vector<std::string>& values, bool is_namespace) {
    if (p.text.empty()) return true;
    for (const auto& v : values) {
      // An object without a namespace is in `default` (Kustomize's effective namespace).
      if (p.matches(is_namespace && v.empty() ? std::string_view("default") : std::string_view(v)))
        return true;
    }
    return false;
  };
  if (!any(name_, id.names, false) || !any(namespace_, id.namespaces, true)) return false;
  if (!label_selector_.empty()) {
    auto m = label_selector_matches(label_selector_, id.labels);
    if (!m || !*m) return false;
  }
  if (!annotation_selector_.empty()) {
    auto m = label_selector_matches(annotation_selector_, id.annotations);
    if (!m || !*m) return false;
  }
  return true;
}

}  // namespace seldon_lint::kustomize
