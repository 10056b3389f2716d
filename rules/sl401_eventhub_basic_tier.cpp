#include "rules/eventhub_support.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL401";
  r.name = "eventhub-basic-tier";
  r.severity = Severity::Error;
  r.tags = {"kafka", "eventhubs", "iac"};
  r.precision = "high";
  r.summary =
      "A Seldon release uses an Event Hubs namespace on the Basic tier, which has no Kafka "
      "endpoint";
  r.doc.what =
      "Reports an Event Hubs namespace declared in infrastructure code (Azure Service Operator "
      "v1/v2, Crossplane, Terraform `azurerm_eventhub_namespace`, Bicep or ARM "
      "`Microsoft.EventHub/namespaces`) with SKU `Basic` that a Seldon release uses as its "
      "Kafka broker: the release's `kafka.bootstrap` is `<namespace>.servicebus.windows.net`. "
      "When the namespace's name is computed in the IaC, any Basic namespace in an environment "
      "whose Seldon releases use an Event Hubs namespace not declared by name is reported. A "
      "Basic namespace that no Seldon release can be using is not reported.";
  r.doc.why =
      "The Basic tier has no Kafka endpoint: every Seldon component fails to connect to port "
      "9093, and the failure only shows at runtime as connection timeouts.";
  r.doc.example =
      "resource \"azurerm_eventhub_namespace\" \"seldon\" {\n"
      "  name = \"seldon-prod\"\n"
      "  sku  = \"Basic\"\n"
      "}\n"
      "# components-values.yaml: kafka.bootstrap: seldon-prod.servicebus.windows.net:9093\n";
  r.doc.fix =
      "resource \"azurerm_eventhub_namespace\" \"seldon\" {\n"
      "  name     = \"seldon-prod\"\n"
      "  sku      = \"Standard\"   # or Premium for more than 10 topics\n"
      "  capacity = 1\n"
      "}\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  for (const auto& ns : model.eventhub_namespaces) {
    const eventhubs::Tier* tier = eventhubs::tier(ns.sku);
    if (tier == nullptr || tier->kafka) continue;
    std::vector<const Release*> users = eventhubs::releases_using(model, ns);
    if (users.empty()) continue;
    std::string message = fmt::format(
        "{} has SKU {}, which has no Kafka endpoint, but {} uses it as its Kafka broker; use the "
        "Standard tier or higher (Premium for more than 10 Seldon topics)",
        eventhubs::describe_namespace(ns), ns.sku, describe_release(*users.front()));
    if (users.size() > 1) {
      message = fmt::format(
          "{} has SKU {}, which has no Kafka endpoint, but {} Seldon releases use it as their "
          "Kafka broker; use the Standard tier or higher (Premium for more than 10 Seldon topics)",
          eventhubs::describe_namespace(ns), ns.sku, users.size());
    }
    Finding finding = out.finding(
        message, eventhubs::tier_location(ns),
        fmt::format("eventhub-namespace={};sku={}", eventhubs::identity_name(ns), ns.sku));
    for (const Release* release : users)
      finding.related.push_back(eventhubs::bootstrap_related(*release));
    out.add(std::move(finding), *users.front());
  }
}

}  // namespace

std::unique_ptr<Rule> make_EventhubBasicTier() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
