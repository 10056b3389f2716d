// Namespaces declared in the repository (with their labels, for the
// namespace selectors of ClusterExternalSecrets), and Strimzi Kafka clusters
// with the number of brokers their manifests give them (for SL405).
#include <algorithm>

#include "linter/base/text.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/objects/object_context.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

std::vector<std::string> string_list(const Node* node) {
  std::vector<std::string> out;
  if (node == nullptr || !node->is_seq()) return out;
  for (const auto& item : node->items) {
    if (item.is_scalar()) out.push_back(item.scalar);
  }
  return out;
}

// One `matchExpressions` requirement (In, NotIn, Exists, DoesNotExist).
bool requirement_holds(const Node& requirement, const NamespaceRecord& ns) {
  std::string key = scalar_at(&requirement, "key");
  std::string op = scalar_at(&requirement, "operator");
  std::vector<std::string> values = string_list(requirement.find("values"));
  auto label = ns.labels.find(key);
  bool has = label != ns.labels.end();
  bool listed = has && std::find(values.begin(), values.end(), label->second) != values.end();
  if (op == "In") return listed;
  if (op == "NotIn") return !listed;
  if (op == "Exists") return has;
  if (op == "DoesNotExist") return !has;
  return true;  // an operator the API would reject: do not guess that it excludes
}

int replicas_of(const Node* node) {
  if (node == nullptr || !node->is_scalar()) return 0;
  std::string_view text = trim(node->scalar);
  if (text.empty() || text.size() > 4 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 0;
  }
  return std::stoi(std::string(text));
}

bool uses_node_pools(const Node& kafka) {
  const Node* value = kafka.at("metadata.annotations");
  const Node* pools = value == nullptr ? nullptr : value->find("strimzi.io/node-pools");
  return pools != nullptr && pools->is_scalar() && pools->scalar == "enabled";
}

}  // namespace

bool label_selector_matches(const Node& selector, const NamespaceRecord& ns) {
  if (!selector.is_map()) return true;
  if (const Node* labels = selector.find("matchLabels"); labels != nullptr && labels->is_map()) {
    for (const auto& e : labels->entries) {
      auto it = ns.labels.find(e.key);
      if (it == ns.labels.end() || !e.value.is_scalar() || it->second != e.value.scalar) {
        return false;
      }
    }
  }
  if (const Node* exprs = selector.find("matchExpressions"); exprs != nullptr && exprs->is_seq()) {
    for (const auto& requirement : exprs->items) {
      if (!requirement_holds(requirement, ns)) return false;
    }
  }
  return true;
}

void visit_namespace(ObjectContext& ctx, const ObjectRef& obj) {
  NamespaceRecord ns;
  ns.name = scalar_at(obj.root, "metadata.name");
  if (ns.name.empty()) return;
  ns.environment = ctx.model.files[obj.file].environment;
  ns.location = location_at(obj.root, "metadata.name");
  if (const Node* labels = obj.root->at("metadata.labels"); labels != nullptr && labels->is_map()) {
    for (const auto& e : labels->entries) {
      if (e.value.is_scalar()) ns.labels[e.key] = e.value.scalar;
    }
  }
  ns.labels["kubernetes.io/metadata.name"] = ns.name;  // set by the API server
  if (!ctx.placed_by_kustomize(obj.file)) {
    ctx.model.namespaces.push_back(std::move(ns));
    return;
  }
  // A Namespace keeps its name under the namespace transformer; an overlay
  // gives it the overlay's environment.
  for (const auto& place : ctx.placements(obj)) {
    NamespaceRecord copy = ns;
    copy.environment = place.environment;
    ctx.model.namespaces.push_back(std::move(copy));
  }
}

void visit_strimzi_cluster(ObjectContext& ctx, const ObjectRef& obj) {
  KafkaCluster cluster;
  cluster.name = scalar_at(obj.root, "metadata.name");
  if (cluster.name.empty()) return;
  cluster.namespace_name = ctx.namespace_of(obj);
  cluster.environment = ctx.model.files[obj.file].environment;
  cluster.location = location_at(obj.root, "metadata.name");
  if (!uses_node_pools(*obj.root)) {
    const Node* replicas = obj.root->at("spec.kafka.replicas");
    cluster.brokers = replicas_of(replicas);
    if (replicas != nullptr) cluster.brokers_location = replicas->location();
  }
  ctx.add_placed(obj, std::move(cluster), ctx.model.kafka_clusters);
}

// With node pools, the brokers are the replicas of the pools with the broker
// role that name the cluster (label strimzi.io/cluster) in its namespace.
void resolve_kafka_brokers(ObjectContext& ctx) {
  for (auto& cluster : ctx.model.kafka_clusters) {
    if (cluster.brokers != 0) continue;
    int brokers = 0;
    bool unknown = false;
    for (const auto& pool : ctx.kafka_node_pools) {
      const Node* labels = pool.root->at("metadata.labels");
      const Node* owner = labels == nullptr ? nullptr : labels->find("strimzi.io/cluster");
      if (owner == nullptr || !owner->is_scalar() || owner->scalar != cluster.name) continue;
      std::string ns = ctx.namespace_of(pool);
      if (!ns.empty() && !cluster.namespace_name.empty() && ns != cluster.namespace_name) continue;
      if (!Model::same_environment(ctx.model.files[pool.file].environment, cluster.environment)) {
        continue;
      }
      std::vector<std::string> roles = string_list(pool.root->at("spec.roles"));
      if (std::find(roles.begin(), roles.end(), "broker") == roles.end()) continue;
      const Node* replicas = pool.root->at("spec.replicas");
      int count = replicas_of(replicas);
      if (count == 0) unknown = true;
      brokers += count;
      if (replicas != nullptr && !cluster.brokers_location.known()) {
        cluster.brokers_location = replicas->location();
      }
    }
    cluster.brokers = unknown ? 0 : brokers;
  }
  ctx.kafka_node_pools.clear();
}

}  // namespace seldon_lint
