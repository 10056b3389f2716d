#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

void check(const Model& model, Reporter& out) {
  if (!model.settings.logs_namespace || model.settings.logs_namespace->empty()) return;
  const std::string& logs = *model.settings.logs_namespace;
  secrets::RuntimeNamespaces runtime_namespaces(model);
  for (const auto& release : model.releases) {
    auto references = secrets::used_references(release);
    if (references.empty()) continue;
    // A logs namespace that also runs a SeldonRuntime is SL301's to report.
    bool is_runtime_namespace = false;
    for (const auto& runtime_ns : runtime_namespaces.of(release)) {
      if (runtime_ns.namespace_name == logs) is_runtime_namespace = true;
    }
    if (is_runtime_namespace) continue;
    for (const auto& used : references) {
      auto missing = secrets::missing_secret(model, runtime_namespaces, release, used, logs,
                                             release.environment);
      if (!missing) continue;
      std::string message = fmt::format(
          "{} '{}' ({}) is not provided in the request-logging namespace '{}' (environment {}); "
          "the request logger reads it from its own namespace. Create it there (or copy it with "
          "reflector/replicator), or list it under externalSecrets in .seldon-lint.yaml if it is "
          "created outside this repository (logsNamespace: null if request logging is not "
          "deployed).{}",
          used.reference->description, used.secret, used.reference->path, logs, release.environment,
          missing->notes);
      Finding finding =
          out.finding(message, used.where,
                      fmt::format("{}={};namespace={}", used.reference->path, used.secret, logs));
      finding.related = std::move(missing->related);
      out.add(std::move(finding), release);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_SecretMissingInLogsNamespace() {
  return std::make_unique<FunctionRule>(rule_info("SL302"), check);
}

}  // namespace seldon_lint
