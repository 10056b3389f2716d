#include <algorithm>
#include <set>

#include "linter/base/text.hpp"
#include "linter/model/facts/providers.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

constexpr std::string_view kReplication = "kafka.topics.replicationFactor";
constexpr int kSafeReplication = 3;

// How many brokers the release's cluster has, when the repository says:
// Amazon MSK lists every broker in its bootstrap string (distinct hosts; the
// TLS and SCRAM listeners of one broker are one broker), a Strimzi cluster's
// `<name>-kafka-bootstrap[.<namespace>...]` service names its `Kafka`.
struct BrokerCount {
  int count = 0;  // 0 = unknown
  std::string how;
  Location where;
};

BrokerCount count_brokers(const Model& model, const Release& release) {
  BrokerCount out;
  const Broker& broker = release.broker;
  if (broker.is("msk")) {
    std::set<std::string> hosts;
    for (const auto& entry : broker.entries) {
      if (!entry.host.empty()) hosts.insert(to_lower(entry.host));
    }
    out.count = static_cast<int>(hosts.size());
    out.how = "the distinct hosts of its MSK bootstrap list";
    return out;
  }
  constexpr std::string_view kService = "-kafka-bootstrap";
  for (const auto& entry : broker.entries) {
    std::string host = to_lower(entry.host);
    size_t at = host.find(kService);
    if (at == std::string::npos || at == 0) continue;
    std::string cluster = host.substr(0, at);
    std::string rest = host.substr(at + kService.size());
    std::string ns = rest.empty() || rest.front() != '.' ? release.namespace_name
                                                         : rest.substr(1, rest.find('.', 1) - 1);
    for (const auto& k : model.kafka_clusters) {
      if (k.name != cluster || k.brokers == 0) continue;
      if (!ns.empty() && !k.namespace_name.empty() && k.namespace_name != ns) continue;
      if (!Model::same_environment(k.environment, release.environment)) continue;
      out.count = k.brokers;
      out.how = fmt::format("Strimzi Kafka '{}'", k.name);
      out.where = k.brokers_location.known() ? k.brokers_location : k.location;
      return out;
    }
  }
  return out;
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known_all({kReplication, "kafka.bootstrap"})) continue;
    std::string_view text = trim(release.text(kReplication));
    if (text.empty() || text.size() > 6 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;  // absent (deleted) or not an integer
    }
    int factor = std::stoi(std::string(text));
    std::string how =
        release.set_by_layer(kReplication) ? std::string() : std::string(" (chart default)");
    const providers::Provider* provider = release.broker.provider;
    Finding finding;
    if (provider != nullptr && provider->replication == providers::Replication::Exactly) {
      if (factor == provider->replication_factor) continue;
      finding = out.finding(
          fmt::format("kafka.topics.replicationFactor is {}{} in {}, but {} only accepts a "
                      "replication factor of {}; topic creation fails. Set it to {}",
                      factor, how, describe_release(release), provider->name,
                      provider->replication_factor, provider->replication_factor),
          release.locate(kReplication),
          fmt::format("provider={};kafka.topics.replicationFactor={}", provider->id, factor));
      finding.severity = Severity::Error;
    } else {
      if (provider != nullptr && provider->replication == providers::Replication::Managed) continue;
      if (!model.is_production(release.environment) || factor >= kSafeReplication) continue;
      BrokerCount brokers = count_brokers(model, release);
      std::string advice =
          brokers.count > 0 && brokers.count < kSafeReplication
              ? fmt::format("the cluster has only {} broker{} ({}): add a broker and set it to {}",
                            brokers.count, brokers.count == 1 ? "" : "s", brokers.how,
                            kSafeReplication)
              : fmt::format("set it to {} (with at least {} brokers)", kSafeReplication,
                            kSafeReplication);
      finding = out.finding(
          fmt::format("kafka.topics.replicationFactor is {}{} in production {}: {}; {}", factor,
                      how, describe_release(release),
                      factor <= 1 ? "losing one broker loses Seldon's topics and the requests "
                                    "in them"
                                  : "one broker down for maintenance leaves Seldon's topics "
                                    "without a spare replica",
                      advice),
          release.locate(kReplication), fmt::format("kafka.topics.replicationFactor={}", factor));
      if (brokers.where.known()) {
        finding.related.push_back(RelatedLocation{brokers.where, "the cluster's brokers"});
      }
    }
    out.add(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_ReplicationFactorUnsafe() {
  return std::make_unique<FunctionRule>(rule_info("SL405"), check);
}

}  // namespace seldon_lint
