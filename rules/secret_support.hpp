// Shared by the secret rules (SL204, SL205, SL301-SL303): which Kafka secret
// references a release actually uses, where Seldon needs them, and the copies
// of a secret the repository provides.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "linter/model/facts/chart_facts.hpp"
#include "rules/kafka_values.hpp"
#include "seldon_lint/finding.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint::secrets {

// The values paths, defined once in kafka_values.hpp.
using kafka::kBrokerSecret;
using kafka::kMechanism;
using kafka::kPasswordPath;
using kafka::kProtocol;
using kafka::kSaslSecret;
using kafka::kUsername;
inline constexpr std::string_view kClientSecret = kafka::kSslSecret;

// Effective protocol; absent or empty behaves as PLAINTEXT.
std::string_view effective_protocol(const Release& release);
// Does this protocol make the components read the SASL secret / the client
// certificate / the broker CA?  Valid protocols follow the chart; an invalid
// one (SL102's case) counts as using what its spelling suggests, since some
// components still read it.
bool uses_sasl(std::string_view protocol);
bool uses_client_certificate(std::string_view protocol);
bool uses_broker_ca(std::string_view protocol);

struct UsedReference {
  const facts::SecretReference* reference;
  std::string secret;  // the secret's name
  Location where;      // the value in the layer that set it
};
// Non-empty secret references the protocol uses (the rest is SL105's).
std::vector<UsedReference> used_references(const Release& release);
// One reference by path, if used.
std::optional<UsedReference> used_reference(const Release& release, std::string_view path);

// A namespace where Seldon's data plane runs for this release.
struct RuntimeNamespace {
  std::string namespace_name;
  std::string environment;                     // the more specific of runtime and release
  std::vector<const RuntimeRecord*> runtimes;  // every runtime in it
};
std::vector<RuntimeNamespace> runtime_namespaces(const Model& model, const Release& release);

// Content checks (SL204, SL205, SL303): the copies of a secret whose keys are
// known, one group per namespace (rules.md: one finding per reference and
// namespace whose copy is incomplete).
struct Problem {
  std::string text;          // never a secret value
  Location where;            // a key, or unknown
  std::string related_text;  // message for `where`
};
struct IncompleteCopy {
  std::vector<std::string> namespaces;   // sorted; "" = namespace not set
  const SecretRecord* secret = nullptr;  // representative record
  std::vector<Problem> problems;
  std::string signature;  // for identities: the problems, joined
};
// What missing_secret reports: the closing notes of the message and the
// related locations.
struct MissingSecret {
  std::string notes;
  std::vector<RelatedLocation> related;
};

// runtime_namespaces for many releases: it depends only on the release's
// environment, so each environment is computed once (a rule over every
// release stays linear in releases plus runtimes, not their product).  It
// also keeps the memos of incomplete_copies and missing_secret for one rule
// run.
class RuntimeNamespaces {
 public:
  explicit RuntimeNamespaces(const Model& model) : model_(model) {}
  const std::vector<RuntimeNamespace>& of(const Release& release);
  bool is_runtime_namespace(const Release& release, const std::string& namespace_name);

  // incomplete_copies' memo: per (environment, secret, check), the runtime
  // namespaces whose copies fail the check (or, for a release whose
  // namespace is unknown, every namespace), by namespace.
  std::unordered_map<std::string, std::vector<IncompleteCopy>> runtime_failures;
  // missing_secret's memo: per (secret, namespace, environment, release
  // environment).  Many releases miss the same secret in the same namespace,
  // and each answer walks every copy of the secret.
  std::map<std::tuple<std::string, std::string, std::string, std::string>,
           std::optional<MissingSecret>>
      missing;

 private:
  struct Environment {
    std::vector<RuntimeNamespace> runtimes;
    std::set<std::string> namespaces;
  };
  const Environment& environment(const Release& release);
  const Model& model_;
  std::unordered_map<std::string, Environment> by_environment_;
};

// The environment to look secrets up in: the more specific of the two.
std::string_view narrower_environment(std::string_view a, std::string_view b);

// Records that provide secret `name` in `namespace_name`; hash-suffixed
// Kustomize generator names never match and go to `hashed` instead.
std::vector<const SecretRecord*> providers_in(const Model& model, std::string_view name,
                                              std::string_view namespace_name,
                                              std::string_view environment,
                                              std::vector<const SecretRecord*>* hashed = nullptr);

// " A Kustomize secretGenerator creates it with a hash-suffixed name..." or "".
std::string hashed_note(const std::vector<const SecretRecord*>& hashed);
// " Kustomize renames the Secret to 'prod-x' (namePrefix ...) but never
// rewrites names inside Helm values..." when the referenced name is what a
// Kustomize-renamed secret was called in `namespace_name` (or "" for any), with
// the renamed secret as related location; "" otherwise.
std::string renamed_note(const Model& model, std::string_view name, std::string_view namespace_name,
                         std::string_view environment, Finding& finding);
// Related locations "secret 'x' exists in namespace y" for every copy of the
// secret in the environment (and "gets a hash-suffixed name" for generators).
void add_existing_copies(const Model& model, std::string_view name, std::string_view environment,
                         Finding& finding);

// A used secret reference that nothing provides in `namespace_name`: the
// closing notes of the message (hash-suffixed generator, Kustomize rename)
// and the related locations (the renamed secret, then the existing copies).
// nullopt when a record provides the secret there (looked up in
// `environment`), or when a chart object that could not be rendered may be it
// (SL005 says so).
std::optional<MissingSecret> missing_secret(const Model& model, RuntimeNamespaces& memo,
                                            const Release& release, const UsedReference& used,
                                            std::string_view namespace_name,
                                            std::string_view environment);

// "Secret kafka-sasl in namespace seldon-mesh" / "SealedSecret kafka-sasl (namespace not set)"
std::string describe_secret(const SecretRecord& secret);
// "password, username" (or "no keys")
std::string key_list(const SecretRecord& secret);
// The related location "Secret x in namespace y has keys: a, b" at the secret.
RelatedLocation secret_keys_related(const SecretRecord& secret);

using ContentCheck = std::function<std::vector<Problem>(const SecretRecord&)>;
// Checks the copies of `name` visible to the release's environment in the
// namespaces Seldon reads it from (the release's, runtime and request-logging
// namespaces; every namespace when the release's is unknown); a namespace is
// fine when any of its copies passes or hides its keys.
// `check_key` names everything `check` depends on besides the record (the
// key a rule expects, the provider): equal keys give equal verdicts, so the
// runtime namespaces are checked once per (environment, secret, key).
std::vector<IncompleteCopy> incomplete_copies(const Model& model, RuntimeNamespaces& runtimes,
                                              const Release& release, std::string_view name,
                                              std::string_view check_key,
                                              const ContentCheck& check);
std::string namespaces_text(const std::vector<std::string>& namespaces);
// "in namespace seldon-mesh", "in namespaces a, b", "(namespace not set)"
std::string where_text(const std::vector<std::string>& namespaces);

}  // namespace seldon_lint::secrets
