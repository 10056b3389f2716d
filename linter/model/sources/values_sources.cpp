#include "linter/model/sources/values_sources.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "linter/model/facts/chart_facts.hpp"
#include "linter/input/environment.hpp"
#include "linter/base/glob.hpp"
#include "linter/model/helm_merge.hpp"
#include "linter/model/model_builder.hpp"
#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

using yaml::Kind;
using yaml::Node;

std::string scalar_at(const Node* root, std::string_view path) {
  const Node* n = root == nullptr ? nullptr : root->at(path);
  return n == nullptr || !n->is_scalar() ? std::string() : n->scalar;
}

Location first_key(const Node& root) {
  if (root.is_map() && !root.entries.empty()) {
    return Location{root.entries.front().key_file, root.entries.front().key_range};
  }
  return root.location();
}

bool api_group_is(const std::string& api_version, std::string_view group) {
  return starts_with(api_version, std::string(group) + "/") || api_version == group;
}

bool chart_is(std::string_view chart, std::string_view wanted) {
  // "seldon-core-v2-setup", "seldon-charts/seldon-core-v2-setup", "oci://.../seldon-core-v2-setup"
  return chart == wanted || (ends_with(chart, wanted) && chart.size() > wanted.size() &&
                             chart[chart.size() - wanted.size() - 1] == '/');
}

bool templated(std::string_view text) {
  return text.find("{{") != std::string_view::npos;
}

void set_file_ranges(Node& node, FileId file, Range range) {
  node.file = file;
  node.range = range;
  for (auto& e : node.entries) {
    e.key_file = file;
    e.key_range = range;
    set_file_ranges(e.value, file, range);
  }
  for (auto& i : node.items) set_file_ranges(i, file, range);
}

// A generated or declared ConfigMap/Secret that `valuesFrom` / `substituteFrom` can name.
struct DataEntry {
  std::string key;
  const Node* value = nullptr;  // string scalar in the manifest (ConfigMap data, literal)
  FileId file = kNoFile;        // generator `files:` entry: the file holding the value
  Location location;
};

struct DataObject {
  std::string kind;  // "ConfigMap" or "Secret"
  std::string name;
  std::string namespace_name;
  std::string environment;
  bool keys_known = true;
  std::vector<DataEntry> entries;
  const DataEntry* entry(std::string_view key) const {
    for (const auto& e : entries) {
      if (e.key == key) return &e;
    }
    return nullptr;
  }
};

struct FluxRecord {
  FileId file;
  const Node* root;
  FluxApply apply;
  bool substitutes = false;
  bool open = false;  // a substituteFrom source is not in the repository
  std::map<std::string, std::optional<std::string>> vars;  // value when visible
};

}  // namespace

// ---- free helpers --------------------------------------------------------------

std::optional<Node> parse_embedded_yaml(const SourceFile& file, FileId id, const Node& scalar,
                                        YamlParser& parser) {
  if (!scalar.is_scalar() || scalar.scalar.empty()) return std::nullopt;
  YamlParseOptions options;
  options.file = id;
  bool exact = scalar.style == yaml::Style::Literal && scalar.file == id && scalar.range.known() &&
               scalar.range.begin.line < file.line_starts.size();
  if (exact) {
    // Blank everything but the block's content lines: the embedded document
    // then sits at the same offsets, lines and columns as in the file.
    uint32_t content_begin = file.line_starts[scalar.range.begin.line];  // line after `|`
    uint32_t content_end =
        std::min<uint32_t>(scalar.range.end.offset, static_cast<uint32_t>(file.text.size()));
    if (content_begin < content_end) {
      std::string masked(file.text.size(), ' ');
      for (size_t i = 0; i < file.text.size(); ++i) {
        if (file.text[i] == '\n') masked[i] = '\n';
      }
      std::copy(file.text.begin() + content_begin, file.text.begin() + content_end,
                masked.begin() + content_begin);
      YamlParseResult result = parser.parse(masked, file.line_starts, options);
      if (!result.syntax_error && !result.documents.empty() &&
          result.documents.front().root.is_map()) {
        return std::move(result.documents.front().root);
      }
      if (result.syntax_error) return std::nullopt;
    }
  }
  std::string text = scalar.scalar;
  auto starts = compute_line_starts(text);
  options.file = id;
  YamlParseResult result = parser.parse(text, starts, options);
  if (result.syntax_error || result.documents.empty() || !result.documents.front().root.is_map()) {
    return std::nullopt;
  }
  Node root = std::move(result.documents.front().root);
  set_file_ranges(root, scalar.file, scalar.range);
  return root;
}

void set_parameter(Node& root, std::string_view name, Node value, Location key_location,
                   bool force_string) {
  // Split on unescaped dots; `key[3]` indexes a list.
  struct Step {
    std::string key;
    std::vector<size_t> indexes;
  };
  std::vector<Step> steps(1);
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '\\' && i + 1 < name.size()) {
      steps.back().key.push_back(name[++i]);
    } else if (c == '.') {
      steps.emplace_back();
    } else if (c == '[') {
      size_t close = name.find(']', i);
      if (close == std::string_view::npos) return;
      std::string digits(name.substr(i + 1, close - i - 1));
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return;
      steps.back().indexes.push_back(static_cast<size_t>(std::stoul(digits)));
      i = close;
    } else {
      steps.back().key.push_back(c);
    }
  }
  if (!force_string && value.is_scalar() && value.scalar == "null") {
    value.kind = Kind::Null;
    value.scalar.clear();
  }
  if (force_string && value.kind == Kind::Null) value.kind = Kind::Scalar;
  Node* current = &root;
  for (const auto& step : steps) {
    if (step.key.empty()) return;
    if (current->kind != Kind::Map) {
      *current = Node{};
      current->kind = Kind::Map;
      current->file = key_location.file;
      current->range = key_location.range;
    }
    Node* next = current->find(step.key);
    if (next == nullptr) {
      yaml::Entry entry;
      entry.key = step.key;
      entry.key_file = key_location.file;
      entry.key_range = key_location.range;
      entry.value.file = key_location.file;
      entry.value.range = key_location.range;
      current->entries.push_back(std::move(entry));
      next = &current->entries.back().value;
    } else {
      yaml::Entry* e = nullptr;
      for (auto& candidate : current->entries) {
        if (candidate.key == step.key) e = &candidate;
      }
      if (e != nullptr) {
        e->key_file = key_location.file;
        e->key_range = key_location.range;
      }
    }
    current = next;
    for (size_t index : step.indexes) {
      if (index > 10000) return;
      if (current->kind != Kind::Seq) {
        *current = Node{};
        current->kind = Kind::Seq;
        current->file = key_location.file;
        current->range = key_location.range;
      }
      while (current->items.size() <= index) {
        Node item;
        item.file = key_location.file;
        item.range = key_location.range;
        current->items.push_back(item);
      }
      current = &current->items[index];
    }
  }
  *current = std::move(value);
}

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

