#include "linter/model/facts/chart_facts.hpp"
#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

constexpr std::string_view kProtocol = "security.kafka.protocol";

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known(kProtocol)) continue;
    if (!model.is_production(release.environment)) continue;
    std::string_view protocol = release.text(kProtocol);
    // An absent or empty protocol behaves as PLAINTEXT; other invalid values
    // (including a map or list where a string belongs) are SL102's.
    if (const yaml::Node* node = release.value(kProtocol);
        node != nullptr && (node->is_map() || node->is_seq())) {
      continue;
    }
    if (!protocol.empty() && protocol != "PLAINTEXT") continue;
    // Say how PLAINTEXT came about: written, empty, deleted with null, or the default.
    Location where = release.locate(kProtocol);
    std::string how;
    if (release.set_by_layer(kProtocol) && !protocol.empty()) {
      how = "PLAINTEXT";
    } else if (release.set_by_layer(kProtocol)) {
      how = "empty, which Seldon treats as PLAINTEXT";
    } else if (Location deleted = kafka::explicit_null_key(release, kProtocol); deleted.known()) {
      how = "deleted with null, so Seldon falls back to PLAINTEXT";
      where = deleted;
    } else {
      how = "not set, so the chart default PLAINTEXT applies";
    }
    std::string message = fmt::format(
        "security.kafka.protocol is {} in production environment '{}'; set it to SASL_SSL or SSL",
        how, release.environment);
    Finding finding = out.finding(message, where, "security.kafka.protocol=PLAINTEXT");
    // Layers whose protocol this one overrode (a base that set SASL_SSL, say).
    for (const auto& overridden : release.overridden(kProtocol)) {
      if (overridden.file == where.file && overridden.range.begin.line == where.range.begin.line) {
        continue;  // the layer that deleted it is the primary location
      }
      finding.related.push_back({overridden, "security.kafka.protocol set here is overridden"});
    }
    out.add(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_PlaintextKafkaInProduction() {
  return std::make_unique<FunctionRule>(rule_info("SL101"), check);
}

}  // namespace seldon_lint
