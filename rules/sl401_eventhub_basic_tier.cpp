#include "rules/eventhub_support.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

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
  return std::make_unique<FunctionRule>(rule_info("SL401"), check);
}

}  // namespace seldon_lint