// ---- the sources ----------------------------------------------------------------

struct ValuesSources::Impl {
  Model& model;
  YamlParser parser;
  std::vector<FluxRecord> flux;
  std::vector<FluxApply> applies;
  std::unordered_map<std::string, FileId> by_path;
  std::vector<DataObject> data_objects;
  std::unordered_multimap<std::string, size_t> data_by_name;
  std::set<FileId> referenced;
  const KustomizeLayout* layout = nullptr;
  bool unresolved_substitution = false;

  explicit Impl(Model& m) : model(m) {
    for (FileId id = 0; id < model.files.size(); ++id) {
      by_path[model.files[id].path] = id;
      for (const auto& doc : model.files[id].documents) {
        const Node& root = doc.root;
        if (!root.is_map()) continue;
        if (scalar_at(&root, "kind") == "Kustomization" &&
            api_group_is(scalar_at(&root, "apiVersion"), "kustomize.toolkit.fluxcd.io")) {
          add_flux(id, root);
        }
      }
    }
    for (const auto& f : flux) applies.push_back(f.apply);
  }

  // ---- files -----------------------------------------------------------------
  // Files the prefilter skipped are parsed when a release names them.
  const Node* values_root(FileId id) {
    SourceFile& file = model.files[id];
    if (file.kind != FileKind::Yaml) return nullptr;
    if (file.documents.empty() && !file.relevant && !file.text.empty()) {
      YamlParseOptions options;
      options.file = id;
      YamlParseResult result = parser.parse(file.text, file.line_starts, options);
      file.documents = std::move(result.documents);
    }
    for (const auto& doc : file.documents) {
      if (doc.root.is_map()) return &doc.root;
    }
    return nullptr;
  }

  std::optional<FileId> file_at(const std::string& path) const {
    auto it = by_path.find(path);
    if (it == by_path.end()) return std::nullopt;
    return it->second;
  }

  const Node* own(Node node) {
    model.owned.push_back(std::move(node));
    return &model.owned.back();
  }

  std::vector<Placement> placements_of(FileId file, const Node& root) const {
    std::string ns = scalar_at(&root, "metadata.namespace");
    auto it = layout->files.find(file);
    if (it == layout->files.end()) return {Placement{ns, model.files[file].environment, {}, -1}};
    std::vector<Placement> out = it->second;
    for (auto& p : out) {
      if (p.namespace_name.empty()) p.namespace_name = ns;
    }
    return out;
  }

  // ---- Flux Kustomization ----------------------------------------------------
  void add_flux(FileId id, const Node& root) {
    FluxRecord record{id, &root, {}, false, false, {}};
    std::string path = scalar_at(&root, "spec.path");
    record.apply.folder = normalise_root_path(path.empty() ? std::string("./") : path);
    record.apply.target_namespace = scalar_at(&root, "spec.targetNamespace");
    record.apply.environment = model.files[id].environment;
    flux.push_back(std::move(record));
  }

  void resolve_substitutions() {
    for (auto& f : flux) {
      const Node* post = f.root->at("spec.postBuild");
      if (post == nullptr || !post->is_map()) continue;
      f.substitutes = true;
      if (const Node* sub = post->find("substitute"); sub != nullptr && sub->is_map()) {
        for (const auto& e : sub->entries) {
          f.vars[e.key] = e.value.is_scalar() ? std::optional<std::string>(e.value.scalar)
                                              : std::optional<std::string>(std::string());
        }
      }
      const Node* from = post->find("substituteFrom");
      if (from == nullptr || !from->is_seq()) continue;
      for (const auto& item : from->items) {
        std::string kind = scalar_at(&item, "kind");
        std::string name = scalar_at(&item, "name");
        const DataObject* found = nullptr;
        if (kind == "ConfigMap") {
          found = find_data("ConfigMap", name, "", f.apply.environment);
        }
        if (kind == "Secret") {
          const SecretRecord* secret = nullptr;
          for (const auto& s : model.secrets) {
            if (s.name == name && !s.hashed_name &&
                Model::same_environment(s.environment, f.apply.environment)) {
              secret = &s;
            }
          }
          if (secret == nullptr || !secret->keys_known) {
            f.open = true;
            continue;
          }
          for (const auto& k : secret->keys) {
            // Secret values never reach a message; only their presence counts.
            if (f.vars.count(k.name) == 0) f.vars[k.name] = std::nullopt;
          }
          continue;
        }
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
  }

  // ---- ConfigMaps and generators ----------------------------------------------
  const DataObject* find_data(std::string_view kind, const std::string& name,
                              const std::string& namespace_name, const std::string& environment) {
    const DataObject* best = nullptr;
    auto range = data_by_name.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) {
      const DataObject& d = data_objects[it->second];
      if (d.kind != kind || !Model::same_environment(d.environment, environment)) continue;
      if (!namespace_name.empty() && !d.namespace_name.empty() &&
          d.namespace_name != namespace_name) {
        continue;
      }
      // Prefer the copy of the release's own environment over a shared base.
      if (best == nullptr || (best->environment != environment && d.environment == environment)) {
        best = &d;
      }
    }
    return best;
  }

  void add_data(DataObject object) {
    data_by_name.emplace(object.name, data_objects.size());
    data_objects.push_back(std::move(object));
  }

  void visit_configmap(FileId id, const Node& root, const std::string& kind) {
    const Node* data = root.find(kind == "Secret" ? "stringData" : "data");
    if (data == nullptr || !data->is_map()) return;
    for (const auto& place : placements_of(id, root)) {
      DataObject object;
      object.kind = kind;
      object.name = scalar_at(&root, "metadata.name");
      object.namespace_name = place.namespace_name;
      object.environment = place.environment;
      for (const auto& e : data->entries) {
        object.entries.push_back(DataEntry{e.key, &e.value, kNoFile, {e.key_file, e.key_range}});
      }
      add_data(std::move(object));
    }
  }

  // `key=path`, `path` → (key, path)
  static std::pair<std::string, std::string> split_file_source(const std::string& item) {
    size_t eq = item.find('=');
    if (eq != std::string::npos) return {item.substr(0, eq), item.substr(eq + 1)};
    size_t slash = item.rfind('/');
    return {slash == std::string::npos ? item : item.substr(slash + 1), item};
  }

  void visit_kustomization(FileId id, const Node& root) {
    std::vector<Placement> places;
    if (auto it = layout->kustomizations.find(id); it != layout->kustomizations.end()) {
      places = it->second;
    } else {
      places.push_back(Placement{"", model.files[id].environment, {}, -1});
    }
    std::string own_ns = scalar_at(&root, "namespace");
    bool no_hash = yaml::is_true(root.at("generatorOptions.disableNameSuffixHash"));
    const std::string& path = model.files[id].path;
    for (const auto& place : places) {
      auto namespace_for = [&](const Node& entry) {
        if (!place.namespace_name.empty()) return place.namespace_name;
        std::string ns = scalar_at(&entry, "namespace");
        return ns.empty() ? own_ns : ns;
      };
      if (const Node* gens = root.find("configMapGenerator"); gens != nullptr && gens->is_seq()) {
        for (const auto& gen : gens->items) {
          DataObject object;
          object.kind = "ConfigMap";
          object.name = scalar_at(&gen, "name");
          object.namespace_name = namespace_for(gen);
          object.environment = place.environment;
          if (const Node* files = gen.find("files"); files != nullptr && files->is_seq()) {
            for (const auto& f : files->items) {
              if (!f.is_scalar()) continue;
              auto [key, rel] = split_file_source(f.scalar);
              std::string resolved = resolve_relative(path, rel);
              auto file = file_at(resolved);
              object.entries.push_back(
                  DataEntry{key, nullptr, file ? *file : kNoFile, f.location()});
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
                  DataEntry{l.scalar.substr(0, eq), own(std::move(value)), kNoFile, l.location()});
            }
          }
          if (gen.find("envs") != nullptr || gen.find("env") != nullptr) {
            object.keys_known = false;  // .env files are not read
          }
          if (!object.name.empty()) add_data(std::move(object));
        }
      }
      if (const Node* gens = root.find("secretGenerator"); gens != nullptr && gens->is_seq()) {
        for (const auto& gen : gens->items)
          add_generated_secret(id, gen, place, namespace_for(gen), no_hash);
      }
    }
  }

