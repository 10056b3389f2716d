#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

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
  return std::make_unique<FunctionRule>(rule_info("SL302"), check);
}

}  // namespace seldon_lint
