#include "rules/secret_support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "linter/base/text.hpp"

namespace seldon_lint::secrets {

namespace {

bool is_valid_protocol(std::string_view protocol) {
  const auto& valid = facts::kafka_protocols();
  return std::find(valid.begin(), valid.end(), protocol) != valid.end();
}

}  // namespace

std::string_view effective_protocol(const Release& release) {
  std::string_view protocol = release.text(kProtocol);
  return protocol.empty() ? std::string_view("PLAINTEXT") : protocol;
}

bool uses_sasl(std::string_view protocol) {
  if (is_valid_protocol(protocol)) return protocol == "SASL_SSL";
  return to_upper(protocol).find("SASL") != std::string::npos;
}

bool uses_client_certificate(std::string_view protocol) {
  if (is_valid_protocol(protocol)) return protocol == "SSL";
  std::string p = to_upper(protocol);
  return p.find("SASL") == std::string::npos &&
         (p.find("SSL") != std::string::npos || p.find("TLS") != std::string::npos);
}

bool uses_broker_ca(std::string_view protocol) {
  if (is_valid_protocol(protocol)) return protocol != "PLAINTEXT";
  std::string p = to_upper(protocol);
  return p.find("SSL") != std::string::npos || p.find("TLS") != std::string::npos;
}

std::vector<UsedReference> used_references(const Release& release) {
  std::vector<UsedReference> out;
  std::string_view protocol = effective_protocol(release);
  for (const auto& reference : facts::kafka_secret_references()) {
    bool used = reference.path == kSaslSecret     ? uses_sasl(protocol)
                : reference.path == kClientSecret ? uses_client_certificate(protocol)
                                                  : uses_broker_ca(protocol);
    if (!used) continue;
    // Unknown is not absent: a reference an unreadable layer could set or
    // change, or whose protocol it could, is not judged.
    if (!release.known_all({kProtocol, reference.path})) continue;
    std::string_view name = trim(release.text(reference.path));
    if (name.empty()) continue;
    out.push_back(UsedReference{&reference, std::string(name), release.locate(reference.path)});
  }
  return out;
}

std::optional<UsedReference> used_reference(const Release& release, std::string_view path) {
  for (auto& used : used_references(release)) {
    if (used.reference->path == path) return used;
  }
  return std::nullopt;
}

std::string_view narrower_environment(std::string_view a, std::string_view b) {
  return a == "default" ? b : a;
}

std::vector<RuntimeNamespace> runtime_namespaces(const Model& model, const Release& release) {
  std::vector<RuntimeNamespace> out;
  // (namespace, environment) -> index in `out`: linear in the runtimes, as
  // this runs once per release.
  std::unordered_map<std::string, size_t> index;
  for (const auto& runtime : model.runtimes) {
    if (runtime.namespace_name.empty()) continue;  // lands wherever it is applied: unknown
    if (!Model::same_environment(runtime.environment, release.environment)) continue;
    std::string env(narrower_environment(release.environment, runtime.environment));
    std::string key = runtime.namespace_name + '\n' + env;
    auto [it, added] = index.emplace(std::move(key), out.size());
    if (added) out.push_back(RuntimeNamespace{runtime.namespace_name, env, {}});
    out[it->second].runtimes.push_back(&runtime);
  }
  return out;
}

const RuntimeNamespaces::Environment& RuntimeNamespaces::environment(const Release& release) {
  auto it = by_environment_.find(release.environment);
  if (it == by_environment_.end()) {
    Environment env;
    env.runtimes = runtime_namespaces(model_, release);
    for (const auto& runtime : env.runtimes) env.namespaces.insert(runtime.namespace_name);
    it = by_environment_.emplace(release.environment, std::move(env)).first;
  }
  return it->second;
}

const std::vector<RuntimeNamespace>& RuntimeNamespaces::of(const Release& release) {
  return environment(release).runtimes;
}

bool RuntimeNamespaces::is_runtime_namespace(const Release& release,
                                             const std::string& namespace_name) {
  return environment(release).namespaces.count(namespace_name) > 0;
}

std::vector<const SecretRecord*> providers_in(const Model& model, std::string_view name,
                                              std::string_view namespace_name,
                                              std::string_view environment,
                                              std::vector<const SecretRecord*>* hashed) {
  std::vector<const SecretRecord*> out;
  for (const SecretRecord* secret : model.secrets_in(name, namespace_name, environment)) {
    if (secret->hashed_name) {
      if (hashed != nullptr) hashed->push_back(secret);
    } else {
      out.push_back(secret);
    }
  }
  return out;
}

std::string hashed_note(const std::vector<const SecretRecord*>& hashed) {
  if (hashed.empty()) return {};
  return " A Kustomize secretGenerator creates it with a hash-suffixed name, which Helm values "
         "never match; set options.disableNameSuffixHash: true on the generator.";
}

std::string renamed_note(const Model& model, std::string_view name, std::string_view namespace_name,
                         std::string_view environment, Finding& finding) {
  const SecretRecord* renamed = nullptr;
  for (const auto& secret : model.secrets) {
    if (secret.renamed_from != name || !Model::same_environment(secret.environment, environment))
      continue;
    if (!namespace_name.empty() && !secret.namespace_name.empty() &&
        secret.namespace_name != namespace_name)
      continue;
    renamed = &secret;
    break;
  }
  if (renamed == nullptr) return {};
  finding.related.push_back(
      RelatedLocation{renamed->location,
                      fmt::format("{} '{}' is renamed to '{}' by Kustomize {}", renamed->provider,
                                  name, renamed->name, renamed->rename_reason)});
  return fmt::format(
      " Kustomize renames the secret to '{}' ({}) but never rewrites names inside Helm values, "
      "so '{}' no longer matches: use '{}' in the values, or drop the prefix/suffix for this "
      "secret.",
      renamed->name, renamed->rename_reason, name, renamed->name);
}

void add_existing_copies(const Model& model, std::string_view name, std::string_view environment,
                         Finding& finding) {
  constexpr size_t kMaxExistingCopies = 5;
  size_t shown = 0, hidden = 0;
  // One note per place and text.  The text is a function of these fields,
  // so they stand in for it: a secret shared by every team has thousands of
  // copies, and only the few shown need their text formatted.
  using Note = std::tuple<FileId, uint32_t, int, std::string_view, std::string_view>;
  std::set<Note> seen;
  for (const SecretRecord* other : model.find_secrets_anywhere(name, environment)) {
    if (!other->location.known()) continue;
    // Which text, and the field it shows besides the name.
    int shape = other->hashed_name ? 0 : other->namespace_name.empty() ? 1 : 2;
    std::string_view detail = shape == 0   ? std::string_view()
                              : shape == 1 ? std::string_view(other->provider)
                                           : std::string_view(other->namespace_name);
    Note note{other->location.file, other->location.range.begin.offset, shape, other->name, detail};
    if (!seen.insert(note).second) continue;
    // A secret shared by every team would list hundreds of copies: show a few.
    if (shown == kMaxExistingCopies) {
      ++hidden;
      continue;
    }
    std::string message =
        other->hashed_name
            ? fmt::format("secretGenerator '{}' gets a hash-suffixed name", other->name)
        : other->namespace_name.empty()
            ? fmt::format("secret '{}' exists ({}, namespace not set)", other->name,
                          other->provider)
            : fmt::format("secret '{}' exists in namespace {}", other->name, other->namespace_name);
    finding.related.push_back(RelatedLocation{other->location, message});
    ++shown;
  }
  if (hidden > 0) {
    finding.related.back().message +=
        fmt::format(" (and {} more {})", hidden, hidden == 1 ? "copy" : "copies");
  }
}

namespace {

std::optional<MissingSecret> compute_missing_secret(const Model& model, const Release& release,
                                                    const UsedReference& used,
                                                    std::string_view namespace_name,
                                                    std::string_view environment) {
  // Provided by one exact-name record: stop at the first (thousands of
  // releases may share a secret name).
  auto exact = [](const SecretRecord& secret) { return !secret.hashed_name; };
  if (model.any_secret_in(used.secret, namespace_name, environment, exact)) return std::nullopt;
  std::vector<const SecretRecord*> hashed;
  providers_in(model, used.secret, namespace_name, environment, &hashed);
  if (model.unrendered_secret_in(namespace_name, release.environment)) return std::nullopt;
  Finding related;  // collects the related locations
  std::string renamed = renamed_note(model, used.secret, namespace_name, environment, related);
  add_existing_copies(model, used.secret, environment, related);
  return MissingSecret{hashed_note(hashed) + renamed, std::move(related.related)};
}

}  // namespace

std::optional<MissingSecret> missing_secret(const Model& model, RuntimeNamespaces& memo,
                                            const Release& release, const UsedReference& used,
                                            std::string_view namespace_name,
                                            std::string_view environment) {
  auto key = std::make_tuple(used.secret, std::string(namespace_name), std::string(environment),
                             release.environment);
  auto known = memo.missing.find(key);
  if (known != memo.missing.end()) return known->second;
  auto answer = compute_missing_secret(model, release, used, namespace_name, environment);
  return memo.missing.emplace(std::move(key), std::move(answer)).first->second;
}

RelatedLocation secret_keys_related(const SecretRecord& secret) {
  return RelatedLocation{secret.location,
                         fmt::format("{} has keys: {}", describe_secret(secret), key_list(secret))};
}

std::string describe_secret(const SecretRecord& secret) {
  std::string where = secret.namespace_name.empty()
                          ? std::string("(namespace not set)")
                          : fmt::format("in namespace {}", secret.namespace_name);
  return fmt::format("{} '{}' {}", secret.provider, secret.name, where);
}

std::string key_list(const SecretRecord& secret) {
  std::set<std::string> names;
  for (const auto& key : secret.keys) names.insert(key.name);
  if (names.empty()) return "no keys";
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::string where_text(const std::vector<std::string>& namespaces) {
  if (namespaces.size() == 1 && namespaces.front().empty()) return "(namespace not set)";
  return fmt::format("in namespace{} {}", namespaces.size() > 1 ? "s" : "",
                     namespaces_text(namespaces));
}

std::string namespaces_text(const std::vector<std::string>& namespaces) {
  std::string out;
  for (const auto& ns : namespaces) {
    if (!out.empty()) out += ", ";
    out += ns.empty() ? std::string("(namespace not set)") : ns;
  }
  return out;
}

namespace {

// The first copy of `name` in `ns` that fails `check`, unless some copy there
// passes (or hides its keys): a namespace is fine at its first copy that
// passes, so the visit stops there.
std::optional<IncompleteCopy> incomplete_in(const Model& model, std::string_view name,
                                            const std::string& ns, std::string_view environment,
                                            const std::vector<const SecretRecord*>* records,
                                            const ContentCheck& check) {
  std::vector<Problem> first_problems;
  const SecretRecord* first = nullptr;
  auto fine = [&](const SecretRecord& record) {
    if (record.hashed_name) return false;
    if (!record.keys_known) return true;
    std::vector<Problem> problems = check(record);
    if (problems.empty()) return true;
    if (first == nullptr) {
      first = &record;
      first_problems = std::move(problems);
    }
    return false;
  };
  bool passed = false;
  if (records != nullptr) {
    passed = std::any_of(records->begin(), records->end(),
                         [&](const SecretRecord* record) { return fine(*record); });
  } else {
    passed = model.any_secret_placed_in(name, ns, environment, fine);
  }
  if (passed || first == nullptr) return std::nullopt;
  IncompleteCopy copy;
  copy.namespaces.push_back(ns);
  copy.secret = first;
  for (const auto& p : first_problems) copy.signature += p.text + ";";
  copy.problems = std::move(first_problems);
  return copy;
}

// The copies of `name` visible to `environment` by exact namespace, each
// namespace's in model order (the order any_secret_placed_in visits them).
std::map<std::string, std::vector<const SecretRecord*>> copies_by_namespace(
    const Model& model, std::string_view name, std::string_view environment) {
  std::map<std::string, std::vector<const SecretRecord*>> by_namespace;
  for (const SecretRecord* secret : model.find_secrets_anywhere(name, environment)) {
    by_namespace[secret->namespace_name].push_back(secret);
  }
  return by_namespace;
}

}  // namespace

std::vector<IncompleteCopy> incomplete_copies(const Model& model, RuntimeNamespaces& runtimes,
                                              const Release& release, std::string_view name,
                                              std::string_view check_key,
                                              const ContentCheck& check) {
  // One finding per namespace whose copy is incomplete (rules.md), in
  // namespace order.  `failures`: the failing namespaces among the copies
  // `include` takes, worked out once per (kind, environment, secret, check),
  // the same for every release there.
  auto failures = [&](std::string_view kind, auto include) -> const std::vector<IncompleteCopy>& {
    std::string key = fmt::format("{}\n{}\n{}\n{}", kind, release.environment, name, check_key);
    auto memo = runtimes.runtime_failures.find(key);
    if (memo != runtimes.runtime_failures.end()) return memo->second;
    std::vector<IncompleteCopy> found;
    for (const auto& [ns, records] : copies_by_namespace(model, name, release.environment)) {
      if (!include(ns)) continue;
      if (auto copy = incomplete_in(model, name, ns, release.environment, &records, check)) {
        found.push_back(std::move(*copy));
      }
    }
    return runtimes.runtime_failures.emplace(std::move(key), std::move(found)).first->second;
  };
  if (release.namespace_name.empty()) {
    // The release namespace is unknown: every copy may be the one it reads.
    return failures("any", [](const std::string&) { return true; });
  }
  // The namespaces whose copy Seldon reads for this release: every runtime
  // namespace (the same for every release of the environment), its own and
  // the request-logging namespace.  A copy elsewhere (the Kafka operator's
  // namespace a reflector copies from) is not read.  Driven by the copies,
  // not the namespaces: a namespace without a copy is SL301's finding, and
  // there may be thousands of runtime namespaces.
  std::vector<IncompleteCopy> out = failures(
      "runtime", [&](const std::string& ns) { return runtimes.is_runtime_namespace(release, ns); });
  std::set<std::string> others = {release.namespace_name,
                                  ""};  // namespace not set: lands wherever it is applied
  if (model.settings.logs_namespace && !model.settings.logs_namespace->empty()) {
    others.insert(*model.settings.logs_namespace);
  }
  for (const auto& ns : others) {
    if (runtimes.is_runtime_namespace(release, ns)) continue;
    if (auto copy = incomplete_in(model, name, ns, release.environment, nullptr, check)) {
      out.push_back(std::move(*copy));
    }
  }
  std::sort(out.begin(), out.end(), [](const IncompleteCopy& a, const IncompleteCopy& b) {
    return a.namespaces.front() < b.namespaces.front();
  });
  return out;
}

}  // namespace seldon_lint::secrets
