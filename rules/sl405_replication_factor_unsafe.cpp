#include <algorithm>

#include "linter/base/text.hpp"
#include "linter/model/facts/providers.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

constexpr std::string_view kReplication = "kafka.topics.replicationFactor";
constexpr int kSafeReplication = 3;

RuleInfo info() {
  RuleInfo r;
  r.id = "SL405";
  r.name = "replication-factor-unsafe";
  r.severity = Severity::Warning;
  r.tags = {"kafka", "reliability", "managed-kafka"};
  r.precision = "high";
  r.summary =
      "kafka.topics.replicationFactor is below 3 in production, or not 3 on Confluent Cloud";
  r.doc.what =
      "Reports a production release whose effective `kafka.topics.replicationFactor` is below 3 "
      "(the chart default is 1), and, as an error in every environment, a release on Confluent "
      "Cloud whose replication factor is not exactly 3. Event Hubs manages replication itself "
      "and is not checked; on Amazon MSK, whose bootstrap string lists every broker, a factor "
      "of at least 2 that equals the broker count is the most the cluster can hold and is not "
      "reported.";
  r.doc.why =
      "With one replica, losing one broker loses Seldon's topics and the inference requests in "
      "them. Confluent Cloud refuses to create topics with any replication factor but 3, so "
      "models never become ready.";
  r.doc.example =
      "kafka:\n"
      "  bootstrap: pkc-abc12.westeurope.azure.confluent.cloud:9092\n"
      "  # topics.replicationFactor not set: 1\n";
  r.doc.fix =
      "kafka:\n"
      "  bootstrap: pkc-abc12.westeurope.azure.confluent.cloud:9092\n"
      "  topics:\n"
      "    replicationFactor: 3\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
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
      // MSK's bootstrap string lists every broker: a factor of 2 on a
      // two-broker cluster is already the most it can hold.
      if (provider != nullptr && provider->id == "msk" && factor >= 2 &&
          factor >= static_cast<int>(release.broker.host_count())) {
        continue;
      }
      finding = out.finding(
          fmt::format("kafka.topics.replicationFactor is {}{} in production {}: {}; set it to "
                      "{} (with at least {} brokers)",
                      factor, how, describe_release(release),
                      factor <= 1 ? "losing one broker loses Seldon's topics and the requests "
                                    "in them"
                                  : "one broker down for maintenance leaves Seldon's topics "
                                    "without a spare replica",
                      kSafeReplication, kSafeReplication),
          release.locate(kReplication), fmt::format("kafka.topics.replicationFactor={}", factor));
    }
    out.add(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_ReplicationFactorUnsafe() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
