// Readers for Event Hubs namespaces declared in infrastructure code that is
// not Kubernetes YAML: Terraform (`azurerm_eventhub_namespace`), Bicep and ARM
// JSON (`Microsoft.EventHub/namespaces`).  The Kubernetes forms (Azure Service
// Operator, Crossplane) are read by the model builder from the YAML tree.
//
// Only literals are taken at face value (plus, for Bicep and ARM, parameters
// and variables whose value or default is a literal).  Anything computed stays
// unknown: an empty name or sku, capacity 0 with a known capacity_location,
// local_auth_disabled Tri::Unknown with a known local_auth_location.  An
// attribute that is absent has no location; readers then fill in the
// provider's default where it is certain (local authentication is enabled by
// default).  Broken input never throws: tree-sitter recovers from errors and
// the JSON reader gives up on the file.
#pragma once

#include <vector>

#include "seldon_lint/model.hpp"

namespace seldon_lint {

// A location in `file` from byte offsets [begin, end).
Location iac_location(const SourceFile& file, FileId id, uint32_t begin, uint32_t end);

void read_terraform_eventhub_namespaces(const SourceFile& file, FileId id,
                                        std::vector<EventHubNamespace>& out);
void read_bicep_eventhub_namespaces(const SourceFile& file, FileId id,
                                    std::vector<EventHubNamespace>& out);
void read_arm_eventhub_namespaces(const SourceFile& file, FileId id,
                                  std::vector<EventHubNamespace>& out);

// A namespace created in an Event Hubs Dedicated cluster (Terraform
// `dedicated_cluster_id`, Bicep/ARM `properties.clusterArmId`, ASO v2
// `spec.clusterArmReference`, Crossplane `dedicatedClusterId`) has the
// Dedicated tier's limits whatever its `sku` says (Azure wants `Standard`
// there); its own capacity is not the cluster's capacity units.
void mark_dedicated(EventHubNamespace& ns, Location cluster_reference);

// Dispatches on file.kind; a cheap byte check skips files that cannot declare
// a namespace, so calling it on every file is fine.
void read_iac_eventhub_namespaces(const SourceFile& file, FileId id,
                                  std::vector<EventHubNamespace>& out);

}  // namespace seldon_lint
