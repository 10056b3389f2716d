#include <cstdint>
#include <map>
#include <set>
#include <tuple>

#include "linter/base/text.hpp"
#include "linter/model/facts/providers.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

constexpr std::string_view kPrefix = "kafka.topicPrefix";
constexpr size_t kEventHubNameLimit = 256;  // Event Hubs entity names (seldon-kafka-facts.md)

// ^[A-Za-z0-9._-]+$, the characters Kafka allows in a topic name.
bool valid_topic_part(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// The Model or Pipeline with the longest topic name `<prefix>.<namespace>.
// <kind>.<name>.outputs`, first in model order on a tie.  The prefix is the
// same for every resource of a release, and a resource without a namespace
// takes the release's: so per environment, the longest name among resources
// with a namespace and among those without one is all a release needs (the
// check runs for every release; scanning every resource each time would be
// quadratic).
struct Longest {
  size_t length = 0;  // namespace (if set) + kind word + name
  size_t index = SIZE_MAX;
  void consider(size_t l, size_t i) {
    if (i == SIZE_MAX) return;
    if (index == SIZE_MAX || l > length || (l == length && i < index)) *this = {l, i};
  }
};

struct LongestNames {
  struct Group {
    Longest with_namespace, without_namespace;
  };
  const Model* model = nullptr;
  std::map<std::string, Group, std::less<>> by_environment;
  Group everywhere;
};

LongestNames longest_names(const Model& model) {
  LongestNames out;
  out.model = &model;
  for (size_t i = 0; i < model.resources.size(); ++i) {
    const SeldonResource& resource = model.resources[i];
    if (resource.kind != "Model" && resource.kind != "Pipeline") continue;
    size_t kind_size = resource.kind == "Model" ? std::string_view("model").size()
                                                : std::string_view("pipeline").size();
    size_t length = resource.namespace_name.size() + kind_size + resource.name.size();
    for (auto* group : {&out.by_environment[resource.environment], &out.everywhere}) {
      (resource.namespace_name.empty() ? group->without_namespace : group->with_namespace)
          .consider(length, i);
    }
  }
  return out;
}

std::pair<const SeldonResource*, size_t> longest_topic(const LongestNames& names,
                                                       const Release& release,
                                                       const std::string& prefix) {
  Longest best;
  auto take = [&](const LongestNames::Group& group) {
    best.consider(group.with_namespace.length, group.with_namespace.index);
    best.consider(group.without_namespace.length + release.namespace_name.size(),
                  group.without_namespace.index);
  };
  // Model::same_environment: `default` on either side matches everything.
  if (release.environment == "default") {
    take(names.everywhere);
  } else {
    for (std::string_view env :
         {std::string_view(release.environment), std::string_view("default")}) {
      auto it = names.by_environment.find(env);
      if (it != names.by_environment.end()) take(it->second);
    }
  }
  if (best.index == SIZE_MAX) return {nullptr, 0};
  size_t size = prefix.size() + 1 + best.length + 1 + 1 + std::string_view(".outputs").size();
  return {&names.model->resources[best.index], size};
}

void check(const Model& model, Reporter& out) {
  const LongestNames names = longest_names(model);
  std::set<std::tuple<FileId, uint32_t, std::string>> seen;  // a shared layer reports once
  auto report = [&](Finding finding, const Release& about) {
    auto id = std::make_tuple(finding.location.file, finding.location.range.begin.offset,
                              finding.identity);
    if (seen.insert(id).second) out.add(std::move(finding), about);
  };
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known(kPrefix)) continue;
    const yaml::Node* node = release.value(kPrefix);
    if (node == nullptr || node->is_null() || !release.set_by_layer(kPrefix)) continue;
    std::string prefix = node->is_scalar() ? node->scalar : std::string();
    // `${VAR}` and `<placeholder>` values are SL502's.
    if (prefix.find("${") != std::string::npos || prefix.find('<') != std::string::npos) continue;
    if (!valid_topic_part(prefix)) {
      Finding finding = out.finding(
          fmt::format("kafka.topicPrefix '{}' is not a valid Kafka topic-name part: use only "
                      "letters, digits, '.', '_' and '-'",
                      prefix),
          release.locate(kPrefix), "kafka.topicPrefix=" + prefix);
      for (const auto& where : release.overridden(kPrefix)) {
        finding.related.push_back({where, "overridden kafka.topicPrefix"});
      }
      report(std::move(finding), release);
      continue;
    }
    if (!release.broker.is("eventhubs")) continue;
    auto [longest, longest_size] = longest_topic(names, release, prefix);
    if (longest == nullptr || longest_size <= kEventHubNameLimit) continue;
    std::string kind = longest->kind == "Model" ? "model" : "pipeline";
    Finding finding = out.finding(
        fmt::format("with kafka.topicPrefix '{}' the Event Hubs topic for {} '{}' is {} "
                    "characters ('{}.<namespace>.{}.<name>.outputs'), over the {}-character "
                    "event-hub name limit; shorten the prefix or the name",
                    prefix, longest->kind, longest->name, longest_size, prefix, kind,
                    kEventHubNameLimit),
        release.locate(kPrefix), "kafka.topicPrefix=" + prefix + ";eventhubs-length");
    finding.related.push_back(
        {longest->location, fmt::format("{} '{}'", longest->kind, longest->name)});
    report(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_TopicPrefixInvalid() {
  return std::make_unique<FunctionRule>(rule_info("SL503"), check);
}

}  // namespace seldon_lint
