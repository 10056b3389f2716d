// Event Hubs namespaces declared as Kubernetes-style objects: Azure Service
// Operator v2 (`Namespace`) and v1 (`EventhubNamespace`), Crossplane
// (`EventHubNamespace`).  Terraform, Bicep and ARM: linter/model/iac/.
#include <cstdlib>
#include <iterator>
#include <string_view>

#include "linter/model/node_access.hpp"
#include "linter/model/objects/object_context.hpp"
#include "linter/parse/iac.hpp"

namespace seldon_lint {

using yaml::Node;

namespace {

// Where each form of the object keeps its settings.
struct NamespaceForm {
  std::string_view kind;  // "" for the last row: any other kind (Crossplane)
  std::string_view name;
  std::string_view azure_name;  // the namespace's name in Azure, when the form has one
  std::string_view sku, capacity;
  std::string_view local_auth;  // "" when the form cannot set it
  bool local_auth_enables;      // the field enables local auth (it disables it otherwise)
};

constexpr NamespaceForm kForms[] = {
    {"Namespace", "ASO v2", "spec.azureName", "spec.sku.name", "spec.sku.capacity",
     "spec.disableLocalAuth", false},
    {"EventhubNamespace", "ASO v1", "", "spec.sku.name", "spec.sku.capacity", "", false},
    {"", "Crossplane", "", "spec.forProvider.sku", "spec.forProvider.capacity",
     "spec.forProvider.localAuthenticationEnabled", true},
};

const NamespaceForm& form_of(std::string_view kind) {
  for (const auto& form : kForms) {
    if (form.kind == kind || form.kind.empty()) return form;
  }
  return kForms[std::size(kForms) - 1];
}

Tri negate(Tri t) {
  return t == Tri::Yes ? Tri::No : t == Tri::No ? Tri::Yes : Tri::Unknown;
}

}  // namespace

// ---- Event Hubs namespaces (Kubernetes-style IaC) -------------------------
void visit_eventhub_namespace(ObjectContext& ctx, const ObjectRef& obj) {
  const Node& root = *obj.root;
  EventHubNamespace ns;
  ns.environment = ctx.model.files[obj.file].environment;
  ns.location = location_at(&root, "metadata.name");
  if (!ns.location.known()) ns.location = first_key(root);
  const NamespaceForm& form = form_of(obj.kind);
  ns.form = form.name;
  if (!form.azure_name.empty()) ns.name = scalar_at(&root, form.azure_name);
  if (const Node* d = form.local_auth.empty() ? nullptr : root.at(form.local_auth)) {
    Tri value = yaml::is_true(d) ? Tri::Yes : yaml::is_false(d) ? Tri::No : Tri::Unknown;
    ns.local_auth_disabled = form.local_auth_enables ? negate(value) : value;
    ns.local_auth_location = d->location();
  }
  if (const Node* annotations = root.at("metadata.annotations")) {
    if (const Node* ext = annotations->find("crossplane.io/external-name")) ns.name = ext->scalar;
  }
  if (ns.name.empty()) ns.name = scalar_at(&root, "metadata.name");
  if (const Node* sku = root.at(form.sku); sku != nullptr && sku->is_scalar()) {
    ns.sku = sku->scalar;
    ns.sku_location = sku->location();
  }
  if (const Node* capacity = root.at(form.capacity); capacity != nullptr && capacity->is_scalar()) {
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
