#include "linter/parse/iac.hpp"

#include "linter/base/text.hpp"

namespace seldon_lint {

void mark_dedicated(EventHubNamespace& ns, Location cluster_reference) {
  ns.sku = "Dedicated";
  ns.sku_location = cluster_reference;
  ns.capacity = 0;
  ns.capacity_location = Location{};  // the cluster's units are not declared here
}

Location iac_location(const SourceFile& file, FileId id, uint32_t begin, uint32_t end) {
  Location location;
  location.file = id;
  location.range.begin = position_at(file.text, file.line_starts, begin);
  location.range.end = position_at(file.text, file.line_starts, end);
  return location;
}

void read_iac_eventhub_namespaces(const SourceFile& file, FileId id,
                                  std::vector<EventHubNamespace>& out) {
  if (file.text.empty() || file.line_starts.empty()) return;
  switch (file.kind) {
    case FileKind::Terraform:
      if (file.text.find("azurerm_eventhub_namespace") != std::string::npos) {
        read_terraform_eventhub_namespaces(file, id, out);
      }
      break;
    case FileKind::Bicep:
      if (contains_icase(file.text, "Microsoft.EventHub/namespaces")) {
        read_bicep_eventhub_namespaces(file, id, out);
      }
      break;
    case FileKind::ArmJson:
      if (contains_icase(file.text, "Microsoft.EventHub/namespaces")) {
        read_arm_eventhub_namespaces(file, id, out);
      }
      break;
    case FileKind::Yaml:
      break;
  }
}

}  // namespace seldon_lint
