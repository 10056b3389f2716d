#include "linter/model/facts/chart_facts.hpp"

#include "linter/model/helm_merge.hpp"
#include "linter/base/text.hpp"

namespace seldon_lint::facts {

const std::vector<ChartDefault>& setup_chart_defaults() {
  static const std::vector<ChartDefault> kDefaults = {
      {"kafka.bootstrap", "seldon-kafka-bootstrap.seldon-mesh:9092"},
      {"kafka.topicPrefix", "seldon"},
      {"kafka.topics.replicationFactor", "1"},
      {"kafka.topics.numPartitions", "1"},
      {"kafka.consumer.messageMaxBytes", "1000000000"},
      {"kafka.producer.messageMaxBytes", "1000000000"},
      {"security.kafka.protocol", "PLAINTEXT"},
      {"security.kafka.sasl.mechanism", "SCRAM-SHA-512"},
      {"security.kafka.sasl.client.username", "seldon"},
      {"security.kafka.sasl.client.passwordPath", "password"},
      {"security.kafka.ssl.client.keyPath", "/tmp/certs/kafka/client/tls.key"},
      {"security.kafka.ssl.client.crtPath", "/tmp/certs/kafka/client/tls.crt"},
      {"security.kafka.ssl.client.caPath", "/tmp/certs/kafka/client/ca.crt"},
      {"security.kafka.ssl.client.brokerCaPath", "/tmp/certs/kafka/broker/ca.crt"},
      {"controller.clusterwide", "false"},
  };
  return kDefaults;
}

const yaml::Node& setup_chart_defaults_tree() {
  static const yaml::Node kTree = [] {
    yaml::Node root;
    root.kind = yaml::Kind::Map;
    for (const auto& d : setup_chart_defaults()) {
      yaml::Node value;
      value.kind = yaml::Kind::Scalar;
      value.style = yaml::Style::Plain;
      value.scalar = std::string(d.value);
      std::vector<std::string> path;
      for (auto part : split(d.path, '.')) path.emplace_back(part);
      set_path(root, path, std::move(value));
    }
    return root;
  }();
  return kTree;
}

const std::vector<std::string>& kafka_protocols() {
  static const std::vector<std::string> kProtocols = {"PLAINTEXT", "SSL", "SASL_SSL"};
  return kProtocols;
}

const std::vector<std::string>& sasl_mechanisms() {
  static const std::vector<std::string> kMechanisms = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512",
                                                       "OAUTHBEARER"};
  return kMechanisms;
}

const std::vector<SecretReference>& kafka_secret_references() {
  static const std::vector<SecretReference> kReferences = {
      {"security.kafka.sasl.client.secret", "SASL client secret"},
      {"security.kafka.ssl.client.secret", "TLS client certificate secret"},
      {"security.kafka.ssl.client.brokerValidationSecret", "broker CA secret"},
  };
  return kReferences;
}

const std::vector<std::string>& oauth_secret_keys() {
  static const std::vector<std::string> kKeys = {"method", "client_id",          "client_secret",
                                                 "scope",  "token_endpoint_url", "extensions"};
  return kKeys;
}

std::string_view basename(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool sets_setup_keys(const yaml::Node& root) {
  if (!root.is_map()) return false;
  if (const yaml::Node* security = root.find("security")) {
    if (security->find("kafka") != nullptr) return true;
  }
  if (const yaml::Node* kafka = root.find("kafka"); kafka != nullptr && kafka->is_map()) {
    return kafka->find("bootstrap") || kafka->find("topicPrefix") || kafka->find("topics");
  }
  return false;
}

}  // namespace seldon_lint::facts
