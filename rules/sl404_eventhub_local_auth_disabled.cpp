#include "rules/eventhub_support.hpp"
#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

void check(const Model& model, Reporter& out) {
  for (const auto& ns : model.eventhub_namespaces) {
    if (ns.local_auth_disabled != Tri::Yes || !ns.local_auth_location.known()) continue;
    std::vector<const Release*> plain;
    for (const Release* release : eventhubs::releases_using(model, ns)) {
      if (kafka::protocol_of(*release).protocol != kafka::Protocol::SaslSsl) continue;
      if (release->text(kafka::kMechanism) != "PLAIN") continue;
      plain.push_back(release);
    }
    if (plain.empty()) continue;
    std::string who = plain.size() == 1 ? describe_release(*plain.front())
                                        : fmt::format("{} Seldon releases", plain.size());
    // A module call that does not set it: the module's own default disables it.
    bool by_default = ns.local_auth_location.file == ns.location.file &&
                      ns.local_auth_location.range.begin.offset == ns.location.range.begin.offset;
    std::string message = fmt::format(
        "{} disables local (SAS) authentication{}, but {} logs in with SASL PLAIN and a "
        "connection string, which the namespace will reject; enable local authentication "
        "(disableLocalAuth: false / local_authentication_enabled = true)",
        eventhubs::describe_namespace(ns), by_default ? " (the module's default)" : "", who);
    Finding finding = out.finding(
        message, ns.local_auth_location,
        fmt::format("eventhub-namespace={};local-auth=disabled", eventhubs::identity_name(ns)));
    for (const Release* release : plain) {
      finding.related.push_back(eventhubs::bootstrap_related(*release));
      finding.related.push_back(RelatedLocation{release->locate(kafka::kMechanism),
                                                "security.kafka.sasl.mechanism PLAIN"});
    }
    out.add(std::move(finding), *plain.front());
  }
}

}  // namespace

std::unique_ptr<Rule> make_EventhubLocalAuthDisabled() {
  return std::make_unique<FunctionRule>(rule_info("SL404"), check);
}

}  // namespace seldon_lint
