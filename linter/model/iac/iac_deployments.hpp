// Infrastructure code as it is deployed (interfaces.md "IaC deployments"):
// which Terraform root modules, Bicep templates and ARM templates the
// repository deploys, with which variable and parameter files, and the Event
// Hubs namespaces each deployment creates, values resolved through
// tfvars/.bicepparam/parameter files, defaults, locals and module calls (local
// modules and the Azure Verified Modules for Event Hubs namespaces).
#pragma once

#include <vector>

#include "seldon_lint/model.hpp"

namespace seldon_lint {

// Appends to model.eventhub_namespaces (and SL001 problems for broken
// variable or parameter files a deployment uses).  model.files must be loaded.
void add_iac_eventhub_namespaces(Model& model);

}  // namespace seldon_lint
