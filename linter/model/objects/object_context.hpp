// What the object readers share while the model is built (model-internal;
// linter/model/model_builder.cpp drives them): where each object lands
// (Kustomize/Flux placements), and secret copies whose namespaces are only
// known at the end.  One file per family of objects reads them.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "linter/input/config.hpp"
#include "linter/model/sources/kustomize.hpp"
#include "linter/model/sources/kustomize_build.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

// A Kubernetes-style object (apiVersion + kind) in a YAML document, or as a
// kustomization emits it at one placement (patched, renamed).
struct ObjectRef {
  FileId file;
  const yaml::Node* root;
  std::string api_version;
  std::string kind;
  const Placement* place = nullptr;  // the one placement it is read at (Kustomize output)
  const KustomizeRename* rename = nullptr;
};

class ObjectContext {
 public:
  // `placements` (the Kustomize layout's files) must outlive the context.
  ObjectContext(Model& model, const PlacementMap& placements)
      : model(model), placements_(&placements) {}

  Model& model;
  // Reflections into every namespace ("*") or a namespace pattern, resolved
  // once all namespaces are known (secret_copies.cpp).
  std::vector<std::pair<SecretRecord, std::string>> pending_reflections;
  // ClusterExternalSecrets and Strimzi node pools, resolved once every
  // Namespace and Kafka is known (namespaces.cpp).
  std::vector<ObjectRef> cluster_external_secrets;
  std::vector<ObjectRef> kafka_node_pools;

  // Where an object lands: its own namespace and the file's environment,
  // or, for a file a Kustomize overlay includes, each overlay's namespace
  // (the transformer overrides the manifest) and environment.
  std::vector<Placement> placements(const ObjectRef& obj) const;
  std::string namespace_of(const ObjectRef& obj) const;
  bool placed_by_kustomize(FileId file) const { return placements_->contains(file); }

  // Adds one record per placement of the object's file (the one it is read
  // at, for a kustomization's output).  Called for every object: it looks the
  // file up once and copies no placement.
  template <typename Record>
  void add_placed(const ObjectRef& obj, Record record, std::vector<Record>& out) const {
    std::optional<std::span<const Placement>> places = placed_at(obj);
    if (!places) {
      out.push_back(std::move(record));
      return;
    }
    std::string own;  // the manifest's namespace, where a placement forces none
    bool own_read = false;
    auto add = [&](const Placement& place) {
      Record copy = record;
      if (!place.namespace_name.empty()) {
        copy.namespace_name = place.namespace_name;
      } else {
        if (!own_read) own = own_namespace(obj);
        own_read = true;
        if (!own.empty()) copy.namespace_name = own;
      }
      copy.environment = place.environment;
      out.push_back(std::move(copy));
    };
    for (const auto& place : *places) add(place);
  }

  // A secret named `name` that `obj` provides, located at its metadata.name;
  // when Kustomize renamed the object and the secret takes its name, the
  // record says from what and why.
  SecretRecord new_secret(const ObjectRef& obj, std::string name, std::string provider) const;

 private:
  static std::string own_namespace(const ObjectRef& obj);
  // The placements `obj` is read at, as the layout wrote them: the one a
  // kustomization's output names, else every placement of its file; none
  // when no kustomization or Flux path places the file.
  std::optional<std::span<const Placement>> placed_at(const ObjectRef& obj) const {
    const std::vector<Placement>* placed = placements_->find(obj.file);
    if (placed == nullptr) return std::nullopt;
    if (obj.place != nullptr) return std::span<const Placement>(obj.place, 1);
    return std::span<const Placement>(*placed);
  }
  const PlacementMap* placements_;  // not copied: it is large
};

// ---- the readers --------------------------------------------------------------

// secrets.cpp: Secret, SealedSecret, ExternalSecret, ClusterExternalSecret,
// and the config's `externalSecrets`.
void visit_secret(ObjectContext& ctx, const ObjectRef& obj);
void visit_sealed_secret(ObjectContext& ctx, const ObjectRef& obj);
void visit_external_secret(ObjectContext& ctx, const ObjectRef& obj);
void visit_cluster_external_secret(ObjectContext& ctx, const ObjectRef& obj);
void add_configured_external_secrets(ObjectContext& ctx, const Config& config);

// secret_copies.cpp: reflector/replicator copies of secrets into other namespaces.
bool is_mirror(const yaml::Node* annotations);
void add_reflected_copies(ObjectContext& ctx, const SecretRecord& secret,
                          const yaml::Node* annotations);
void resolve_pending_reflections(ObjectContext& ctx);

// secret_providers.cpp: operators that write secrets with known keys (Strimzi
// KafkaUser and Kafka CA, cert-manager Certificate, Azure Service Operator).
void visit_kafka_user(ObjectContext& ctx, const ObjectRef& obj);
void visit_strimzi_kafka(ObjectContext& ctx, const ObjectRef& obj);
void visit_certificate(ObjectContext& ctx, const ObjectRef& obj);
void visit_aso_operator_secrets(ObjectContext& ctx, const ObjectRef& obj);

// namespaces.cpp: Namespaces with their labels, ClusterExternalSecrets placed
// by their namespace selectors, Strimzi Kafka clusters and their broker counts.
void visit_namespace(ObjectContext& ctx, const ObjectRef& obj);
void visit_strimzi_cluster(ObjectContext& ctx, const ObjectRef& obj);
void resolve_cluster_external_secrets(ObjectContext& ctx);  // (in secrets.cpp)
// Whether a Kubernetes LabelSelector (matchLabels, matchExpressions) selects
// the namespace; an empty selector selects every namespace.
bool label_selector_matches(const yaml::Node& selector, const NamespaceRecord& ns);
void resolve_kafka_brokers(ObjectContext& ctx);

// seldon_objects.cpp: SeldonRuntime, Model, Pipeline, Experiment.
void visit_runtime(ObjectContext& ctx, const ObjectRef& obj);
void visit_seldon_resource(ObjectContext& ctx, const ObjectRef& obj);

// eventhub_namespaces.cpp: Event Hubs namespaces declared in YAML (ASO v1/v2, Crossplane).
void visit_eventhub_namespace(ObjectContext& ctx, const ObjectRef& obj);

}  // namespace seldon_lint
