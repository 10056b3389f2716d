// The ConfigMaps and Secrets that Flux `valuesFrom` and `substituteFrom` can
// name: ConfigMap/Secret manifests, and Kustomize `configMapGenerator` /
// `secretGenerator` entries (generated secrets also join the model's secrets).
#include <algorithm>

#include "linter/base/base64.hpp"
#include "linter/base/text.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/source_context.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

// `key=path`, `path` → (key, path)
std::pair<std::string, std::string> split_file_source(const std::string& item) {
  size_t eq = item.find('=');
  if (eq != std::string::npos) return {item.substr(0, eq), item.substr(eq + 1)};
  size_t slash = item.rfind('/');
  return {slash == std::string::npos ? item : item.substr(slash + 1), item};
}

// The name Kustomize gives a generated object at one placement: prefixes and
// suffixes of the kustomizations above, and "-<hash>" for a hashed name
// (which only a `configurations:` nameReference entry makes a reference match).
const GeneratedName* generated_name(const SourceContext& ctx, FileId id, const Node& gen,
                                    const Placement& place) {
  return ctx.kustomize == nullptr ? nullptr : ctx.kustomize->generated(id, &gen, place.overlays());
}

void add_generated_configmap(SourceContext& ctx, FileId id, const Node& gen, const Placement& place,
                             const std::string& ns) {
  const std::string& path = ctx.model.files[id].path;
  DataObject object;
  object.kind = "ConfigMap";
  object.name = scalar_at(&gen, "name");
  if (const GeneratedName* generated = generated_name(ctx, id, gen, place)) {
    object.name = generated->name + (generated->rename.hashed ? "-<hash>" : "");
  }
  object.namespace_name = ns;
  object.environment = place.environment;
  if (const Node* files = gen.find("files"); files != nullptr && files->is_seq()) {
    for (const auto& f : files->items) {
      if (!f.is_scalar()) continue;
      auto [key, rel] = split_file_source(f.scalar);
      std::string resolved = resolve_relative(path, rel);
      auto file = ctx.file_at(resolved);
      // ConfigMap content, never a standalone values release of its own (also
      // when the release cannot find the ConfigMap under its generated name).
      if (file) ctx.referenced.insert(*file);
      object.entries.push_back(DataEntry{key, nullptr, file ? *file : kNoFile, f.location()});
    }
  }
  if (const Node* lits = gen.find("literals"); lits != nullptr && lits->is_seq()) {
    for (const auto& l : lits->items) {
      if (!l.is_scalar()) continue;
      size_t eq = l.scalar.find('=');
      if (eq == std::string::npos) continue;
      Node value = l;
      value.scalar = l.scalar.substr(eq + 1);
      object.entries.push_back(
          DataEntry{l.scalar.substr(0, eq), ctx.own(std::move(value)), kNoFile, l.location()});
    }
  }
  if (gen.find("envs") != nullptr || gen.find("env") != nullptr) {
    object.keys_known = false;  // .env files are not read
  }
  if (!object.name.empty()) ctx.add_data(std::move(object));
}

