#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL301";
  r.name = "secret-missing-in-runtime-namespace";
  r.severity = Severity::Error;
  r.tags = {"security", "kafka", "secrets", "cross-file"};
  r.security_severity = 7.0;
  r.precision = "high";
  r.summary = "A Kafka secret the values reference is not provided in a SeldonRuntime namespace";
  r.doc.what =
      "Reports a Kafka secret named by the effective values (`security.kafka.sasl.client.secret`, "
      "`security.kafka.ssl.client.secret`, `security.kafka.ssl.client.brokerValidationSecret`, "
      "each only when the protocol uses it) that the repository does not provide in a namespace "
      "running Seldon's data plane: every namespace with a `SeldonRuntime` (or a "
      "`seldon-core-v2-runtime` release) in the same environment. A secret counts as provided by "
      "a `Secret`, SOPS-encrypted `Secret`, `SealedSecret`, `ExternalSecret`, Strimzi "
      "`KafkaUser`/`Kafka`, cert-manager `Certificate`, Azure Service Operator "
      "`operatorSpec.secrets`, a reflector/replicator copy, or an `externalSecrets` entry in "
      "`.seldon-lint.yaml`. A Kustomize `secretGenerator` whose name gets a hash suffix never "
      "matches: Helm values are not rewritten by Kustomize.";
  r.doc.why =
      "Every Seldon pod (scheduler, model and pipeline gateways, dataflow engine, agents) reads "
      "the Kafka secrets from its own namespace. A secret that exists only next to the controller "
      "leaves the runtime's pods unable to start or to connect to Kafka.";
  r.doc.example =
      "# clusters/prod/seldon/components-values.yaml\n"
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      client:\n"
      "        secret: kafka-sasl        # exists only in seldon-mesh\n"
      "---\n"
      "# clusters/prod/models/runtime.yaml\n"
      "apiVersion: mlops.seldon.io/v1alpha1\n"
      "kind: SeldonRuntime\n"
      "metadata:\n"
      "  name: seldon\n"
      "  namespace: models\n";
  r.doc.fix =
      "# Provide the secret in every runtime namespace, e.g. copy it with reflector:\n"
      "apiVersion: v1\n"
      "kind: Secret\n"
      "metadata:\n"
      "  name: kafka-sasl\n"
      "  namespace: seldon-mesh\n"
      "  annotations:\n"
      "    reflector.v1.k8s.emberstack.com/reflection-allowed: \"true\"\n"
      "    reflector.v1.k8s.emberstack.com/reflection-auto-namespaces: \"models\"\n"
      "# or, when it is created outside the repository, in .seldon-lint.yaml:\n"
      "externalSecrets:\n"
      "  - {name: kafka-sasl, namespaces: [models]}\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    auto references = secrets::used_references(release);
    if (references.empty()) continue;
    auto runtimes = secrets::runtime_namespaces(model, release);
    for (const auto& used : references) {
      for (const auto& runtime_ns : runtimes) {
        std::vector<const SecretRecord*> hashed;
        auto found = secrets::providers_in(model, used.secret, runtime_ns.namespace_name,
                                           runtime_ns.environment, &hashed);
        if (!found.empty()) continue;
        // A chart object that could not be rendered may be this secret (SL005 says so).
        if (model.unrendered_secret_in(runtime_ns.namespace_name, release.environment)) continue;
        Finding finding;
        std::string renamed = secrets::renamed_note(model, used.secret, runtime_ns.namespace_name,
                                                    runtime_ns.environment, finding);
        std::string message = fmt::format(
            "{} '{}' ({}) is not provided in runtime namespace '{}' (environment {}); Seldon "
            "pods read it from their own namespace. Create it there (or copy it with "
            "reflector/replicator), or list it under externalSecrets in .seldon-lint.yaml if it "
            "is created outside this repository.{}{}",
            used.reference->description, used.secret, used.reference->path,
            runtime_ns.namespace_name, runtime_ns.environment, secrets::hashed_note(hashed),
            renamed);
        std::string identity = fmt::format("{}={};namespace={}", used.reference->path, used.secret,
                                           runtime_ns.namespace_name);
        // A shared (default) release checked against several environments.
        if (runtime_ns.environment != release.environment) {
          identity += ";environment=" + runtime_ns.environment;
        }
        std::vector<RelatedLocation> renamed_related = std::move(finding.related);
        finding = out.finding(message, used.where, identity);
        for (const RuntimeRecord* r : runtime_ns.runtimes) {
          finding.related.push_back(RelatedLocation{
              r->location,
              fmt::format("SeldonRuntime '{}' runs in namespace {}", r->name, r->namespace_name)});
        }
        for (auto& r : renamed_related) finding.related.push_back(std::move(r));
        secrets::add_existing_copies(model, used.secret, runtime_ns.environment, finding);
        out.add(std::move(finding), release);
      }
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_SecretMissingInRuntimeNamespace() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
