#include <map>
#include <set>
#include <tuple>

#include "rules/eventhub_support.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

constexpr std::string_view kPartitions = "kafka.topics.numPartitions";

struct Count {
  int models = 0;
  int pipelines = 0;
};

// The capacity units a limit scales with; 0 when computed in the IaC.
int units(const EventHubNamespace& ns) {
  if (ns.capacity > 0) return ns.capacity;
  return ns.capacity_location.known() ? 0 : 1;  // absent: the provider's default of 1
}

void check_topics(const Model& model, const EventHubNamespace& ns, const eventhubs::Tier& tier,
                  const std::vector<const Release*>& users, Reporter& out) {
  int unit_count = tier.per_unit ? units(ns) : 1;
  if (unit_count == 0) return;
  long limit = static_cast<long>(tier.event_hubs) * unit_count;
  // Seldon namespaces (runtime, model or pipeline namespaces) in the users' environments,
  // keyed by (environment, namespace) so a shared `default` base counts once.
  std::map<std::pair<std::string, std::string>, Count> namespaces;
  // Model::same_environment with any user, from the set of their
  // environments: one lookup per runtime and resource, not one per user.
  std::set<std::string_view> user_environments;
  for (const Release* r : users) user_environments.insert(r->environment);
  auto in_scope = [&](const std::string& environment) {
    if (user_environments.empty()) return false;
    return environment == "default" || user_environments.count("default") > 0 ||
           user_environments.count(environment) > 0;
  };
  for (const auto& runtime : model.runtimes) {
    if (in_scope(runtime.environment)) {
      namespaces[{runtime.environment, runtime.namespace_name}];
    }
  }
  for (const auto& resource : model.resources) {
    if (!in_scope(resource.environment)) continue;
    Count& c = namespaces[{resource.environment, resource.namespace_name}];
    if (resource.kind == "Model") ++c.models;
    if (resource.kind == "Pipeline") ++c.pipelines;
  }
  long total = 0;
  std::string arithmetic;
  for (const auto& [key, c] : namespaces) {
    long topics = 2L * (c.models + c.pipelines) + 1;
    total += topics;
    if (!arithmetic.empty()) arithmetic += " + ";
    arithmetic +=
        fmt::format("{}: 2 × ({} model{} + {} pipeline{}) + 1 = {}",
                    key.second.empty() ? std::string("(namespace unknown)") : key.second, c.models,
                    c.models == 1 ? "" : "s", c.pipelines, c.pipelines == 1 ? "" : "s", topics);
  }
  if (total <= limit) return;
  std::string limit_text =
      tier.per_unit ? fmt::format("{} per unit × {} = {}", tier.event_hubs, unit_count, limit)
                    : std::to_string(limit);
  // Throughput units of a Standard namespace do not raise its event-hub limit.
  std::string_view advice = !tier.per_unit ? "use Premium (100 event hubs per processing unit)"
                            : tier.name == "Premium"
                                ? "add processing units (sku capacity) or use a Dedicated cluster"
                                : "add capacity units to the Dedicated cluster";
  std::string message = fmt::format(
      "Seldon needs {} topics on {}: {}{}; the {} tier allows {} event hubs per namespace; "
      "{}, or spread Seldon namespaces over several Event Hubs namespaces",
      total, eventhubs::describe_namespace(ns), arithmetic,
      namespaces.size() > 1 ? fmt::format(" (total {})", total) : std::string(), tier.name,
      limit_text, advice);
  Location where = eventhubs::tier_location(ns);
  if (tier.per_unit && ns.capacity_location.known()) where = ns.capacity_location;
  Finding finding = out.finding(
      message, where,
      fmt::format("eventhub-namespace={};topics>{}", eventhubs::identity_name(ns), limit));
  for (const Release* release : users) {
    finding.related.push_back(eventhubs::bootstrap_related(*release));
  }
  out.add(std::move(finding), *users.front());
}

void check_partitions(const EventHubNamespace& ns, const eventhubs::Tier& tier,
                      const std::vector<const Release*>& users, Reporter& out) {
  for (const Release* release : users) {
    std::string_view text = trim(release->text(kPartitions));
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    int partitions = std::stoi(std::string(text));
    if (partitions <= tier.partitions) continue;
    std::string message = fmt::format(
        "kafka.topics.numPartitions is {} in {}, but the {} tier of {} allows at most {} "
        "partitions per event hub; lower numPartitions to {} or use a higher tier",
        partitions, describe_release(*release), tier.name, eventhubs::describe_namespace(ns),
        tier.partitions, tier.partitions);
    Finding finding = out.finding(message, eventhubs::tier_location(ns),
                                  fmt::format("eventhub-namespace={};numPartitions={}",
                                              eventhubs::identity_name(ns), partitions));
    finding.related.push_back(RelatedLocation{
        release->locate(kPartitions), fmt::format("kafka.topics.numPartitions = {}", partitions)});
    out.add(std::move(finding), *release);
  }
}

void check(const Model& model, Reporter& out) {
  for (const auto& ns : model.eventhub_namespaces) {
    const eventhubs::Tier* tier = eventhubs::tier(ns.sku);
    if (tier == nullptr || !tier->kafka) continue;  // unknown tier; Basic is SL401's
    std::vector<const Release*> users = eventhubs::releases_using(model, ns);
    if (users.empty()) continue;
    check_topics(model, ns, *tier, users, out);
    check_partitions(ns, *tier, users, out);
  }
}

}  // namespace

std::unique_ptr<Rule> make_EventhubTopicQuotaExceeded() {
  return std::make_unique<FunctionRule>(rule_info("SL402"), check);
}

}  // namespace seldon_lint
