// Shared by the Terraform, Bicep and ARM deployment assemblies.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linter/base/repo_path.hpp"
#include "linter/parse/iac.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint::iac {

// Module recursion: a call chain deeper than this is not followed.
inline constexpr int kMaxModuleDepth = 16;
// Module instances (each call, each count/for_each/loop instance) one
// deployment evaluates: its work budget, so that modules calling modules
// several times each cannot multiply into billions of evaluations.
inline constexpr size_t kMaxModuleInstances = 1000;

// One deployment's walk over its local module calls: the modules being
// evaluated (a call back onto one closes a cycle), the nesting and the
// budget.  A call the walk refuses is SL002 at the call, once per call and
// message across the deployments of a run (`reported`).
class ModuleWalk {
 public:
  using Reported = std::set<std::pair<std::string, std::pair<FileId, uint32_t>>>;
  ModuleWalk(Model& model, Reported& reported, std::string root)
      : model_(model), reported_(reported), stack_{std::move(root)} {}
  // Whether the call at `call` to the module `target` (a folder or file) is
  // followed; when true, leave() after evaluating it.
  bool enter(const std::string& target, const Location& call);
  void leave() { stack_.pop_back(); }

 private:
  void report(const Location& call, std::string message);
  Model& model_;
  Reported& reported_;
  std::vector<std::string> stack_;
  size_t instances_ = 0;
};

// Modules (numbered 0..n-1, `callees` their local module calls) that no
// deployment reaches: every one is called, but only from inside a cycle of
// calls (a <-> b, neither deployed on its own).  Returns one module on each
// such cycle, in a deterministic order, so that the caller deploys it as a
// root and its walk reports the call that closes the cycle (SL002) instead
// of the whole cycle being silently skipped.  O(modules + calls).
std::vector<size_t> unrooted_cycle_entries(const std::vector<std::vector<size_t>>& callees,
                                           const std::vector<bool>& is_root);

// The same over modules of any kind: `is_root(module)` says whether it is
// deployed on its own, `callees_of(module)` lists the modules it calls.
template <typename Module, typename IsRoot, typename CalleesOf>
std::vector<Module*> unrooted_cycle_entries(const std::vector<Module*>& modules, IsRoot is_root,
                                            CalleesOf callees_of) {
  std::map<const Module*, size_t> index;
  for (size_t i = 0; i < modules.size(); ++i) index.emplace(modules[i], i);
  std::vector<std::vector<size_t>> callees(modules.size());
  std::vector<bool> roots(modules.size());
  for (size_t i = 0; i < modules.size(); ++i) {
    roots[i] = is_root(*modules[i]);
    for (Module* target : callees_of(*modules[i])) callees[i].push_back(index.at(target));
  }
  std::vector<Module*> entries;
  for (size_t entry : unrooted_cycle_entries(callees, roots)) entries.push_back(modules[entry]);
  return entries;
}

// folder_of, file_name_of and join_path: linter/base/repo_path.hpp.

// The environment of a deployment decided by `file` (interfaces.md): its
// folders (or the configured globs); for a per-environment var or parameter
// file also the tokens of its own name.
std::string deployment_environment(const SourceFile& file, bool per_environment_file);

// A namespace's name, tier, capacity, local authentication and dedicated
// cluster from evaluated values (absent ones are nullptr); findings point at
// each value's origin.  Local authentication is enabled when nothing says
// otherwise.
struct NamespaceValues {
  const IacValue* name = nullptr;
  const IacValue* sku = nullptr;
  const IacValue* capacity = nullptr;
  const IacValue* local_auth_disabled = nullptr;  // true = disabled
  const IacValue* local_auth_enabled = nullptr;   // Terraform's inverse spelling
  const IacValue* dedicated_cluster = nullptr;
};
EventHubNamespace make_namespace(const NamespaceValues& values, std::string form,
                                 std::string environment, Location location);

// A value set by nobody but a module's default: findings point at `call`.
IacValue default_at(IacValue::Kind kind, std::string text, Location call);

void add_terraform_namespaces(Model& model, std::vector<EventHubNamespace>& out);
void add_bicep_namespaces(Model& model, std::vector<EventHubNamespace>& out);
void add_arm_namespaces(Model& model, std::vector<EventHubNamespace>& out);

// ARM parameter files (`deploymentParameters` schema) and the template each
// belongs to (`<name>.parameters[.<env>].json` → `<name>.json`/`<name>.bicep`
// beside it, else the one template in its folder).
struct ParameterFile {
  FileId file = 0;
  FileId template_file = 0;
};
std::vector<ParameterFile> arm_parameter_files(const Model& model);
bool is_arm_parameter_file(const SourceFile& file);

}  // namespace seldon_lint::iac
