// Helm `--set` parameters: Argo CD `helm.parameters`, helmfile `set`, Flux
// `valuesFrom.targetPath`.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "seldon_lint/yaml.hpp"

namespace seldon_lint {

// Helm's own bounds on `--set` names (helm.sh/helm/v3/pkg/strvals): a name
// nested deeper, or a list index above this, is an error to Helm, so the
// value never applies.  They also bound the linter's work and recursion.
inline constexpr size_t kMaxSetNesting = 30;
inline constexpr size_t kMaxSetIndex = 65536;

// The work budget of one object's `--set` parameters (an Argo CD
// `helm.parameters` list, a helmfile `set` list): map levels and list
// elements walked, summed over its names (`a[65536]` alone is 65,538).
inline constexpr size_t kMaxSetSteps = 500'000;

// Several `--set` names applied in order to one values tree, in work linear
// in the names' steps (a map level the names walk keeps a hash index of its
// keys, where a yaml::Node map is a list to scan).  set() returns an empty
// string, or why the name was not applied (a Helm limit, the work budget):
// the callers report that as SL002 at the name.
class SetParameters {
 public:
  explicit SetParameters(yaml::Node root, size_t step_budget = kMaxSetSteps);
  ~SetParameters();
  SetParameters(const SetParameters&) = delete;
  SetParameters& operator=(const SetParameters&) = delete;

  std::string set(std::string_view name, yaml::Node value, Location key_location,
                  bool force_string = false);
  // Steps spent so far (deterministic: a function of the names alone).
  size_t steps() const { return steps_; }
  yaml::Node finish() &&;

 private:
  struct Slot;
  static Slot* child(Slot& parent, const std::string& key, const Location& where);
  static Slot* item(Slot& list, size_t index, const Location& where);
  std::unique_ptr<Slot> root_;
  size_t budget_;
  size_t steps_ = 0;
};

// One `--set` name (see SetParameters).
// Helm `--set` semantics: `a.b[0].c`, `a\.b` (escaped dot); the value node keeps
// its position; "null" deletes the key unless `force_string`.  Returns an
// empty string, or why the name was not applied (a Helm limit, a malformed
// index): the callers report that as SL002 at the name.
std::string set_parameter(yaml::Node& root, std::string_view name, yaml::Node value,
                          Location key_location, bool force_string = false);

}  // namespace seldon_lint
