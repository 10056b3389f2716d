// Copies of secrets into other namespaces made at run time by reflector
// (emberstack) and replicator (mittwald): listed namespaces, every namespace,
// or namespace patterns resolved against the namespaces the model knows.
#include <optional>
#include <set>
#include "linter/base/glob.hpp"
#include "linter/base/text.hpp"
#include "linter/model/objects/object_context.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

// A reflector/replicator namespace pattern (a regular expression) as a
// glob: `.*` → `*`, `.` → `?`, anchors dropped.  Empty when the pattern uses
// more of the regex language than that (then it is taken to match anything).
std::optional<std::string> pattern_as_glob(std::string_view pattern) {
  std::string glob;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
      glob.push_back(c);
    } else if (c == '.' && i + 1 < pattern.size() &&
               (pattern[i + 1] == '*' || pattern[i + 1] == '+')) {
      glob += pattern[i + 1] == '*' ? "*" : "?*";
      ++i;
    } else if (c == '.') {
      glob.push_back('?');
    } else if ((c == '^' && i == 0) || (c == '$' && i + 1 == pattern.size())) {
      continue;
    } else if (c == '*' && i + 1 == pattern.size() && pattern.size() == 1) {
      glob.push_back('*');  // "*": every namespace
    } else {
      return std::nullopt;
    }
  }
  return glob;
}

}  // namespace

// A Secret that reflector (`reflects`) or replicator (`replicate-from`) fills
// from another secret.
bool is_mirror(const Node* annotations) {
  return annotations != nullptr && annotations->is_map() &&
         (annotations->find("reflector.v1.k8s.emberstack.com/reflects") != nullptr ||
          annotations->find("replicator.v1.mittwald.de/replicate-from") != nullptr);
}

// reflector / replicator annotations copy a secret into other namespaces.
// `annotations` are those the created Secret carries: the Secret's own, or
// the template an operator writes it from (SealedSecret, ExternalSecret,
// KafkaUser, Kafka CA, cert-manager Certificate).
void add_reflected_copies(ObjectContext& ctx, const SecretRecord& secret, const Node* annotations) {
  if (annotations == nullptr || !annotations->is_map()) return;
  std::vector<std::string> targets;
  bool every_namespace = false;
  auto collect = [&](std::string_view key) {
    const Node* n = annotations->find(key);
    if (n == nullptr || !n->is_scalar()) return false;
    bool any = false;
    for (auto part : split(n->scalar, ',')) {
      std::string ns(trim(part));
      if (!ns.empty()) {
        targets.push_back(ns);
        any = true;
      }
    }
    return any;
  };
  const Node* auto_enabled =
      annotations->find("reflector.v1.k8s.emberstack.com/reflection-auto-enabled");
  bool reflector_auto = yaml::is_true(auto_enabled) || auto_enabled == nullptr;
  if (reflector_auto) {
    bool listed = collect("reflector.v1.k8s.emberstack.com/reflection-auto-namespaces") ||
                  collect("reflector.v1.k8s.emberstack.com/reflection-allowed-namespaces");
    // Auto-enabled without a namespace list: reflector mirrors it everywhere.
    if (!listed && yaml::is_true(auto_enabled) &&
        yaml::is_true(annotations->find("reflector.v1.k8s.emberstack.com/reflection-allowed"))) {
      every_namespace = true;
    }
  }
  collect("replicator.v1.mittwald.de/replicate-to");
  // A namespace label selector: the namespaces are not known here.
  if (annotations->find("replicator.v1.mittwald.de/replicate-to-matching") != nullptr) {
    every_namespace = true;
  }
  SecretRecord copy = secret;
  copy.provider = secret.provider + " (reflected)";
  copy.plaintext = false;  // the copy is not a second committed credential
  if (every_namespace) {
    ctx.pending_reflections.emplace_back(copy, "*");
    return;
  }
  for (const auto& ns : targets) {
    if (ns.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
      ctx.pending_reflections.emplace_back(copy,
                                           ns);  // a pattern, resolved once namespaces are known
      continue;
    }
    copy.namespace_name = ns;
    ctx.model.secrets.push_back(copy);
  }
}

// Copies made by reflector/replicator into every namespace, or into
// namespaces matching a pattern: one copy per namespace the model knows of
// (where Seldon runs, the request-logging namespace, every namespace named).
void resolve_pending_reflections(ObjectContext& ctx) {
  if (ctx.pending_reflections.empty()) return;
  std::set<std::string> namespaces;
  for (const auto& r : ctx.model.runtimes) namespaces.insert(r.namespace_name);
  for (const auto& r : ctx.model.releases) namespaces.insert(r.namespace_name);
  for (const auto& s : ctx.model.secrets) namespaces.insert(s.namespace_name);
  if (ctx.model.settings.logs_namespace) namespaces.insert(*ctx.model.settings.logs_namespace);
  namespaces.erase("");
  for (const auto& [secret, pattern] : ctx.pending_reflections) {
    std::optional<std::string> glob =
        pattern == "*" ? std::optional<std::string>("*") : pattern_as_glob(pattern);
    for (const auto& ns : namespaces) {
      if (ns == secret.namespace_name) continue;
      if (glob && !glob_match(*glob, ns)) continue;
      SecretRecord copy = secret;
      copy.namespace_name = ns;
      ctx.model.secrets.push_back(std::move(copy));
    }
  }
  ctx.pending_reflections.clear();
}

}  // namespace seldon_lint
