#include "linter/model/facts/chart_keys.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "linter/base/text.hpp"

namespace seldon_lint::facts {
namespace {

// Groups of keys, written as `prefix: key key key`; a trailing `*` marks a
// free-form key.  Derived from the chart's values.yaml and the templates and
// Kustomize patches that read `.Values` (SeldonIO/seldon-core k8s/).
// NOLINTBEGIN(bugprone-suspicious-missing-comma): a long group spans several literals
constexpr std::string_view kKeyTable[] = {
    ": useDeploymentsForServers imagePullSecrets* security opentelemetry logging hodometer kafka "
    "modelgateway pipelinegateway dataflow controller envoy scheduler autoscaling serverConfig "
    "services global*",
    // security
    "security: controlplane kafka schemaRegistry envoy",
    "security.controlplane: protocol ssl",
    "security.controlplane.ssl: server client",
    "security.controlplane.ssl.server: secret clientValidationSecret keyPath crtPath caPath "
    "clientCaPath",
    "security.controlplane.ssl.client: secret serverValidationSecret keyPath crtPath caPath "
    "serverCaPath",
    "security.kafka: protocol sasl ssl",
    "security.kafka.sasl: mechanism client",
    "security.kafka.sasl.client: username secret passwordPath",
    "security.kafka.ssl: client",
    "security.kafka.ssl.client: secret brokerValidationSecret keyPath crtPath caPath brokerCaPath "
    "endpointIdentificationAlgorithm",
    "security.schemaRegistry: configPath",
    "security.envoy: protocol ssl",
    "security.envoy.ssl: upstream downstream",
    "security.envoy.ssl.upstream: server client",
    "security.envoy.ssl.upstream.server: secret clientValidationSecret keyPath crtPath caPath "
    "clientCaPath",
    "security.envoy.ssl.upstream.client: secret serverValidationSecret keyPath crtPath caPath "
    "serverCaPath",
    "security.envoy.ssl.downstream: server client",
    "security.envoy.ssl.downstream.server: secret clientValidationSecret keyPath crtPath caPath "
    "clientCaPath",
    "security.envoy.ssl.downstream.client: mtls secret serverValidationSecret keyPath crtPath "
    "caPath serverCaPath",
    // observability
    "opentelemetry: endpoint protocol disable ratio",
    "logging: logLevel",
    // kafka
    "kafka: debug bootstrap topicPrefix consumerGroupIdPrefix consumer producer topics",
    "kafka.consumer: sessionTimeoutMs autoOffsetReset topicMetadataRefreshIntervalMs "
    "topicMetadataPropagationMaxMs messageMaxBytes",
    "kafka.producer: lingerMs messageMaxBytes",
    "kafka.topics: replicationFactor numPartitions",
    // control plane and data plane components (shared shape below)
    "hodometer: logLevel metricsLevel extraPublishUrls",
    "modelgateway: logLevel workers maxNumConsumers",
    "pipelinegateway: logLevel maxNumConsumers",
    "dataflow: logLevel logLevelKafka cores pipelineCtlopsThreads",
    "controller: logLevel clusterwide watchNamespaces* skipOperatorClusterRoleCreation",
    "envoy: logLevel service preStopSleepPeriodSeconds terminationGracePeriodSeconds "
    "adminInterfacePort accesslogPath enableAccesslog includeSuccessfulRequests",
    "envoy.service: type",
    "scheduler: logLevel service schedulerReadyTimeoutSeconds",
    "scheduler.service: type",
    "autoscaling: autoscalingModelEnabled autoscalingServerEnabled serverPackingEnabled "
    "serverPackingPercentage",
    "serverConfig: terminationGracePeriodSeconds securityContext* rclone agent mlserver triton",
    "serverConfig.rclone: image resources* logLevel",
    "serverConfig.agent: image resources* logLevel overcommitPercentage scalingStatsPeriodSeconds "
    "modelInferenceLagThreshold modelInactiveSecondsThreshold "
    "maxElapsedTimeReadySubServiceAfterStartSeconds "
    "maxElapsedTimeReadySubServiceBeforeStartMinutes periodReadySubServiceSeconds "
    "maxLoadElapsedTimeMinutes maxUnloadElapsedTimeMinutes maxLoadRetryCount maxUnloadRetryCount "
    "unloadGracePeriodSeconds",
    "serverConfig.mlserver: image resources* serverCapabilities modelVolumeStorage "
    "parallel_workers debug",
    "serverConfig.triton: image resources* serverCapabilities modelVolumeStorage",
    "services: serviceGRPCPrefix defaultServiceType",
};
// NOLINTEND(bugprone-suspicious-missing-comma)

// Every component deployment takes these (Kubernetes pass-through is free-form).
constexpr std::string_view kComponents[] = {
    "hodometer", "modelgateway", "pipelinegateway", "dataflow", "controller", "envoy", "scheduler"};
constexpr std::string_view kComponentKeys =
    "image annotations* labels* resources* securityContext* nodeSelector* tolerations* "
    "affinity* env* podSpec* overrides* topologySpreadConstraints* priorityClassName replicas";
constexpr std::string_view kImageKeys = "pullPolicy registry repository tag";

struct Table {
  std::unordered_map<std::string, KeyKind> kinds;
  std::map<std::string, std::vector<std::string>> children;
  std::unordered_map<std::string, std::vector<std::string>> by_last_key;

