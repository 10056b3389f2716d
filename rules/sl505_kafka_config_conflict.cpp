#include <algorithm>
#include <set>

#include "linter/text.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL505";
  r.name = "kafka-config-conflict";
  r.severity = Severity::Warning;
  r.tags = {"kafka", "consistency"};
  r.precision = "high";
  r.summary = "Two Seldon releases share a Kafka broker but disagree or share a topic prefix";
  r.doc.what =
      "Compares the Seldon releases of one environment that set the same `kafka.bootstrap`: "
      "they must agree on `security.kafka.protocol` and `security.kafka.sasl.mechanism`, and "
      "two different installs must not use the same `kafka.topicPrefix` (their topics "
      "collide). The finding sits on the conflicting key of the release whose file sorts "
      "later, with the other release as related location.";
  r.doc.why =
      "A broker offers one set of listeners: one of the two installs cannot connect. Two "
      "installs with one prefix read and write each other's model topics.";
  r.doc.example =
      "# clusters/prod/seldon-a/values.yaml    kafka.topicPrefix: seldon\n"
      "# clusters/prod/seldon-b/values.yaml    kafka.topicPrefix: seldon   (same broker)\n";
  r.doc.fix =
      "# clusters/prod/seldon-b/values.yaml\n"
      "kafka:\n"
      "  topicPrefix: seldon-b\n";
  return r;
}

std::string normalised_bootstrap(std::string_view text) {
  std::vector<std::string> hosts;
  for (auto part : split(text, ',')) {
    std::string host(trim(part));
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!host.empty()) hosts.push_back(host);
  }
  std::sort(hosts.begin(), hosts.end());
  std::string out;
  for (const auto& h : hosts) out += h + ",";
  return out;
}

std::string release_path(const Model& model, const Release& r) {
  return r.location.known() ? model.files[r.location.file].path : std::string();
}

void check(const Rule& self, const Model& model, FindingSink& sink) {
  const auto& releases = model.releases;
  std::set<std::string> seen;
  for (size_t i = 0; i < releases.size(); ++i) {
    for (size_t j = i + 1; j < releases.size(); ++j) {
      const Release* a = &releases[i];
      const Release* b = &releases[j];
      // Files in `default` are alternatives until an overlay deploys them together.
      if (a->environment != b->environment || a->environment == "default") continue;
      if (!a->set_by_layer("kafka.bootstrap") || !b->set_by_layer("kafka.bootstrap")) continue;
      std::string broker = normalised_bootstrap(a->text("kafka.bootstrap"));
      if (broker.empty() || broker.find("${") != std::string::npos ||
          broker != normalised_bootstrap(b->text("kafka.bootstrap"))) {
        continue;
      }
      // The later file carries the finding.
      if (std::make_pair(release_path(model, *a), a->location.range.begin.offset) >
          std::make_pair(release_path(model, *b), b->location.range.begin.offset)) {
        std::swap(a, b);
      }
      struct Check {
        std::string_view path;
        bool conflict;
        const char* what;
      };
      std::string pa(a->text("security.kafka.protocol")), pb(b->text("security.kafka.protocol"));
      if (pa.empty()) pa = "PLAINTEXT";
      if (pb.empty()) pb = "PLAINTEXT";
      std::string ma(a->text("security.kafka.sasl.mechanism"));
      std::string mb(b->text("security.kafka.sasl.mechanism"));
      std::string ta(a->text("kafka.topicPrefix")), tb(b->text("kafka.topicPrefix"));
      bool same_install = a->name == b->name && a->namespace_name == b->namespace_name &&
                          a->location.file == b->location.file &&
                          a->location.range.begin.offset == b->location.range.begin.offset;
      std::vector<Check> checks = {
          {"security.kafka.protocol", pa != pb, "protocol"},
          {"security.kafka.sasl.mechanism", pa == "SASL_SSL" && pb == "SASL_SSL" && ma != mb,
           "SASL mechanism"},
          {"kafka.topicPrefix", !same_install && ta == tb, "topicPrefix"},
      };
      for (const auto& c : checks) {
        if (!c.conflict) continue;
        std::string va(a->text(c.path)), vb(b->text(c.path));
        if (c.path == "security.kafka.protocol") {
          va = pa;
          vb = pb;
        }
        Location where = b->locate(c.path);
        std::string key = fmt::format("{}|{}|{}|{}", c.path, where.file, where.range.begin.offset,
                                      release_path(model, *a));
        if (!seen.insert(key).second) continue;
        std::string message =
            c.path == "kafka.topicPrefix"
                ? fmt::format(
                      "{} and {} share the broker '{}' and the topic prefix '{}': their "
                      "topics collide; give each install its own kafka.topicPrefix",
                      describe_release(*b), describe_release(*a), b->text("kafka.bootstrap"), vb)
                : fmt::format(
                      "{} sets {} '{}' but {} uses '{}' with the same broker '{}'; a "
                      "broker listener speaks one of them: make them agree",
                      describe_release(*b), c.what, vb, describe_release(*a), va,
                      b->text("kafka.bootstrap"));
        Finding finding = as_function_rule(self).finding(
            message, where, fmt::format("conflict={};broker={}", c.path, broker));
        finding.related.push_back({a->locate(c.path), describe_release(*a)});
        finding.environment = b->environment;
        sink.report(std::move(finding));
      }
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_KafkaConfigConflict() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
