// Every way values reach a Seldon release (interfaces.md "What counts as a
// Seldon release"): Flux HelmRelease (`valuesFrom`, `values`, Kustomize
// patches of it, `postBuild` substitutions), Argo CD Application and
// ApplicationSet templates (`valueFiles`, `values`, `valuesObject`,
// `parameters`), Kustomize `helmCharts`, helmfile releases; plus the secrets
// and ConfigMaps Kustomize generators create.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "linter/model/sources/kustomize.hpp"
#include "linter/parse/yaml_parser.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

class ValuesSources {
 public:
  explicit ValuesSources(Model& model);
  ~ValuesSources();
  ValuesSources(const ValuesSources&) = delete;
  ValuesSources& operator=(const ValuesSources&) = delete;

  // The Flux Kustomizations found in the repository (for the Kustomize walk).
  const std::vector<FluxApply>& flux_applies() const;
  // Adds releases, runtimes of runtime-chart releases and generator secrets to
  // the model.  Secrets of other kinds must already be in the model.
  void build(const KustomizeLayout& layout);
  // Files named as a values layer by some release (not standalone releases).
  bool referenced(FileId file) const;
  // Some Flux Kustomization substitutes but its `spec.path` is not in the
  // repository: a `${VAR}` elsewhere may be defined there.
  bool unresolved_substitution() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A YAML document embedded in a string scalar of `file` (an Argo CD
// `helm.values`, a ConfigMap's `values.yaml`, an inline Kustomize patch).
// Literal block scalars keep exact positions: their content lines are the
// file's lines.  Other styles are parsed from the decoded text and every node
// points at the scalar.  nullopt when the text is not a YAML map.
std::optional<yaml::Node> parse_embedded_yaml(const SourceFile& file, FileId id,
                                              const yaml::Node& scalar, YamlParser& parser);

// Helm `--set` semantics: `a.b[0].c`, `a\.b` (escaped dot); the value node keeps
// its position; "null" deletes the key unless `force_string`.
void set_parameter(yaml::Node& root, std::string_view name, yaml::Node value, Location key_location,
                   bool force_string = false);

// `${VAR}` references in a text (without `$${` escapes); `has_default` for
// `${VAR:=x}` / `${VAR:-x}` / `${VAR=x}` forms.
struct VariableRef {
  std::string name;
  bool has_default = false;
  std::string default_value;
  size_t begin = 0, end = 0;  // byte range of `${...}` in the text
};
std::vector<VariableRef> find_variables(std::string_view text);

}  // namespace seldon_lint
