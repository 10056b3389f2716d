// The tree operations Kustomize performs on the objects a kustomization emits,
// on yaml::Node trees that keep every node's source position (a value a patch
// writes points at the patch):
//  - JSON 6902 patches (RFC 6902 as evanphx/json-patch v4 applies them, which
//    Kustomize uses: `add` needs the parent to exist, `replace`/`remove` need
//    the target, negative array indices count from the end, a failing `test`
//    or any failing operation fails the whole patch);
//  - strategic merge patches as kyaml's merge2 applies them to objects without
//    an OpenAPI schema (custom resources: every object the linter reads but
//    Secrets): maps merge, lists and scalars replace, `null` deletes a key,
//    `$patch: delete` / `$patch: replace` directives;
//  - patch and replacement target selectors (kind/name/namespace/group/version
//    as anchored regular expressions, label and annotation selectors);
//  - replacement field paths (`spec.values.a.[name=x].b`, indices, `*`).
// Everything here is bounded by the size of the trees it is given.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "seldon_lint/yaml.hpp"

namespace seldon_lint::kustomize {

// ---- JSON 6902 --------------------------------------------------------------

// Applies the operations (a sequence of {op, path, value, from} maps) to `doc`.
// All or nothing: on any failing operation `doc` is left unchanged and false
// is returned (Kustomize stops the build there).
bool apply_json6902(yaml::Node& doc, const yaml::Node& operations);

// RFC 6901 pointer ("/spec/values/a~1b/0") → tokens; nullopt when malformed.
std::optional<std::vector<std::string>> parse_json_pointer(std::string_view pointer);

// ---- strategic merge ----------------------------------------------------------

enum class MergeResult { Merged, DeleteObject };

// Merges `patch` into `doc` (both object trees).  DeleteObject when the patch
// says `$patch: delete` at its root (the object leaves the output).
MergeResult apply_strategic_merge(yaml::Node& doc, const yaml::Node& patch);

// A patch document is JSON 6902 when it is a sequence (of operations).
inline bool is_json6902(const yaml::Node& patch) {
  return patch.is_seq();
}

// ---- selectors ----------------------------------------------------------------

// Kubernetes label selector syntax: `a=b,c!=d,e in (x,y),f notin (z),g,!h`.
// nullopt when the selector does not parse (Kustomize then fails the build).
std::optional<bool> label_selector_matches(std::string_view selector, const yaml::Node* labels);

// What a resource is known by: Kustomize matches a selector against the
// current and every previous name and namespace of the resource.
struct ResourceIdentity {
  std::string api_version;
  std::string kind;
  std::vector<std::string> names;       // original first
  std::vector<std::string> namespaces;  // "" = not set (the effective `default`)
  const yaml::Node* labels = nullptr;
  const yaml::Node* annotations = nullptr;
};

// Call before Selectors are made or matched on several threads.  libstdc++'s
// std::ctype<char> fills its narrow() cache on first use of each character
// (GCC PR 77704), so regexes compiled on two threads write it together: the
// same bytes, but a data race all the same.  Filled once beforehand, it is
// only read.
void prepare_selectors_for_threads();

// A `target:` / `select:` / `reject:` entry.  Group, version, kind, name and
// namespace are anchored regular expressions (Go RE2 syntax; the common
// subset is what std::regex accepts).
class Selector {
 public:
  Selector() = default;
  explicit Selector(const yaml::Node& node);
  bool empty() const { return empty_; }
  bool matches(const ResourceIdentity& id) const;
  // True when the selector could not be understood (invalid regex or label
  // selector): it then selects nothing, as Kustomize fails the build.
  bool invalid() const { return invalid_; }

 private:
  struct Pattern {
    std::string text;
    std::optional<std::regex> regex;  // only when `text` has metacharacters
    bool matches(std::string_view value) const;
  };
  Pattern compile(const yaml::Node& node, std::string_view key);
  Pattern group_, version_, kind_, name_, namespace_;
  std::string label_selector_, annotation_selector_;
  bool empty_ = true;
  bool invalid_ = false;
};

// ---- replacement field paths ---------------------------------------------------

// `a.b.[name=x].c`, `metadata.annotations.[example.com/key]` → elements;
// dots inside brackets do not split.
std::vector<std::string> split_field_path(std::string_view path);

// The nodes at `path` (several with `*`); empty when absent.
std::vector<const yaml::Node*> find_fields(const yaml::Node& root,
                                           const std::vector<std::string>& path);
// Mutable nodes at `path`; with `create`, missing map keys and `[k=v]` list
// elements are created (as Kustomize's PathMatcher does).  `where` positions
// what is created.
std::vector<yaml::Node*> find_fields_for_write(yaml::Node& root,
                                               const std::vector<std::string>& path, bool create,
                                               const yaml::Node& where);

// Kustomize field spec path (`spec/valuesFrom/name`): slash-separated keys,
// lists traversed implicitly.  Calls `visit` on every scalar found.
template <typename Visit>
void for_each_field_spec_value(yaml::Node& node, const std::vector<std::string>& path, size_t step,
                               Visit&& visit) {
  if (node.is_seq()) {
    for (auto& item : node.items) for_each_field_spec_value(item, path, step, visit);
    return;
  }
  if (step == path.size()) {
    if (node.is_scalar()) visit(node);
    return;
  }
  if (!node.is_map()) return;
  for (auto& entry : node.entries) {
    if (entry.key == path[step]) for_each_field_spec_value(entry.value, path, step + 1, visit);
  }
}

// Deep equality of two trees' content (positions ignored), for `test`.
bool same_content(const yaml::Node& a, const yaml::Node& b);

}  // namespace seldon_lint::kustomize
