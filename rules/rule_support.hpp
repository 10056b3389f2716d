// Small helpers shared by rule files: defining a rule class from its
// metadata and a check function, and common message pieces.
#pragma once

#include <fmt/format.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "seldon_lint/model.hpp"
#include "seldon_lint/rule.hpp"

namespace seldon_lint {

// A rule whose check is a function: most rules need nothing more.
class FunctionRule : public Rule {
 public:
  using Check = void (*)(const Rule& self, const Model& model, FindingSink& sink);
  FunctionRule(RuleInfo info, Check check) : info_(std::move(info)), check_(check) {}
  const RuleInfo& info() const override { return info_; }
  void check(const Model& model, FindingSink& sink) const override { check_(*this, model, sink); }
  Finding finding(std::string message, Location where, std::string identity) const {
    return make_finding(std::move(message), where, std::move(identity));
  }

 private:
  RuleInfo info_;
  Check check_;
};

inline const FunctionRule& as_function_rule(const Rule& rule) {
  return static_cast<const FunctionRule&>(rule);
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
