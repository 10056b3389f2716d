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

void check(const Model& model, Reporter& out) {
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
    const SeldonResource* longest = nullptr;
    size_t longest_size = 0;
    for (const auto& resource : model.resources) {
      if (resource.kind != "Model" && resource.kind != "Pipeline") continue;
      if (!Model::same_environment(resource.environment, release.environment)) continue;
      // Sizes only: this loop runs for every (release, resource) pair.
      size_t ns_size = resource.namespace_name.empty() ? release.namespace_name.size()
                                                       : resource.namespace_name.size();
      size_t kind_size = resource.kind == "Model" ? std::string_view("model").size()
                                                  : std::string_view("pipeline").size();
      size_t size = prefix.size() + 1 + ns_size + 1 + kind_size + 1 + resource.name.size() +
                    std::string_view(".outputs").size();
      if (size > longest_size) {
        longest_size = size;
        longest = &resource;
      }
    }
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
