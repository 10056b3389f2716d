#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

// Which runtime namespaces of an environment lack an exact-name copy of a
// secret: the same for every release of that environment, so it is worked
// out once per (environment, secret) and not once per release (thousands of
// releases, each with its own runtime namespace, made that quadratic).
class Unprovided {
 public:
  explicit Unprovided(const Model& model) : model_(model) {}
  const std::vector<size_t>& of(const Release& release, const std::string& secret,
                                const std::vector<secrets::RuntimeNamespace>& runtimes) {
    auto key = std::make_pair(release.environment, secret);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    std::vector<size_t> lacking;
    auto exact = [](const SecretRecord& s) { return !s.hashed_name; };
    for (size_t i = 0; i < runtimes.size(); ++i) {
      if (!model_.any_secret_in(secret, runtimes[i].namespace_name, runtimes[i].environment,
                                exact)) {
        lacking.push_back(i);
      }
    }
    return cache_.emplace(std::move(key), std::move(lacking)).first->second;
  }

 private:
  const Model& model_;
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> cache_;
};

void check(const Model& model, Reporter& out) {
  secrets::RuntimeNamespaces runtime_namespaces(model);
  Unprovided unprovided(model);
  for (const auto& release : model.releases) {
    auto references = secrets::used_references(release);
    if (references.empty()) continue;
    const auto& runtimes = runtime_namespaces.of(release);
    for (const auto& used : references) {
      for (size_t index : unprovided.of(release, used.secret, runtimes)) {
        const auto& runtime_ns = runtimes[index];
        auto missing = secrets::missing_secret(model, runtime_namespaces, release, used,
                                               runtime_ns.namespace_name, runtime_ns.environment);
        if (!missing) continue;
        std::string message = fmt::format(
            "{} '{}' ({}) is not provided in runtime namespace '{}' (environment {}); Seldon "
            "pods read it from their own namespace. Create it there (or copy it with "
            "reflector/replicator), or list it under externalSecrets in .seldon-lint.yaml if it "
            "is created outside this repository.{}",
            used.reference->description, used.secret, used.reference->path,
            runtime_ns.namespace_name, runtime_ns.environment, missing->notes);
        std::string identity = fmt::format("{}={};namespace={}", used.reference->path, used.secret,
                                           runtime_ns.namespace_name);
        // A shared (default) release checked against several environments.
        if (runtime_ns.environment != release.environment) {
          identity += ";environment=" + runtime_ns.environment;
        }
        Finding finding = out.finding(message, used.where, identity);
        for (const RuntimeRecord* r : runtime_ns.runtimes) {
          finding.related.push_back(RelatedLocation{
              r->location,
              fmt::format("SeldonRuntime '{}' runs in namespace {}", r->name, r->namespace_name)});
        }
        for (auto& r : missing->related) finding.related.push_back(std::move(r));
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
