#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL302";
  r.name = "secret-missing-in-logs-namespace";
  r.severity = Severity::Error;
  r.tags = {"security", "kafka", "secrets", "cross-file"};
  r.security_severity = 6.0;
  r.precision = "high";
  r.summary =
      "A Kafka secret the values reference is not provided in the request-logging namespace";
  r.doc.what =
      "Reports a Kafka secret named by the effective values (`security.kafka.sasl.client.secret`, "
      "`security.kafka.ssl.client.secret`, `security.kafka.ssl.client.brokerValidationSecret`, "
      "each only when the protocol uses it) that the repository does not provide in the "
      "request-logging namespace (`seldon-logs` by default; set `logsNamespace` in "
      "`.seldon-lint.yaml`, or `logsNamespace: null` to turn the rule off). What counts as "
      "provided is the same as for SL301.";
  r.doc.why =
      "Seldon's request logger consumes the inference topics from Kafka in its own namespace and "
      "reads the Kafka secrets there. Without them request logging fails while inference keeps "
      "working, so the gap goes unnoticed until the logs are needed.";
  r.doc.example =
      "# components-values.yaml\n"
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      client:\n"
      "        secret: kafka-sasl   # provided in seldon-mesh only, not in seldon-logs\n";
  r.doc.fix =
      "apiVersion: bitnami.com/v1alpha1\n"
      "kind: SealedSecret\n"
      "metadata:\n"
      "  name: kafka-sasl\n"
      "  namespace: seldon-logs\n"
      "spec:\n"
      "  encryptedData:\n"
      "    password: AgB3...\n"
      "# or, when it is created outside the repository, in .seldon-lint.yaml:\n"
      "externalSecrets:\n"
      "  - {name: kafka-sasl, namespaces: [seldon-logs]}\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  if (!model.settings.logs_namespace || model.settings.logs_namespace->empty()) return;
  const std::string& logs = *model.settings.logs_namespace;
  for (const auto& release : model.releases) {
    auto references = secrets::used_references(release);
    if (references.empty()) continue;
    // A logs namespace that also runs a SeldonRuntime is SL301's to report.
    bool is_runtime_namespace = false;
    for (const auto& runtime_ns : secrets::runtime_namespaces(model, release)) {
      if (runtime_ns.namespace_name == logs) is_runtime_namespace = true;
    }
    if (is_runtime_namespace) continue;
    for (const auto& used : references) {
      std::vector<const SecretRecord*> hashed;
      auto found = secrets::providers_in(model, used.secret, logs, release.environment, &hashed);
      if (!found.empty()) continue;
      // A chart object that could not be rendered may be this secret (SL005 says so).
      if (model.unrendered_secret_in(logs, release.environment)) continue;
      Finding renamed_finding;
      std::string renamed =
          secrets::renamed_note(model, used.secret, logs, release.environment, renamed_finding);
      std::string message = fmt::format(
          "{} '{}' ({}) is not provided in the request-logging namespace '{}' (environment {}); "
          "the request logger reads it from its own namespace. Create it there (or copy it with "
          "reflector/replicator), or list it under externalSecrets in .seldon-lint.yaml if it is "
          "created outside this repository (logsNamespace: null if request logging is not "
          "deployed).{}{}",
          used.reference->description, used.secret, used.reference->path, logs, release.environment,
          secrets::hashed_note(hashed), renamed);
      Finding finding =
          out.finding(message, used.where,
                      fmt::format("{}={};namespace={}", used.reference->path, used.secret, logs));
      for (auto& r : renamed_finding.related) finding.related.push_back(std::move(r));
      secrets::add_existing_copies(model, used.secret, release.environment, finding);
      out.add(std::move(finding), release);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_SecretMissingInLogsNamespace() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
