#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

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
  return std::make_unique<FunctionRule>(rule_info("SL301"), check);
}

}  // namespace seldon_lint