  void add_generated_secret(FileId id, const Node& gen, const Placement& place,
                            const std::string& ns, bool no_hash) {
    SecretRecord secret;
    secret.name = scalar_at(&gen, "name");
    if (secret.name.empty()) return;
    secret.namespace_name = ns;
    secret.environment = place.environment;
    secret.provider = "Kustomize secretGenerator";
    secret.location = gen.find("name") != nullptr ? gen.find("name")->location() : first_key(gen);
    secret.hashed_name = !(no_hash || yaml::is_true(gen.at("options.disableNameSuffixHash")));
    secret.keys_known = true;
    const std::string& path = model.files[id].path;
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
        auto [name, rel] = split_file_source(f.scalar);
        SecretKey key;
        key.name = name;
        key.location = f.location();
        (void)path;
        secret.keys.push_back(std::move(key));
      }
    }
    if (gen.find("envs") != nullptr || gen.find("env") != nullptr) secret.keys_known = false;
    model.secrets.push_back(std::move(secret));
  }

  // ---- releases ----------------------------------------------------------------
  struct Draft {
    Release release;
    std::vector<FileId> layer_files;  // files of file-backed layers
    int flux = -1;
  };
  std::vector<Draft> drafts;

  // A release being assembled from one source object.
  static Draft new_draft(std::string name, std::string source, std::string namespace_name,
                         std::string environment, Location where, int flux = -1) {
    Draft draft;
    draft.release.name = std::move(name);
    draft.release.source = std::move(source);
    draft.release.namespace_name = std::move(namespace_name);
    draft.release.environment = std::move(environment);
    draft.release.location = where;
    draft.flux = flux;
    return draft;
  }

  void add_layer(Draft& draft, const Node* values, Location anchor, std::string description) {
    if (values == nullptr || !values->is_map()) return;
    ValuesLayer layer;
    layer.values = values;
    layer.anchor = anchor;
    layer.description = std::move(description);
    draft.release.layers.push_back(std::move(layer));
  }

  bool add_file_layer(Draft& draft, const std::string& path) {
    auto file = file_at(path);
    if (!file) return false;
    const Node* root = values_root(*file);
    referenced.insert(*file);
    if (root == nullptr) return false;
    add_layer(draft, root, first_key(*root), "values file " + path);
    draft.layer_files.push_back(*file);
    return true;
  }

  void add_runtime(const std::string& name, const std::string& ns, const std::string& env,
                   Location where) {
    for (const auto& r : model.runtimes) {  // one ApplicationSet template, several instances
      if (r.name == name && r.namespace_name == ns && r.environment == env &&
          r.location.file == where.file &&
          r.location.range.begin.offset == where.range.begin.offset) {
        return;
      }
    }
    RuntimeRecord runtime;
    runtime.name = name;
    runtime.namespace_name = ns;
    runtime.environment = env;
    runtime.location = where;
    model.runtimes.push_back(std::move(runtime));
  }

  // -- Flux HelmRelease
  void visit_helm_release(FileId id, const Node& root) {
    std::string chart = scalar_at(&root, "spec.chart.spec.chart");
    if (chart.empty()) chart = scalar_at(&root, "spec.chartRef.name");
    bool setup = chart_is(chart, facts::kSetupChart);
    bool runtime = chart_is(chart, facts::kRuntimeChart);
    if (!setup && !runtime) return;
    std::string meta_name = scalar_at(&root, "metadata.name");
    std::string name = scalar_at(&root, "spec.releaseName");
    if (name.empty()) name = meta_name;
    Location where = root.at("metadata.name") != nullptr ? root.at("metadata.name")->location()
                                                         : first_key(root);
    const Node* spec = root.find("spec");
    for (const auto& place : placements_of(id, root)) {
      std::string ns = scalar_at(&root, "spec.targetNamespace");
      if (ns.empty()) ns = place.namespace_name;
      if (runtime) {
        add_runtime(name, ns, place.environment, where);
        continue;
      }
      Draft draft = new_draft(name, "HelmRelease", ns, place.environment, where, place.flux);
      // valuesFrom, in order, then spec.values, then overlay patches of spec.values.
      const Node* from = spec == nullptr ? nullptr : spec->find("valuesFrom");
      for (const auto& patch_values : overlay_patch_values_from(place, meta_name))
        from = patch_values;
      if (from != nullptr && from->is_seq()) {
        for (const auto& item : from->items) add_values_from(draft, item, place.namespace_name);
      }
      if (const yaml::Entry* values = spec == nullptr ? nullptr : spec->find_entry("values")) {
        add_layer(draft, &values->value, Location{values->key_file, values->key_range},
                  "HelmRelease " + name + " spec.values");
      }
      add_overlay_patches(draft, place, meta_name);
      drafts.push_back(std::move(draft));
    }
  }

  void add_values_from(Draft& draft, const Node& item, const std::string& ns) {
    std::string kind = scalar_at(&item, "kind");
    std::string name = scalar_at(&item, "name");
    std::string key = scalar_at(&item, "valuesKey");
    if (key.empty()) key = "values.yaml";
    std::string target = scalar_at(&item, "targetPath");
    if (kind != "ConfigMap" && kind != "Secret") return;
    const DataObject* object = find_data(kind, name, ns, draft.release.environment);
    if (object == nullptr) return;  // optional, or created outside the repository
    const DataEntry* entry = object->entry(key);
    if (entry == nullptr) return;
    std::string description = kind + " " + name + " key " + key;
    if (!target.empty()) {
      if (kind == "Secret" || entry->value == nullptr) return;  // secret values stay out of values
      Node layer;
      layer.kind = Kind::Map;
      layer.file = entry->value->file;
      layer.range = entry->value->range;
      set_parameter(layer, target, *entry->value, entry->location, true);
      add_layer(draft, own(std::move(layer)), entry->location, description);
      return;
    }
    if (entry->file != kNoFile) {
      const Node* root = values_root(entry->file);
      referenced.insert(entry->file);
      if (root != nullptr) {
        add_layer(draft, root, first_key(*root),
                  description + " (" + model.files[entry->file].path + ")");
        draft.layer_files.push_back(entry->file);
      }
      return;
    }
    if (entry->value != nullptr && entry->value->file != kNoFile) {
      FileId file = entry->value->file;
      if (auto parsed = parse_embedded_yaml(model.files[file], file, *entry->value, parser)) {
        add_layer(draft, own(std::move(*parsed)), entry->location, description);
      }
    }
  }

  // Kustomize overlays patching the HelmRelease: strategic-merge patches (files
  // or inline) naming it, innermost overlay first.
  std::vector<const Node*> overlay_patches(const Placement& place, const std::string& name) {
    std::vector<const Node*> out;
    for (auto it = place.overlays.rbegin(); it != place.overlays.rend(); ++it) {
      FileId k = *it;
      const Node* root = values_root(k);
      if (root == nullptr) continue;
      const std::string& path = model.files[k].path;
      auto consider = [&](const Node& doc, bool targeted) {
        if (!doc.is_map()) return;
        std::string kind = scalar_at(&doc, "kind");
        if (!targeted && kind != "HelmRelease") return;
        if (!kind.empty() && kind != "HelmRelease") return;
        std::string patch_name = scalar_at(&doc, "metadata.name");
        if (!targeted && patch_name != name) return;
        out.push_back(&doc);
      };
      auto consider_source = [&](const Node& item, bool targeted) {
        if (item.is_scalar()) {
          if (item.scalar.find('\n') != std::string::npos ||
              item.scalar.find(':') != std::string::npos) {
            if (auto parsed = parse_embedded_yaml(model.files[k], k, item, parser)) {
              consider(*own(std::move(*parsed)), targeted);
            }
            return;
          }
          auto file = file_at(resolve_relative(path, item.scalar));
          if (!file) return;
          values_root(*file);
          for (const auto& doc : model.files[*file].documents) consider(doc.root, targeted);
        }
      };
      if (const Node* patches = root->find("patches"); patches != nullptr && patches->is_seq()) {
        for (const auto& p : patches->items) {
          const Node* target = p.find("target");
          bool targeted = target != nullptr;
          if (targeted) {
            std::string tkind = scalar_at(target, "kind");
            std::string tname = scalar_at(target, "name");
            if ((!tkind.empty() && tkind != "HelmRelease") || (!tname.empty() && tname != name)) {
              continue;
            }
          }
          if (const Node* file = p.find("path")) consider_source(*file, targeted);
          if (const Node* inline_patch = p.find("patch")) consider_source(*inline_patch, targeted);
        }
      }
      if (const Node* sm = root->find("patchesStrategicMerge"); sm != nullptr && sm->is_seq()) {
        for (const auto& item : sm->items) consider_source(item, false);
      }
    }
    return out;
  }

  std::vector<const Node*> overlay_patch_values_from(const Placement& place,
                                                     const std::string& name) {
    std::vector<const Node*> out;
    for (const Node* patch : overlay_patches(place, name)) {
      if (const Node* from = patch->at("spec.valuesFrom"); from != nullptr && from->is_seq()) {
        out.push_back(from);  // a list in a strategic merge patch replaces the list
      }
    }
    return out;
  }

  void add_overlay_patches(Draft& draft, const Placement& place, const std::string& name) {
    for (const Node* patch : overlay_patches(place, name)) {
      const Node* spec = patch->find("spec");
      if (const yaml::Entry* values = spec == nullptr ? nullptr : spec->find_entry("values")) {
        FileId file = values->key_file;
        std::string where = file == kNoFile ? std::string("patch") : model.files[file].path;
        add_layer(draft, &values->value, Location{values->key_file, values->key_range},
                  "Kustomize patch " + where + " spec.values");
        if (const Node* ns = spec->find("targetNamespace"); ns != nullptr && ns->is_scalar()) {
          draft.release.namespace_name = ns->scalar;
        }
      }
    }
  }

  // -- Argo CD Application / ApplicationSet
  void visit_argo(FileId id, const Node& root, bool application_set) {
    if (!application_set) {
      visit_argo_spec(id, root, root.find("metadata"), root.find("spec"), false);
      return;
    }
    const Node* spec = root.find("spec");
    const Node* tmpl = spec == nullptr ? nullptr : spec->find("template");
    if (tmpl == nullptr || !tmpl->is_map()) return;
    // The template rendered once per generator parameter set; a value file
    // still templated after that (cluster labels, other repositories) is
    // matched against the repository: one instance per match, so per-
    // environment value files become layers, not standalone releases.
    std::set<std::string> rendered_before;
    for (const auto& params : generator_params(spec->find("generators"), 0)) {
      Node rendered = *tmpl;
      render_template(rendered, params);
      for (const auto& binding : value_file_bindings(rendered)) {
        Node instance = rendered;
        if (!binding.empty()) render_template(instance, binding);
        std::string signature = template_signature(instance);
        if (!rendered_before.insert(signature).second) continue;
        const Node* t = own(std::move(instance));
        visit_argo_spec(id, root, t->find("metadata"), t->find("spec"), true);
      }
    }
  }

  // ApplicationSet parameters: `{{ .env }}`, `{{env}}` and `{{ .path.basename }}`
  // all look up "env" / "path.basename".
  using Params = std::map<std::string, std::string>;
  std::map<std::string, std::vector<Params>> binding_cache_;  // bindings_for, by pattern

  static std::string template_key(std::string_view expression) {
    std::string_view e = trim(expression);
    if (!e.empty() && e.front() == '-') e = trim(e.substr(1));
    if (!e.empty() && e.back() == '-') e = trim(e.substr(0, e.size() - 1));
    if (!e.empty() && e.front() == '.') e.remove_prefix(1);
    return std::string(e);
  }

  static std::string render_text(const std::string& text, const Params& params) {
    std::string out;
    size_t last = 0;
    for (size_t open = text.find("{{"); open != std::string::npos; open = text.find("{{", open)) {
      size_t close = text.find("}}", open + 2);
      if (close == std::string::npos) break;
      auto it =
          params.find(template_key(std::string_view(text).substr(open + 2, close - open - 2)));
      if (it != params.end()) {
        out.append(text, last, open - last);
        out += it->second;
        last = close + 2;
      }
      open = close + 2;
    }
    out.append(text, last, std::string::npos);
    return out;
  }

  static void render_template(Node& node, const Params& params) {
    if (node.is_scalar()) {
      if (templated(node.scalar)) node.scalar = render_text(node.scalar, params);
      return;
    }
    for (auto& e : node.entries) render_template(e.value, params);
    for (auto& i : node.items) render_template(i, params);
  }

  static void flatten_params(const Node& node, const std::string& prefix, Params& out, int depth) {
    if (depth > 8) return;
    if (node.is_scalar()) {
      if (!prefix.empty()) out[prefix] = node.scalar;
    } else if (node.is_map()) {
      for (const auto& e : node.entries) {
        flatten_params(e.value, prefix.empty() ? e.key : prefix + "." + e.key, out, depth + 1);
      }
    }
  }

  // The git generators' `path` parameters for a folder (and file).
  static void add_path_params(const std::string& folder, const std::string& filename, Params& p) {
    auto normalized = [](std::string s) {
      for (auto& c : s) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '-';
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      return s;
    };
    std::string base = folder.substr(folder.rfind('/') + 1);
    p["path"] = folder;
    p["path.path"] = folder;
    p["path.basename"] = base;
    p["path.basenameNormalized"] = normalized(base);
    if (!filename.empty()) {
      p["path.filename"] = filename;
      p["path.filenameNormalized"] = normalized(filename);
    }
    size_t i = 0;
    for (auto part : split(folder, '/')) {
      p["path[" + std::to_string(i) + "]"] = std::string(part);
      p["path.segments[" + std::to_string(i) + "]"] = std::string(part);
      ++i;
    }
  }

  // `path:` globs of a git generator; entries with `exclude: true` remove.
  static bool git_path_matches(const Node& entries, std::string_view path) {
    bool matched = false;
    for (const auto& e : entries.items) {
      std::string glob = scalar_at(&e, "path");
      if (glob.empty() || !glob_match(glob, path)) continue;
      if (yaml::is_true(e.find("exclude"))) return false;
      matched = true;
    }
    return matched;
  }

  // One generator's parameter sets.  `list` elements, git `files` and
  // `directories` found in this repository, and `matrix` products of those;
  // a generator whose parameters live outside the repository (clusters, SCM,
  // pull requests, plugins) gives one empty set.
  std::vector<Params> one_generator(const Node& g, int depth) {
    if (const Node* list = g.find("list"); list != nullptr) {
      std::vector<Params> sets;
      const Node* elements = list->find("elements");
      if (elements != nullptr && elements->is_seq()) {
        for (const auto& item : elements->items) {
          Params p;
          flatten_params(item, "", p, 0);
          sets.push_back(std::move(p));
        }
      }
      if (sets.empty()) sets.emplace_back();
      return sets;
    }
    if (const Node* git = g.find("git"); git != nullptr) {
      std::vector<Params> sets;
      if (const Node* files = git->find("files"); files != nullptr && files->is_seq()) {
        for (FileId f = 0; f < model.files.size(); ++f) {
          const std::string& path = model.files[f].path;
          if (!git_path_matches(*files, path)) continue;
          values_root(f);
          std::string folder = folder_of(path);
          std::string filename = path.substr(path.rfind('/') + 1);
          for (const auto& doc : model.files[f].documents) {
            std::vector<const Node*> objects;
            if (doc.root.is_map()) objects.push_back(&doc.root);
            if (doc.root.is_seq()) {
              for (const auto& item : doc.root.items) objects.push_back(&item);
            }
            for (const Node* object : objects) {
              Params p;
              flatten_params(*object, "", p, 0);
              add_path_params(folder, filename, p);
              sets.push_back(std::move(p));
            }
          }
        }
      }
      if (const Node* dirs = git->find("directories"); dirs != nullptr && dirs->is_seq()) {
        std::set<std::string> folders;
        for (const auto& file : model.files) {
          for (std::string folder = folder_of(file.path); !folder.empty();
               folder = folder_of(folder)) {
            if (!folders.insert(folder).second) break;
          }
        }
        for (const auto& folder : folders) {
          if (!git_path_matches(*dirs, folder)) continue;
          Params p;
          add_path_params(folder, "", p);
          sets.push_back(std::move(p));
        }
      }
      if (sets.empty()) sets.emplace_back();
      return sets;
    }
    if (const Node* matrix = g.find("matrix"); matrix != nullptr && depth < 3) {
      const Node* children = matrix->find("generators");
      std::vector<Params> product{Params{}};
      if (children != nullptr && children->is_seq()) {
        for (const auto& child : children->items) {
          std::vector<Params> next;
          for (const auto& left : product) {
            for (const auto& right : one_generator(child, depth + 1)) {
              Params p = left;
              for (const auto& [k, v] : right) p.emplace(k, v);
              next.push_back(std::move(p));
              if (next.size() > 256) break;
            }
          }
          product = std::move(next);
        }
      }
      return product;
    }
    if (const Node* merge = g.find("merge"); merge != nullptr && depth < 3) {
      return generator_params(merge->find("generators"), depth + 1);
    }
    return {Params{}};
  }

  std::vector<Params> generator_params(const Node* generators, int depth) {
    std::vector<Params> out;
    if (generators != nullptr && generators->is_seq()) {
      for (const auto& g : generators->items) {
        for (auto& p : one_generator(g, depth)) {
          if (out.size() < 256) out.push_back(std::move(p));
        }
      }
    }
    if (out.empty()) out.emplace_back();
    return out;
  }

  // Matches `pattern` (literal text with `{{ expr }}` holes, each one path
  // segment or part of one) against `path`, binding each hole.
  static bool bind_holes(std::string_view pattern, std::string_view path, Params& binding) {
    size_t open = pattern.find("{{");
    if (open == std::string_view::npos) return pattern == path;
    if (path.substr(0, open) != pattern.substr(0, open)) return false;
    size_t close = pattern.find("}}", open + 2);
    if (close == std::string_view::npos) return false;
    std::string key = template_key(pattern.substr(open + 2, close - open - 2));
    std::string_view rest = pattern.substr(close + 2);
    for (size_t end = open + 1; end <= path.size(); ++end) {
      std::string_view value = path.substr(open, end - open);
      if (value.find('/') != std::string_view::npos) break;
      Params attempt = binding;
      auto [it, inserted] = attempt.emplace(key, std::string(value));
      if (!inserted && it->second != value) continue;
      if (bind_holes(rest, path.substr(end), attempt)) {
        binding = std::move(attempt);
        return true;
      }
    }
    return false;
  }

  // Repository files matching a templated path, as hole bindings.  Only files
  // under the pattern's literal prefix (model.files is sorted by path) and with
  // its literal suffix are tried, and each pattern is matched once: catalogs
  // render the same value-file pattern for every cluster.
  const std::vector<Params>& bindings_for(const std::string& pattern) {
    auto cached = binding_cache_.find(pattern);
    if (cached != binding_cache_.end()) return cached->second;
    std::vector<Params> out;
    std::set<Params> seen;
    std::string_view view(pattern);
    std::string_view prefix = view.substr(0, view.find("{{"));
    size_t last_close = view.rfind("}}");
    std::string_view suffix =
        last_close == std::string_view::npos ? std::string_view() : view.substr(last_close + 2);
    auto first = std::lower_bound(
        model.files.begin(), model.files.end(), prefix,
        [](const SourceFile& file, std::string_view p) { return std::string_view(file.path) < p; });
    for (auto it = first; it != model.files.end() && starts_with(it->path, prefix); ++it) {
      if (!ends_with(it->path, suffix)) continue;
      Params binding;
      if (bind_holes(pattern, it->path, binding) && seen.insert(binding).second &&
          out.size() < 64) {
        out.push_back(std::move(binding));
      }
    }
    return binding_cache_.emplace(pattern, std::move(out)).first->second;
  }

  // Bindings of the holes left in the first still-templated value file of a
  // rendered template, one per repository file it matches; {{}} when none.
  std::vector<Params> value_file_bindings(const Node& rendered) {
    const Node* spec = rendered.find("spec");
    if (spec == nullptr) return {Params{}};
    std::vector<const Node*> sources;
    if (const Node* s = spec->find("source"); s != nullptr && s->is_map()) sources.push_back(s);
    if (const Node* list = spec->find("sources"); list != nullptr && list->is_seq()) {
      for (const auto& s : list->items) sources.push_back(&s);
    }
    for (const Node* s : sources) {
      const Node* files = s->at("helm.valueFiles");
      if (files == nullptr || !files->is_seq()) continue;
      std::string source_path = scalar_at(s, "path");
      for (const auto& f : files->items) {
        if (!f.is_scalar() || !templated(f.scalar)) continue;
        std::string pattern;
        if (starts_with(f.scalar, "$")) {
          size_t slash = f.scalar.find('/');
          if (slash == std::string::npos) continue;
          pattern = f.scalar.substr(slash + 1);
          while (starts_with(pattern, "./")) pattern.erase(0, 2);
          while (starts_with(pattern, "/")) pattern.erase(0, 1);
        } else if (!source_path.empty() && !templated(source_path)) {
          pattern = resolve_relative(normalise_root_path(source_path) + "/_", f.scalar);
        } else {
          continue;
        }
        const std::vector<Params>& out = bindings_for(pattern);
        if (!out.empty()) return out;
      }
    }
    return {Params{}};
  }

  // What makes two rendered instances the same release (not the cluster or
  // the Application's name).
  static void append_signature(const Node& node, std::string& out, int depth) {
    if (depth > 16) return;
    if (node.is_scalar()) {
      out += node.scalar;
      out += '\x1f';
      return;
    }
    for (const auto& e : node.entries) {
      out += e.key;
      out += '\x1e';
      append_signature(e.value, out, depth + 1);
    }
    for (const auto& i : node.items) append_signature(i, out, depth + 1);
    out += '\x1d';
  }

  static std::string template_signature(const Node& rendered) {
    std::string out;
    if (const Node* spec = rendered.find("spec")) {
      if (const Node* s = spec->find("source")) append_signature(*s, out, 0);
      if (const Node* s = spec->find("sources")) append_signature(*s, out, 0);
      if (const Node* ns = spec->at("destination.namespace")) append_signature(*ns, out, 0);
    }
    return out;
  }

  void visit_argo_spec(FileId id, const Node& root, const Node* meta, const Node* spec,
                       bool application_set) {
    if (spec == nullptr || !spec->is_map()) return;
    std::vector<const Node*> sources;
    if (const Node* s = spec->find("source"); s != nullptr && s->is_map()) sources.push_back(s);
    if (const Node* list = spec->find("sources"); list != nullptr && list->is_seq()) {
      for (const auto& s : list->items) {
        if (s.is_map()) sources.push_back(&s);
      }
    }
    std::set<std::string> refs;
    for (const Node* s : sources) {
      std::string ref = scalar_at(s, "ref");
      if (!ref.empty()) refs.insert(ref);
    }
    std::string ns = scalar_at(spec, "destination.namespace");
    if (templated(ns)) ns.clear();
    std::string app_name = scalar_at(meta, "name");
    for (const Node* s : sources) {
      std::string chart = scalar_at(s, "chart");
      std::string path = scalar_at(s, "path");
      std::string chart_name = chart.empty() ? std::string(facts::basename(path)) : chart;
      if (templated(chart_name)) continue;
      bool setup = chart_is(chart_name, facts::kSetupChart);
      bool runtime = chart_is(chart_name, facts::kRuntimeChart);
      if (!setup && !runtime) continue;
      const Node* helm = s->find("helm");
      std::string name = scalar_at(helm, "releaseName");
      if (name.empty() || templated(name)) name = app_name;
      Location where = meta != nullptr && meta->find("name") != nullptr
                           ? meta->find("name")->location()
                           : first_key(root);
      for (const auto& place : placements_of(id, root)) {
        if (runtime) {
          add_runtime(name, ns, place.environment, where);
          continue;
        }
        Draft draft = new_draft(name, application_set ? "ApplicationSet" : "Application", ns,
                                place.environment, where);
        Release& release = draft.release;
        if (helm != nullptr && helm->is_map()) add_argo_helm(draft, *helm, path, refs, id);
        if (release.environment == "default") {
          for (FileId f : draft.layer_files) {
            if (model.files[f].environment != "default") {
              release.environment = model.files[f].environment;
              break;
            }
          }
        }
        drafts.push_back(std::move(draft));
      }
    }
  }

  void add_argo_helm(Draft& draft, const Node& helm, const std::string& source_path,
                     const std::set<std::string>& refs, FileId id) {
    const std::string& name = draft.release.name;
    if (const Node* files = helm.find("valueFiles"); files != nullptr && files->is_seq()) {
      for (const auto& f : files->items) {
        if (!f.is_scalar() || templated(f.scalar)) continue;
        std::string resolved;
        if (starts_with(f.scalar, "$")) {
          size_t slash = f.scalar.find('/');
          std::string ref = f.scalar.substr(1, slash == std::string::npos ? 0 : slash - 1);
          if (slash == std::string::npos || refs.count(ref) == 0) continue;
          resolved = normalise_root_path(f.scalar.substr(slash + 1));  // the repository root
        } else if (!source_path.empty()) {
          resolved = resolve_relative(normalise_root_path(source_path) + "/_", f.scalar);
        } else {
          continue;  // a file inside a chart from a Helm repository
        }
        add_file_layer(draft, resolved);
      }
    }
    if (const yaml::Entry* values = helm.find_entry("values")) {
      if (values->value.is_scalar()) {
        if (auto parsed = parse_embedded_yaml(model.files[id], id, values->value, parser)) {
          add_layer(draft, own(std::move(*parsed)), Location{values->key_file, values->key_range},
                    "Argo CD " + name + " helm.values");
        }
      } else if (values->value.is_map()) {
        add_layer(draft, &values->value, Location{values->key_file, values->key_range},
                  "Argo CD " + name + " helm.values");
      }
    }
    if (const yaml::Entry* object = helm.find_entry("valuesObject")) {
      add_layer(draft, &object->value, Location{object->key_file, object->key_range},
                "Argo CD " + name + " helm.valuesObject");
    }
    if (const yaml::Entry* params = helm.find_entry("parameters");
        params != nullptr && params->value.is_seq()) {
      add_parameters(draft, *params, "Argo CD " + name + " helm.parameters");
    }
  }

  void add_parameters(Draft& draft, const yaml::Entry& params, std::string description) {
    Node layer;
    layer.kind = Kind::Map;
    layer.file = params.key_file;
    layer.range = params.key_range;
    for (const auto& p : params.value.items) {
      const Node* name = p.find("name");
      const Node* value = p.find("value");
      if (name == nullptr || !name->is_scalar() || templated(name->scalar)) continue;
      Node v;
      if (value != nullptr) {
        v = *value;
      } else {
        v.file = name->file;
        v.range = name->range;
        v.kind = Kind::Scalar;
      }
      if (v.kind == Kind::Null && value != nullptr) v.kind = Kind::Scalar;  // `value:` empty
      set_parameter(layer, name->scalar, std::move(v), name->location(),
                    yaml::is_true(p.find("forceString")));
    }
    add_layer(draft, own(std::move(layer)), Location{params.key_file, params.key_range},
              std::move(description));
  }

  // -- Kustomize helmCharts
  void visit_helm_charts(FileId id, const Node& root) {
    const Node* charts = root.find("helmCharts");
    if (charts == nullptr || !charts->is_seq()) return;
    std::vector<Placement> places;
    if (auto it = layout->kustomizations.find(id); it != layout->kustomizations.end()) {
      places = it->second;
    } else {
      places.push_back(Placement{"", model.files[id].environment, {}, -1});
    }
    const std::string& path = model.files[id].path;
    for (const auto& chart : charts->items) {
      std::string chart_name = scalar_at(&chart, "name");
      bool setup = chart_is(chart_name, facts::kSetupChart);
      bool runtime = chart_is(chart_name, facts::kRuntimeChart);
      if (!setup && !runtime) continue;
      std::string name = scalar_at(&chart, "releaseName");
      if (name.empty()) name = chart_name;
      Location where = chart.find("name")->location();
      for (const auto& place : places) {
        std::string ns = place.namespace_name;
        if (ns.empty()) ns = scalar_at(&chart, "namespace");
        if (ns.empty()) ns = scalar_at(&root, "namespace");
        if (runtime) {
          add_runtime(name, ns, place.environment, where);
          continue;
        }
        Draft draft =
            new_draft(name, "Kustomize helmCharts", ns, place.environment, where, place.flux);
        // valuesFile with valuesInline on top, then additionalValuesFiles.
        if (const Node* file = chart.find("valuesFile"); file != nullptr && file->is_scalar()) {
          add_file_layer(draft, resolve_relative(path, file->scalar));
        }
        if (const yaml::Entry* inline_values = chart.find_entry("valuesInline")) {
          add_layer(draft, &inline_values->value,
                    Location{inline_values->key_file, inline_values->key_range},
                    "Kustomize helmCharts " + name + " valuesInline");
        }
        if (const Node* more = chart.find("additionalValuesFiles");
            more != nullptr && more->is_seq()) {
          for (const auto& f : more->items) {
            if (f.is_scalar()) add_file_layer(draft, resolve_relative(path, f.scalar));
          }
        }
        drafts.push_back(std::move(draft));
      }
    }
  }

  // -- helmfile
  static bool is_helmfile_path(std::string_view path) {
    std::string_view name = path.substr(path.rfind('/') + 1);
    if (name == "helmfile.yaml" || name == "helmfile.yml") return true;
    std::string folder = folder_of(path);
    std::string_view parent = std::string_view(folder).substr(folder.rfind('/') + 1);
    return parent == "helmfile.d" && (ends_with(name, ".yaml") || ends_with(name, ".yml"));
  }

  static std::string expand_environment(std::string text, const std::string& env) {
    for (size_t open = text.find("{{"); open != std::string::npos; open = text.find("{{", open)) {
      size_t close = text.find("}}", open);
      if (close == std::string::npos) break;
      std::string_view inner = std::string_view(text).substr(open + 2, close - open - 2);
      if (trim(inner) == ".Environment.Name" || trim(inner) == "`{{ .Environment.Name }}`" ||
          trim(inner) == "- .Environment.Name -") {
        text.replace(open, close + 2 - open, env);
      } else {
        open = close;
      }
    }
    return text;
  }

  // helmfile documents share `environments` (usually in the first document).
  void visit_helmfile(FileId id) {
    const std::string& path = model.files[id].path;
    std::vector<std::string> environments;
    for (const auto& doc : model.files[id].documents) {
      const Node* envs = doc.root.find("environments");
      if (envs == nullptr || !envs->is_map()) continue;
      for (const auto& e : envs->entries) {
        environments.push_back(e.key);
        // Environment values feed templates, not the chart: never standalone releases.
        if (const Node* values = e.value.find("values"); values != nullptr && values->is_seq()) {
          for (const auto& v : values->items) {
            if (!v.is_scalar()) continue;
            if (auto f = file_at(resolve_relative(path, v.scalar))) referenced.insert(*f);
          }
        }
      }
    }
    for (const auto& doc : model.files[id].documents) {
      if (doc.root.is_map()) visit_helmfile_releases(id, doc.root, environments);
    }
  }

  void visit_helmfile_releases(FileId id, const Node& root,
                               const std::vector<std::string>& environments) {
    const std::string& path = model.files[id].path;
    const Node* releases = root.find("releases");
    if (releases == nullptr || !releases->is_seq()) return;
    for (const auto& r : releases->items) {
      std::string chart = scalar_at(&r, "chart");
      bool setup = chart_is(chart, facts::kSetupChart);
      bool runtime = chart_is(chart, facts::kRuntimeChart);
      if (!setup && !runtime) continue;
      std::string name = scalar_at(&r, "name");
      Location where = r.find("name") != nullptr ? r.find("name")->location() : first_key(r);
      const Node* values = r.find("values");
      bool per_environment = false;
      auto mentions_env = [](const std::string& s) {
        return s.find(".Environment.Name") != std::string::npos;
      };
      if (values != nullptr && values->is_seq()) {
        for (const auto& v : values->items) {
          if (v.is_scalar() && mentions_env(v.scalar)) per_environment = true;
        }
      }
      if (mentions_env(scalar_at(&r, "namespace"))) per_environment = true;
      std::vector<std::pair<std::string, std::string>> instances;  // (helmfile env, environment)
      if (per_environment && !environments.empty()) {
        for (const auto& e : environments) {
          std::string env = environment_of_segment(e);
          if (env.empty()) env = model.files[id].environment;
          instances.emplace_back(e, env);
        }
      } else {
        instances.emplace_back("", model.files[id].environment);
      }
      for (const auto& [helmfile_env, env] : instances) {
        std::string ns = expand_environment(scalar_at(&r, "namespace"), helmfile_env);
        if (templated(ns)) ns.clear();
        std::string label = helmfile_env.empty() ? name : name + " (" + helmfile_env + ")";
        if (runtime) {
          add_runtime(name, ns, env, where);
          continue;
        }
        Draft draft = new_draft(label, "helmfile", ns, env, where);
        if (values != nullptr && values->is_seq()) {
          for (const auto& v : values->items) {
            if (v.is_map()) {
              add_layer(draft, &v, first_key(v), "helmfile " + name + " inline values");
            } else if (v.is_scalar()) {
              std::string file = expand_environment(v.scalar, helmfile_env);
              if (!templated(file)) add_file_layer(draft, resolve_relative(path, file));
            }
          }
        }
        if (const yaml::Entry* set = r.find_entry("set"); set != nullptr && set->value.is_seq()) {
          add_parameters(draft, *set, "helmfile " + name + " set");
        }
        drafts.push_back(std::move(draft));
      }
    }
  }

  // ---- substitution -----------------------------------------------------------
  bool substitute(Node& node, const FluxRecord& f) {
    bool changed = false;
    if (node.is_scalar()) {
      auto refs = find_variables(node.scalar);
      if (refs.empty()) return false;
      std::string out;
      size_t last = 0;
      bool all = true;
      for (const auto& ref : refs) {
        out.append(node.scalar, last, ref.begin - last);
        auto it = f.vars.find(ref.name);
        if (it != f.vars.end() && it->second.has_value()) {
          out += *it->second;
        } else if (it == f.vars.end() && ref.has_default) {
          out += ref.default_value;
        } else {
          out.append(node.scalar, ref.begin, ref.end - ref.begin);
          all = false;
        }
        last = ref.end;
      }
      out.append(node.scalar, last, std::string::npos);
      (void)all;
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

  void apply_substitutions(Draft& draft) {
    if (draft.flux < 0) return;
    const FluxRecord& f = flux[static_cast<size_t>(draft.flux)];
    if (!f.substitutes) return;
    Release& release = draft.release;
    release.substituted = true;
    release.substitution_open = f.open;
    for (const auto& [name, value] : f.vars) release.substitution_vars.insert(name);
    for (auto& layer : release.layers) {
      Node copy = *layer.values;
      if (substitute(copy, f)) layer.values = own(std::move(copy));
    }
    if (!f.apply.target_namespace.empty()) release.namespace_name = f.apply.target_namespace;
  }

  // ---- driver -------------------------------------------------------------------
  void build(const KustomizeLayout& kustomize) {
    layout = &kustomize;
    struct Obj {
      FileId file;
      const Node* root;
      std::string kind;
      std::string api;
    };
    std::vector<Obj> objects;
    for (FileId id = 0; id < model.files.size(); ++id) {
      const SourceFile& file = model.files[id];
      if (file.documents.empty()) continue;
      if (is_kustomization_path(file.path) && file.documents.front().root.is_map()) {
        visit_kustomization(id, file.documents.front().root);
        objects.push_back({id, &file.documents.front().root, "kustomization", ""});
        continue;
      }
      if (is_helmfile_path(file.path)) {
        objects.push_back({id, nullptr, "helmfile", ""});
        continue;
      }
      for (const auto& doc : file.documents) {
        if (!doc.root.is_map()) continue;
        std::string kind = scalar_at(&doc.root, "kind");
        std::string api = scalar_at(&doc.root, "apiVersion");
        if (kind.empty() || api.empty()) continue;
        if (kind == "ConfigMap" && api == "v1") {
          visit_configmap(id, doc.root, "ConfigMap");
        } else if (kind == "Secret" && api == "v1" && doc.root.find("sops") == nullptr) {
          visit_configmap(id, doc.root, "Secret");
        } else if ((kind == "HelmRelease" && api_group_is(api, "helm.toolkit.fluxcd.io")) ||
                   ((kind == "Application" || kind == "ApplicationSet") &&
                    api_group_is(api, "argoproj.io"))) {
          objects.push_back({id, &doc.root, kind, api});
        }
      }
    }
    resolve_substitutions();
    std::set<int> used;
    for (const auto* places : {&kustomize.files, &kustomize.kustomizations}) {
      for (const auto& [file, list] : *places) {
        for (const auto& p : list) used.insert(p.flux);
      }
    }
    for (size_t i = 0; i < flux.size(); ++i) {
      if (flux[i].substitutes && used.count(static_cast<int>(i)) == 0) {
        unresolved_substitution = true;
      }
    }
    for (const auto& obj : objects) {
      if (obj.kind == "kustomization") {
        visit_helm_charts(obj.file, *obj.root);
      } else if (obj.kind == "helmfile") {
        visit_helmfile(obj.file);
      } else if (obj.kind == "HelmRelease") {
        visit_helm_release(obj.file, *obj.root);
      } else {
        visit_argo(obj.file, *obj.root, obj.kind == "ApplicationSet");
      }
    }
    for (auto& draft : drafts) {
      apply_substitutions(draft);
      if (!draft.release.substituted && unresolved_substitution) {
        draft.release.substitution_open = true;
      }
      model.releases.push_back(std::move(draft.release));
    }
    drafts.clear();
  }
};

ValuesSources::ValuesSources(Model& model) : impl_(std::make_unique<Impl>(model)) {}
ValuesSources::~ValuesSources() = default;

const std::vector<FluxApply>& ValuesSources::flux_applies() const {
  return impl_->applies;
}

void ValuesSources::build(const KustomizeLayout& layout) {
  impl_->build(layout);
}

bool ValuesSources::unresolved_substitution() const {
  return impl_->unresolved_substitution;
}

bool ValuesSources::referenced(FileId file) const {
  return impl_->referenced.count(file) != 0;
}

}  // namespace seldon_lint