void add_generated_secret(SourceContext& ctx, FileId id, const Node& gen, const Placement& place,
                          const std::string& ns, bool no_hash) {
  SecretRecord secret;
  secret.name = scalar_at(&gen, "name");
  if (secret.name.empty()) return;
  if (const GeneratedName* generated = generated_name(ctx, id, gen, place);
      generated != nullptr && generated->name != secret.name) {
    secret.renamed_from = secret.name;
    secret.rename_reason = generated->rename.reason;
    secret.name = generated->name;
  }
  secret.namespace_name = ns;
  secret.environment = place.environment;
  secret.provider = "Kustomize secretGenerator";
  secret.location = gen.find("name") != nullptr ? gen.find("name")->location() : first_key(gen);
  secret.hashed_name = !(no_hash || yaml::is_true(gen.at("options.disableNameSuffixHash")));
  secret.keys_known = true;
  if (const Node* lits = gen.find("literals"); lits != nullptr && lits->is_seq()) {
    for (const auto& l : lits->items) {
      if (!l.is_scalar()) continue;
      size_t eq = l.scalar.find('=');
      if (eq == std::string::npos) continue;
      SecretKey key;
      key.name = std::string(trim(std::string_view(l.scalar).substr(0, eq)));
      key.location = l.location();
      key.value_visible = true;
      key.value = l.scalar.substr(eq + 1);
      secret.keys.push_back(std::move(key));
      secret.plaintext = true;  // a literal credential committed in clear
    }
  }
  if (const Node* files = gen.find("files"); files != nullptr && files->is_seq()) {
    for (const auto& f : files->items) {
      if (!f.is_scalar()) continue;
      SecretKey key;
      key.name = split_file_source(f.scalar).first;
      key.location = f.location();
      secret.keys.push_back(std::move(key));
    }
  }
  if (gen.find("envs") != nullptr || gen.find("env") != nullptr) secret.keys_known = false;
  ctx.model.secrets.push_back(std::move(secret));
}

}  // namespace

void visit_configmap(SourceContext& ctx, FileId id, const Node& root, const std::string& kind) {
  bool encrypted = root.find("sops") != nullptr;
  std::vector<DataEntry> entries;
  // A Secret's `stringData` wins over `data` for the same key; `data` is base64.
  for (const char* field : {"data", "stringData"}) {
    if (kind != "Secret" && std::string_view(field) == "stringData") continue;
    const Node* data = root.find(field);
    if (data == nullptr || !data->is_map()) continue;
    bool base64 = kind == "Secret" && std::string_view(field) == "data";
    for (const auto& e : data->entries) {
      const Node* value = &e.value;
      if (encrypted) {
        value = nullptr;  // ENC[...]: the key exists, its value cannot be read
      } else if (base64) {
        std::string decoded;
        if (!e.value.is_scalar() || !decode_base64(e.value.scalar, decoded)) {
          value = nullptr;
        } else {
          Node plain = e.value;
          plain.scalar = std::move(decoded);
          plain.style = yaml::Style::Plain;  // positions point at the encoded value
          value = ctx.own(std::move(plain));
        }
      }
      auto same = std::find_if(entries.begin(), entries.end(),
                               [&](const DataEntry& d) { return d.key == e.key; });
      if (same != entries.end()) entries.erase(same);
      entries.push_back(DataEntry{e.key, value, kNoFile, {e.key_file, e.key_range}});
    }
  }
  if (entries.empty() && !encrypted) return;
  for (const auto& place : ctx.placements_of(id, root)) {
    DataObject object;
    object.kind = kind;
    object.name = scalar_at(&root, "metadata.name");
    object.namespace_name = place.namespace_name;
    object.environment = place.environment;
    object.encrypted = encrypted;
    object.entries = entries;
    ctx.add_data(std::move(object));
  }
}

void visit_kustomization_generators(SourceContext& ctx, FileId id, const Node& root) {
  std::string own_ns = scalar_at(&root, "namespace");
  bool no_hash = yaml::is_true(root.at("generatorOptions.disableNameSuffixHash"));
  for (const auto& place : ctx.kustomization_places(id)) {
    auto namespace_for = [&](const Node& entry) {
      if (!place.namespace_name.empty()) return place.namespace_name;
      std::string ns = scalar_at(&entry, "namespace");
      return ns.empty() ? own_ns : ns;
    };
    if (const Node* gens = root.find("configMapGenerator"); gens != nullptr && gens->is_seq()) {
      for (const auto& gen : gens->items) {
        add_generated_configmap(ctx, id, gen, place, namespace_for(gen));
      }
    }
    if (const Node* gens = root.find("secretGenerator"); gens != nullptr && gens->is_seq()) {
      for (const auto& gen : gens->items) {
        add_generated_secret(ctx, id, gen, place, namespace_for(gen), no_hash);
      }
    }
  }
}

}  // namespace seldon_lint
