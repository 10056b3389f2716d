#include "linter/model/iac/iac_common.hpp"

#include <algorithm>
#include <cstdlib>

#include "linter/base/text.hpp"
#include "linter/input/environment.hpp"

namespace seldon_lint::iac {

std::string deployment_environment(const SourceFile& file, bool per_environment_file) {
  if (file.environment != "default" || !per_environment_file) return file.environment;
  std::string env = environment_of_segment(file_name_of(file.path));
  return env.empty() ? file.environment : env;
}

namespace {

// Marks `start` and every module it reaches, iteratively (no recursion depth).
void mark_reached(size_t start, const std::vector<std::vector<size_t>>& callees,
                  std::vector<bool>& reached) {
  if (reached[start]) return;
  std::vector<size_t> stack{start};
  reached[start] = true;
  while (!stack.empty()) {
    size_t module = stack.back();
    stack.pop_back();
    for (size_t callee : callees[module]) {
      if (reached[callee]) continue;
      reached[callee] = true;
      stack.push_back(callee);
    }
  }
}

}  // namespace

std::vector<size_t> unrooted_cycle_entries(const std::vector<std::vector<size_t>>& callees,
                                           const std::vector<bool>& is_root) {
  const size_t n = callees.size();
  std::vector<bool> reached(n, false);
  std::vector<std::vector<size_t>> callers(n);
  for (size_t module = 0; module < n; ++module) {
    for (size_t callee : callees[module]) callers[callee].push_back(module);
  }
  for (size_t module = 0; module < n; ++module) {
    if (is_root[module]) mark_reached(module, callees, reached);
  }
  std::vector<size_t> entries;
  std::vector<size_t> walked(n, n);  // the walk that last passed a module
  for (size_t start = 0; start < n; ++start) {
    if (reached[start]) continue;
    // Up through first callers until a module repeats: it lies on a cycle,
    // and it reaches `start`.  Every module passed is reached from it, so
    // each is walked over once in all.
    size_t at = start;
    while (walked[at] != start && !callers[at].empty()) {
      walked[at] = start;
      at = callers[at].front();
    }
    entries.push_back(at);
    mark_reached(at, callees, reached);
  }
  return entries;
}

bool ModuleWalk::enter(const std::string& target, const Location& call) {
  if (std::find(stack_.begin(), stack_.end(), target) != stack_.end()) {
    std::string chain;
    for (const auto& module : stack_) chain += module + " -> ";
    report(call, "module call closes a cycle (" + chain + target + "): not followed");
    return false;
  }
  if (stack_.size() > static_cast<size_t>(kMaxModuleDepth)) {
    report(call, "module calls nested deeper than " + std::to_string(kMaxModuleDepth) +
                     " levels: not followed");
    return false;
  }
  if (++instances_ > kMaxModuleInstances) {
    report(call, "module budget exceeded: more than " + std::to_string(kMaxModuleInstances) +
                     " module instances in the deployment of " + stack_.front() + ": not followed");
    return false;
  }
  stack_.push_back(target);
  return true;
}

void ModuleWalk::report(const Location& call, std::string message) {
  if (!reported_.emplace(message, std::make_pair(call.file, call.range.begin.offset)).second)
    return;
  model_.problems.push_back(InputProblem{"SL002", call, std::move(message)});
}

IacValue default_at(IacValue::Kind kind, std::string text, Location call) {
  IacValue v;
  v.kind = kind;
  v.text = std::move(text);
  v.origin = call;
  return v;
}

namespace {

// Local authentication from `disabled` (Bicep/ARM spelling) or `enabled`
// (Terraform's); absent or null keeps the service default (enabled).
void set_local_auth(EventHubNamespace& ns, const IacValue* value, bool means_disabled) {
  if (value == nullptr || value->is_null()) return;
  ns.local_auth_location = value->origin;
  if (value->kind != IacValue::Kind::Bool) {
    ns.local_auth_disabled = Tri::Unknown;
    return;
  }
  bool flag = value->text == "true";
  ns.local_auth_disabled = flag == means_disabled ? Tri::Yes : Tri::No;
}

}  // namespace

EventHubNamespace make_namespace(const NamespaceValues& values, std::string form,
                                 std::string environment, Location location) {
  EventHubNamespace ns;
  ns.form = std::move(form);
  ns.environment = std::move(environment);
  ns.location = location;
  ns.local_auth_disabled = Tri::No;
  if (values.name != nullptr && values.name->kind == IacValue::Kind::String) {
    ns.name = values.name->text;
  }
  if (values.sku != nullptr && !values.sku->is_null()) {
    ns.sku_location = values.sku->origin;
    if (values.sku->kind == IacValue::Kind::String) ns.sku = values.sku->text;
  }
  if (values.capacity != nullptr && !values.capacity->is_null()) {
    ns.capacity_location = values.capacity->origin;
    if (values.capacity->kind == IacValue::Kind::Number) {
      ns.capacity = std::atoi(values.capacity->text.c_str());
    }
  }
  set_local_auth(ns, values.local_auth_disabled, true);
  set_local_auth(ns, values.local_auth_enabled, false);
  if (values.dedicated_cluster != nullptr && !values.dedicated_cluster->is_null()) {
    mark_dedicated(ns, values.dedicated_cluster->origin);
  }
  return ns;
}

}  // namespace seldon_lint::iac