  void add(const std::string& parent, std::string_view word) {
    bool free = ends_with(word, "*");
    std::string key(free ? word.substr(0, word.size() - 1) : word);
    std::string path = parent.empty() ? key : parent + "." + key;
    auto& kind = kinds[path];
    if (kind == KeyKind::Unknown || free) kind = free ? KeyKind::FreeForm : KeyKind::Leaf;
    auto& siblings = children[parent];
    if (std::find(siblings.begin(), siblings.end(), key) == siblings.end()) {
      siblings.push_back(key);
      by_last_key[key].push_back(path);
    }
    if (!parent.empty() && kinds[parent] != KeyKind::FreeForm) kinds[parent] = KeyKind::Map;
  }
  void add_line(std::string_view line) {
    size_t colon = line.find(':');
    std::string parent(trim(line.substr(0, colon)));
    for (auto word : split(line.substr(colon + 1), ' ')) {
      if (!trim(word).empty()) add(parent, trim(word));
    }
  }
};

const Table& table() {
  static const Table kTable = [] {
    Table t;
    for (auto line : kKeyTable) t.add_line(line);
    for (auto component : kComponents) {
      std::string c(component);
      for (auto word : split(kComponentKeys, ' ')) t.add(c, word);
      for (auto word : split(kImageKeys, ' ')) t.add(c + ".image", word);
    }
    for (auto server : {"serverConfig.rclone", "serverConfig.agent", "serverConfig.mlserver",
                        "serverConfig.triton"}) {
      for (auto word : split(kImageKeys, ' ')) t.add(std::string(server) + ".image", word);
    }
    return t;
  }();
  return kTable;
}

}  // namespace

KeyKind setup_key_kind(std::string_view dotted_path) {
  const Table& t = table();
  std::string prefix;
  for (auto part : split(dotted_path, '.')) {
    if (!prefix.empty()) prefix += '.';
    prefix.append(part);
    auto it = t.kinds.find(prefix);
    if (it == t.kinds.end()) return KeyKind::Unknown;
    if (it->second == KeyKind::FreeForm) return KeyKind::FreeForm;
  }
  auto it = t.kinds.find(std::string(dotted_path));
  return it == t.kinds.end() ? KeyKind::Unknown : it->second;
}

std::vector<std::string> setup_key_children(std::string_view dotted_path) {
  auto it = table().children.find(std::string(dotted_path));
  return it == table().children.end() ? std::vector<std::string>() : it->second;
}

std::vector<std::string> setup_paths_ending_in(std::string_view key) {
  auto it = table().by_last_key.find(std::string(key));
  return it == table().by_last_key.end() ? std::vector<std::string>() : it->second;
}

std::string_view setup_key_mistake(std::string_view dotted_path) {
  static const std::pair<std::string_view, std::string_view> kMistakes[] = {
      {"opentelemetry.enable",
       "the chart has `opentelemetry.disable` (inverted), not `enable`; `enable` is ignored"},
      {"serviceGRPCPrefix", "it belongs under `services:` (`services.serviceGRPCPrefix`)"},
      {"security.kafka.sasl.secret",
       "the SASL secret belongs under `client:` (`security.kafka.sasl.client.secret`)"},
      {"security.kafka.ssl.secret",
       "TLS client settings belong under `client:` (`security.kafka.ssl.client.*`)"},
  };
  for (const auto& [path, why] : kMistakes) {
    if (path == dotted_path) return why;
  }
  return {};
}

}  // namespace seldon_lint::facts
