// Flux Kustomizations (kustomize.toolkit.fluxcd.io): where they apply, and
// their `postBuild` substitution of `${VAR}` in the values of the releases
// they apply (`substitute`, `substituteFrom` ConfigMaps and Secrets).
#include "linter/model/sources/flux_substitution.hpp"

#include <cctype>

#include "linter/base/text.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/source_context.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

FluxRecord flux_record(const Model& model, FileId id, const Node& root) {
  FluxRecord record{id, &root, {}, false, false, {}};
  std::string path = scalar_at(&root, "spec.path");
  record.apply.folder = normalise_root_path(path.empty() ? std::string("./") : path);
  record.apply.target_namespace = scalar_at(&root, "spec.targetNamespace");
  record.apply.environment = model.files[id].environment;
  return record;
}

// The variables a `substituteFrom` Secret provides: only their names (secret
// values never reach a message); false when its keys are not known.
bool add_secret_vars(const Model& model, const std::string& name, FluxRecord& f) {
  const SecretRecord* secret = nullptr;
  for (const auto& s : model.secrets) {
    if (s.name == name && !s.hashed_name &&
        Model::same_environment(s.environment, f.apply.environment)) {
      secret = &s;
    }
  }
  if (secret == nullptr || !secret->keys_known) return false;
  for (const auto& k : secret->keys) {
    if (f.vars.count(k.name) == 0) f.vars[k.name] = std::nullopt;
  }
  return true;
}

void resolve_one(SourceContext& ctx, FluxRecord& f) {
  const Node* post = f.root->at("spec.postBuild");
  if (post == nullptr || !post->is_map()) return;
  f.substitutes = true;
  if (const Node* sub = post->find("substitute"); sub != nullptr && sub->is_map()) {
    for (const auto& e : sub->entries) {
      f.vars[e.key] = e.value.is_scalar() ? std::optional<std::string>(e.value.scalar)
                                          : std::optional<std::string>(std::string());
    }
  }
  const Node* from = post->find("substituteFrom");
  if (from == nullptr || !from->is_seq()) return;
  for (const auto& item : from->items) {
    std::string kind = scalar_at(&item, "kind");
    std::string name = scalar_at(&item, "name");
    if (kind == "Secret") {
      if (!add_secret_vars(ctx.model, name, f)) f.open = true;
      continue;
    }
    const DataObject* found = nullptr;
    if (kind == "ConfigMap") found = ctx.find_data("ConfigMap", name, "", f.apply.environment);
    if (found == nullptr || !found->keys_known) {
      f.open = true;
      continue;
    }
    for (const auto& e : found->entries) {
      std::optional<std::string> value;
      if (e.value != nullptr && e.value->is_scalar()) value = e.value->scalar;
      if (f.vars.count(e.key) == 0) f.vars[e.key] = value;
    }
  }
}

bool substitute(Node& node, const FluxRecord& f) {
  bool changed = false;
  if (node.is_scalar()) {
    auto refs = find_variables(node.scalar);
    if (refs.empty()) return false;
    std::string out;
    size_t last = 0;
    for (const auto& ref : refs) {
      out.append(node.scalar, last, ref.begin - last);
      auto it = f.vars.find(ref.name);
      if (it != f.vars.end() && it->second.has_value()) {
        out += *it->second;
      } else if (it == f.vars.end() && ref.has_default) {
        out += ref.default_value;
      } else {
        out.append(node.scalar, ref.begin, ref.end - ref.begin);
      }
      last = ref.end;
    }
    out.append(node.scalar, last, std::string::npos);
    if (out != node.scalar) {
      node.scalar = std::move(out);
      changed = true;
    }
    return changed;
  }
  for (auto& e : node.entries) changed = substitute(e.value, f) || changed;
  for (auto& i : node.items) changed = substitute(i, f) || changed;
  return changed;
}

}  // namespace

std::vector<VariableRef> find_variables(std::string_view text) {
  std::vector<VariableRef> out;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '$' || text[i + 1] != '{') continue;
    if (i > 0 && text[i - 1] == '$') continue;  // $${VAR} is a literal
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) break;
    std::string_view inner = text.substr(i + 2, close - i - 2);
    VariableRef ref;
    size_t name_end = 0;
    while (name_end < inner.size() &&
           (std::isalnum(static_cast<unsigned char>(inner[name_end])) || inner[name_end] == '_')) {
      ++name_end;
    }
    ref.name = std::string(inner.substr(0, name_end));
    if (ref.name.empty()) continue;
    std::string_view rest = inner.substr(name_end);
    if (!rest.empty()) {
      if (starts_with(rest, ":=") || starts_with(rest, ":-")) {
        ref.has_default = true;
        ref.default_value = std::string(rest.substr(2));
      } else if (rest[0] == '=' || rest[0] == '-') {
        ref.has_default = true;
        ref.default_value = std::string(rest.substr(1));
      } else {
        continue;  // not a variable reference Flux understands
      }
    }
    ref.begin = i;
    ref.end = close + 1;
    out.push_back(std::move(ref));
    i = close;
  }
  return out;
}

std::vector<FluxRecord> find_flux_kustomizations(const Model& model,
                                                 const std::vector<SourceDocument>& documents) {
  std::vector<FluxRecord> out;
  for (const auto& document : documents) {
    if (document.doc >= 0 && document.kind == "Kustomization" &&
        api_group_is(document.api_version, "kustomize.toolkit.fluxcd.io")) {
      const Node& root = model.files[document.file].documents[size_t(document.doc)].root;
      out.push_back(flux_record(model, document.file, root));
    }
  }
  return out;
}

void resolve_substitutions(SourceContext& ctx) {
  for (auto& f : ctx.flux) resolve_one(ctx, f);
}

void apply_substitutions(SourceContext& ctx, ReleaseDraft& draft) {
  if (draft.flux < 0) return;
  const FluxRecord& f = ctx.flux[static_cast<size_t>(draft.flux)];
  if (!f.substitutes) return;
  Release& release = draft.release;
  release.substituted = true;
  release.substitution_open = f.open;
  for (const auto& [name, value] : f.vars) release.substitution_vars.insert(name);
  for (auto& layer : release.layers) {
    if (layer.values == nullptr) continue;  // an unreadable layer (SL005): nothing to substitute
    Node copy = *layer.values;
    if (substitute(copy, f)) layer.values = ctx.own(std::move(copy));
  }
  if (!f.apply.target_namespace.empty()) release.namespace_name = f.apply.target_namespace;
}

}  // namespace seldon_lint
