// Event Hubs namespaces declared as Kubernetes-style objects: Azure Service
// Operator v2 (`Namespace`) and v1 (`EventhubNamespace`), Crossplane
// (`EventHubNamespace`).  Terraform, Bicep and ARM: linter/model/iac/.
#include <cstdlib>
#include "linter/model/node_access.hpp"
#include "linter/model/objects/object_context.hpp"
#include "linter/parse/iac.hpp"

namespace seldon_lint {

using yaml::Node;

// ---- Event Hubs namespaces (Kubernetes-style IaC) -------------------------
void visit_eventhub_namespace(ObjectContext& ctx, const ObjectRef& obj) {
  const Node& root = *obj.root;
  EventHubNamespace ns;
  ns.environment = ctx.model.files[obj.file].environment;
  ns.location = location_at(&root, "metadata.name");
  if (!ns.location.known()) ns.location = first_key(root);
  std::string sku_path, capacity_path;
  if (obj.kind == "Namespace") {  // ASO v2
    ns.form = "ASO v2";
    ns.name = scalar_at(&root, "spec.azureName");
    sku_path = "spec.sku.name";
    capacity_path = "spec.sku.capacity";
    if (const Node* d = root.at("spec.disableLocalAuth")) {
      ns.local_auth_disabled = yaml::is_true(d)    ? Tri::Yes
                               : yaml::is_false(d) ? Tri::No
                                                   : Tri::Unknown;
      ns.local_auth_location = d->location();
    }
  } else if (obj.kind == "EventhubNamespace") {  // ASO v1
    ns.form = "ASO v1";
    sku_path = "spec.sku.name";
    capacity_path = "spec.sku.capacity";
  } else {  // Crossplane
    ns.form = "Crossplane";
    sku_path = "spec.forProvider.sku";
    capacity_path = "spec.forProvider.capacity";
    if (const Node* d = root.at("spec.forProvider.localAuthenticationEnabled")) {
      ns.local_auth_disabled = yaml::is_false(d)  ? Tri::Yes
                               : yaml::is_true(d) ? Tri::No
                                                  : Tri::Unknown;
      ns.local_auth_location = d->location();
    }
  }
  if (const Node* annotations = root.at("metadata.annotations")) {
    if (const Node* ext = annotations->find("crossplane.io/external-name")) ns.name = ext->scalar;
  }
  if (ns.name.empty()) ns.name = scalar_at(&root, "metadata.name");
  if (const Node* sku = root.at(sku_path); sku != nullptr && sku->is_scalar()) {
    ns.sku = sku->scalar;
    ns.sku_location = sku->location();
  }
  if (const Node* capacity = root.at(capacity_path); capacity != nullptr && capacity->is_scalar()) {
    ns.capacity = std::atoi(capacity->scalar.c_str());
    ns.capacity_location = capacity->location();
  }
  for (const char* path :
       {"spec.clusterArmReference", "spec.forProvider.dedicatedClusterId",
        "spec.forProvider.dedicatedClusterIdRef", "spec.forProvider.dedicatedClusterIdSelector"}) {
    const Node* cluster = root.at(path);
    if (cluster != nullptr && !cluster->is_null()) {
      mark_dedicated(ns, location_at(&root, path));
      break;
    }
  }
  ctx.model.eventhub_namespaces.push_back(std::move(ns));
}

}  // namespace seldon_lint
