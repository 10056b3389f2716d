// Small helpers shared by rule files: common message pieces.
#pragma once

#include <fmt/format.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "linter/model/facts/providers.hpp"
#include "rules/rule_doc.hpp"
#include "seldon_lint/model.hpp"
#include "seldon_lint/rule.hpp"

namespace seldon_lint {

// SL001 and SL002: the problems reading and parsing recorded in the model
// under the rule's id, each a finding at its place.
class ModelProblemsRule : public Rule {
 public:
  explicit ModelProblemsRule(RuleInfo info) : info_(std::move(info)) {}
  const RuleInfo& info() const override { return info_; }
  void check(const Model& model, Reporter& out) const override {
    for (const auto& problem : model.problems) {
      if (problem.rule_id != info_.id) continue;
      out.add(out.finding(problem.message, problem.location, problem.message));
    }
  }

 private:
  RuleInfo info_;
};

// The check of a rule whose findings another pass produces (SL003 and SL004:
// the suppression pass, which runs after every other rule).
inline void no_check(const Model& /*model*/, Reporter& /*out*/) {}

// Related location "<provider> broker" at the release's kafka.bootstrap, for
// findings about what a recognised managed Kafka service accepts.
inline void relate_provider_broker(Finding& finding, const Release& release) {
  const Broker& broker = release.broker;
  if (broker.provider == nullptr || !broker.location.known()) return;
  finding.related.push_back({broker.location, fmt::format("{} broker", broker.provider->name)});
}

// "security.kafka.protocol is PLAINTEXT (chart default)" / "(set in values file x)".
inline std::string origin_note(const Release& release, std::string_view path) {
  return release.set_by_layer(path) ? std::string() : std::string(" (chart default)");
}

// "release 'seldon-core' (HelmRelease, namespace seldon-mesh)"
inline std::string describe_release(const Release& release) {
  std::string ns = release.namespace_name.empty()
                       ? std::string()
                       : fmt::format(", namespace {}", release.namespace_name);
  return fmt::format("release '{}' ({}{})", release.name, release.source, ns);
}

}  // namespace seldon_lint
