// Shared by the managed-Kafka rules (SL4xx): which Seldon releases use which
// Event Hubs namespace declared in infrastructure code, and the tier limits
// (seldon-kafka-facts.md "Providers").
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/text.hpp"
#include "linter/model/facts/providers.hpp"
#include "seldon_lint/finding.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint::eventhubs {

// Event Hubs tier limits: event hubs (= Kafka topics) per namespace and
// partitions per event hub.  Premium and Dedicated scale per processing /
// capacity unit.
struct Tier {
  std::string_view name;
  bool kafka = true;
  int event_hubs = 0;  // per namespace (per unit when per_unit)
  bool per_unit = false;
  int partitions = 0;
};

inline const std::vector<Tier>& tiers() {
  static const std::vector<Tier> kTiers = {
      {"Basic", false, 10, false, 32},
      {"Standard", true, 10, false, 32},
      {"Premium", true, 100, true, 100},
      {"Dedicated", true, 1000, true, 1024},
  };
  return kTiers;
}

inline const Tier* tier(std::string_view sku) {
  for (const auto& t : tiers()) {
    if (t.name.size() == sku.size() && contains_icase(sku, t.name)) return &t;
  }
  return nullptr;
}

// A host part that is not a plain DNS label (a `${VAR}` or `<placeholder>`).
inline bool is_placeholder(std::string_view name) {
  return name.find_first_of("${}<>") != std::string_view::npos;
}

inline bool declared(const Model& model, std::string_view name, std::string_view environment) {
  std::string wanted = to_lower(name);
  return std::any_of(model.eventhub_namespaces.begin(), model.eventhub_namespaces.end(),
                     [&](const EventHubNamespace& ns) {
                       return !ns.name.empty() && to_lower(ns.name) == wanted &&
                              Model::same_environment(ns.environment, environment);
                     });
}

// The Seldon releases that use `ns` as their broker: those whose bootstrap
// names it; failing that, releases on Event Hubs whose bootstrap resolves to
// no declared namespace, when `ns`'s name is unknown (computed in the IaC) or
// the bootstrap's namespace part is a placeholder.  A namespace with a known
// name that no bootstrap names is used by no release.
inline std::vector<const Release*> releases_using(const Model& model, const EventHubNamespace& ns) {
  std::vector<const Release*> by_name, fallback;
  std::string name = to_lower(ns.name);
  for (const auto& release : model.releases) {
    if (!Model::same_environment(release.environment, ns.environment)) continue;
    if (!release.known("kafka.bootstrap")) continue;  // an unreadable layer could change it
    const std::vector<std::string>& names = release.broker.eventhub_namespaces;
    if (names.empty()) continue;
    if (!name.empty() && std::find(names.begin(), names.end(), name) != names.end()) {
      by_name.push_back(&release);
      continue;
    }
    bool resolved = false, placeholder = false;
    for (const auto& n : names) {
      if (is_placeholder(n)) {
        placeholder = true;
      } else if (declared(model, n, release.environment)) {
        resolved = true;
      }
    }
    if (!resolved && (name.empty() || placeholder)) fallback.push_back(&release);
  }
  return by_name.empty() ? fallback : by_name;
}

// "namespace 'seldon-prod' (Terraform)" / "an Event Hubs namespace (Bicep) whose name is computed"
inline std::string describe_namespace(const EventHubNamespace& ns) {
  if (ns.name.empty()) return fmt::format("Event Hubs namespace ({}, name not a literal)", ns.form);
  return fmt::format("Event Hubs namespace '{}' ({})", ns.name, ns.form);
}

inline std::string identity_name(const EventHubNamespace& ns) {
  return ns.name.empty() ? "<computed>" : to_lower(ns.name);
}

// Where a finding about the namespace's tier points: the sku when declared.
inline Location tier_location(const EventHubNamespace& ns) {
  return ns.sku_location.known() ? ns.sku_location : ns.location;
}

inline RelatedLocation bootstrap_related(const Release& release) {
  return RelatedLocation{
      release.broker.location,
      fmt::format("kafka.bootstrap of release '{}' ({})", release.name, release.broker.text)};
}

}  // namespace seldon_lint::eventhubs
