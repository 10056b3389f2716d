#include <algorithm>
#include <map>
#include <set>

#include "linter/base/text.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

std::string release_path(const Model& model, const Release& r) {
  return r.location.known() ? model.files[r.location.file].path : std::string();
}

std::string protocol_of(const Release& r) {
  std::string p(r.text("security.kafka.protocol"));
  return p.empty() ? std::string("PLAINTEXT") : p;
}

bool same_install(const Release& a, const Release& b) {
  return a.name == b.name && a.namespace_name == b.namespace_name &&
         a.location.file == b.location.file &&
         a.location.range.begin.offset == b.location.range.begin.offset;
}

// Releases of one environment that set the same broker, sorted by file; a
// value that differs from the group's most common one is reported once, on
// the odd release, related to the first release holding the common value.
void check(const Model& model, Reporter& out) {
  std::map<std::pair<std::string, std::string>, std::vector<const Release*>> groups;
  for (const auto& r : model.releases) {
    // Files in `default` are alternatives until an overlay deploys them together.
    if (r.environment == "default" || !r.set_by_layer("kafka.bootstrap")) continue;
    // Unknown is not absent: compare only releases whose settings are known.
    if (!r.known_all({"kafka.bootstrap", "security.kafka.protocol", "security.kafka.sasl.mechanism",
                      "kafka.topicPrefix"})) {
      continue;
    }
    const std::string& broker = r.broker.identity;
    if (broker.empty() || broker.find("${") != std::string::npos) continue;
    groups[{r.environment, broker}].push_back(&r);
  }
  std::set<std::string> seen;
  for (auto& group : groups) {
    const auto& key = group.first;  // no structured binding: lambdas below capture it
    auto& members = group.second;
    if (members.size() < 2) continue;
    std::stable_sort(members.begin(), members.end(), [&](const Release* a, const Release* b) {
      return std::make_pair(release_path(model, *a), a->location.range.begin.offset) <
             std::make_pair(release_path(model, *b), b->location.range.begin.offset);
    });
    auto report = [&](const Release& odd, const Release& other, std::string_view path,
                      std::string message) {
      Location where = odd.locate(path);
      std::string id = fmt::format("{}|{}|{}", path, where.file, where.range.begin.offset);
      if (!seen.insert(id).second) return;
      Finding finding = out.finding(std::move(message), where,
                                    fmt::format("conflict={};broker={}", path, key.second));
      finding.related.push_back({other.locate(path), describe_release(other)});
      out.add(std::move(finding), odd);
    };
    auto disagree = [&](std::string_view path, const char* what, auto value_of, auto applies,
                        const std::vector<std::string>& valid_values) {
      auto valid = [&](const std::string& v) {
        return std::find(valid_values.begin(), valid_values.end(), v) != valid_values.end();
      };
      std::map<std::string, size_t> counts;
      std::vector<const Release*> considered;
      for (const Release* r : members) {
        // An invalid value is SL102's or SL201's finding, not a disagreement.
        if (!applies(*r) || !valid(value_of(*r))) continue;
        considered.push_back(r);
        ++counts[value_of(*r)];
      }
      if (counts.size() < 2) return;
      std::string common = value_of(*considered.front());
      for (const auto& [value, count] : counts) {
        if (count > counts[common]) common = value;
      }
      const Release* holder = nullptr;
      for (const Release* r : considered) {
        if (value_of(*r) == common && holder == nullptr) holder = r;
      }
      for (const Release* r : considered) {
        std::string value = value_of(*r);
        if (value == common) continue;
        report(*r, *holder, path,
               fmt::format("{} sets {} '{}' but {} uses '{}' with the same broker '{}'; a "
                           "broker listener speaks one of them: make them agree",
                           describe_release(*r), what, value, describe_release(*holder), common,
                           r->broker.text));
      }
    };
    disagree(
        "security.kafka.protocol", "protocol", protocol_of, [](const Release&) { return true; },
        facts::kafka_protocols());
    disagree(
        "security.kafka.sasl.mechanism", "SASL mechanism",
        [](const Release& r) { return std::string(r.text("security.kafka.sasl.mechanism")); },
        [](const Release& r) { return protocol_of(r) == "SASL_SSL"; }, facts::sasl_mechanisms());
    // One topic prefix, several installs: every later install collides with the first.
    std::map<std::string, const Release*> first_with_prefix;
    for (const Release* r : members) {
      std::string prefix(r->text("kafka.topicPrefix"));
      auto [it, inserted] = first_with_prefix.emplace(prefix, r);
      if (inserted || same_install(*it->second, *r)) continue;
      report(
          *r, *it->second, "kafka.topicPrefix",
          fmt::format("{} and {} share the broker '{}' and the topic prefix '{}': their "
                      "topics collide; give each install its own kafka.topicPrefix",
                      describe_release(*r), describe_release(*it->second), r->broker.text, prefix));
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_KafkaConfigConflict() {
  return std::make_unique<FunctionRule>(rule_info("SL505"), check);
}

}  // namespace seldon_lint
