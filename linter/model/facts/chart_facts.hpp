// What the linter knows about Seldon Core 2's charts, as data tables
// (seldon-kafka-facts.md).  Rules read these instead of scattering literals.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "seldon_lint/yaml.hpp"

namespace seldon_lint::facts {

inline constexpr std::string_view kSetupChart = "seldon-core-v2-setup";
inline constexpr std::string_view kRuntimeChart = "seldon-core-v2-runtime";

struct ChartDefault {
  std::string_view path;   // dotted values path
  std::string_view value;  // default as YAML scalar text
};

// Defaults of the setup chart's Kafka and controller settings.  Keys whose
// chart default is empty are absent here (absent and empty mean the same).
const std::vector<ChartDefault>& setup_chart_defaults();

// The defaults as a values tree (file = kNoFile), the base of every release.
const yaml::Node& setup_chart_defaults_tree();

// Valid values, case-sensitive, as the components compare them.
const std::vector<std::string>& kafka_protocols();  // PLAINTEXT, SSL, SASL_SSL
const std::vector<std::string>& sasl_mechanisms();  // PLAIN, SCRAM-SHA-256, ...

// The values paths of the Kafka secret references a data-plane pod mounts.
struct SecretReference {
  std::string_view path;         // "security.kafka.sasl.client.secret"
  std::string_view description;  // "SASL client secret"
};
const std::vector<SecretReference>& kafka_secret_references();

// Keys a Kafka OAUTHBEARER secret must hold.
const std::vector<std::string>& oauth_secret_keys();

// Basename of a path value ("/tmp/certs/kafka/broker/ca.crt" → "ca.crt").
std::string_view basename(std::string_view path);

// Does this top-level document look like setup-chart values (sets Seldon keys)?
bool sets_setup_keys(const yaml::Node& root);

}  // namespace seldon_lint::facts
