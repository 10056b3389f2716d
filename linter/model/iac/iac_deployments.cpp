#include "linter/model/iac/iac_deployments.hpp"

#include <algorithm>
#include <tuple>

#include "linter/model/iac/iac_common.hpp"

namespace seldon_lint {
namespace {

bool same_location(const Location& a, const Location& b) {
  return a.file == b.file && a.range.begin.offset == b.range.begin.offset &&
         a.range.end.offset == b.range.end.offset && a.range.begin.line == b.range.begin.line;
}

// Two deployments in one environment that share a module create the same
// namespace twice as far as the rules can tell: keep one.
bool same_namespace(const EventHubNamespace& a, const EventHubNamespace& b) {
  return a.name == b.name && a.environment == b.environment && a.form == b.form && a.sku == b.sku &&
         a.capacity == b.capacity && a.local_auth_disabled == b.local_auth_disabled &&
         same_location(a.location, b.location) && same_location(a.sku_location, b.sku_location) &&
         same_location(a.capacity_location, b.capacity_location) &&
         same_location(a.local_auth_location, b.local_auth_location);
}

}  // namespace

void add_iac_eventhub_namespaces(Model& model) {
  std::vector<EventHubNamespace> found;
  iac::add_terraform_namespaces(model, found);
  iac::add_bicep_namespaces(model, found);
  iac::add_arm_namespaces(model, found);
  for (auto& ns : found) {
    bool duplicate =
        std::any_of(model.eventhub_namespaces.begin(), model.eventhub_namespaces.end(),
                    [&](const EventHubNamespace& other) { return same_namespace(ns, other); });
    if (!duplicate) model.eventhub_namespaces.push_back(std::move(ns));
  }
}

}  // namespace seldon_lint
