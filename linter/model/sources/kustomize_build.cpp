#include "linter/model/sources/kustomize_build.hpp"

#include <algorithm>
#include <memory>
#include <set>
#include <unordered_map>

#include "linter/base/text.hpp"
#include "linter/model/sources/kustomize_patches.hpp"

namespace seldon_lint {
namespace {

using yaml::Kind;
using yaml::Node;

std::string scalar_of(const Node* node) {
  return node != nullptr && node->is_scalar() ? node->scalar : std::string();
}

bool cluster_scoped(std::string_view kind) {
  static const std::set<std::string_view> kinds = {"Namespace",
                                                   "ClusterExternalSecret",
                                                   "ClusterSecretStore",
                                                   "ClusterRole",
                                                   "ClusterRoleBinding",
                                                   "CustomResourceDefinition",
                                                   "APIService",
                                                   "ClusterIssuer",
                                                   "StorageClass",
                                                   "PersistentVolume",
                                                   "PriorityClass",
                                                   "ValidatingWebhookConfiguration",
                                                   "MutatingWebhookConfiguration"};
  return kinds.count(kind) > 0;
}

// Kinds namePrefix/nameSuffix leave alone (Kustomize's PrefixTransformer skip list).
bool keeps_name(std::string_view kind) {
  return kind == "CustomResourceDefinition" || kind == "APIService" || kind == "Namespace";
}

void set_ranges(Node& node, FileId file, Range range) {
  node.file = file;
  node.range = range;
  for (auto& e : node.entries) {
    e.key_file = file;
    e.key_range = range;
    set_ranges(e.value, file, range);
  }
  for (auto& i : node.items) set_ranges(i, file, range);
}

Node scalar_node(std::string text, const Node& where) {
  Node n;
  n.kind = Kind::Scalar;
  n.scalar = std::move(text);
  n.file = where.file;
  n.range = where.range;
  return n;
}

// One object of a kustomization's output while it is being built.
struct Resource {
  FileId file = kNoFile;  // the document's file; kNoFile for a generated object
  size_t doc = 0;
  const Node* generator = nullptr;  // configMapGenerator/secretGenerator entry
  FileId generator_owner = kNoFile;
  std::vector<FileId> chain;  // kustomizations from the root down to the one listing it
  const Node* original = nullptr;
  std::unique_ptr<Node> changed;  // copy made on the first transformation
  std::string kind;
  std::vector<std::string> names;       // original first, current last
  std::vector<std::string> namespaces;  // idem; "" = not set
  bool deleted = false;
  bool hashed = false;
  KustomizeRename rename;

  const Node& tree() const { return changed ? *changed : *original; }
  Node& edit() {
    if (!changed) changed = std::make_unique<Node>(*original);
    return *changed;
  }
  std::string final_name() const { return names.back() + (hashed ? "-<hash>" : ""); }

  kustomize::ResourceIdentity identity() const {
    kustomize::ResourceIdentity id;
    id.api_version = scalar_of(tree().find("apiVersion"));
    id.kind = kind;
    id.names = names;
    id.namespaces = namespaces;
    id.labels = tree().at("metadata.labels");
    id.annotations = tree().at("metadata.annotations");
    return id;
  }
};

using Resources = std::vector<Resource>;

struct FieldSpec {
  std::string kind;  // empty: any kind
  std::vector<std::string> path;
};

// A `configurations:` nameReference entry: fields that refer to `kind` by name.
struct NameReference {
  std::string kind;
  std::vector<FieldSpec> fields;
};

}  // namespace

class KustomizeBuilder {
 public:
  KustomizeBuilder(Model& model, const KustomizeLayout& layout, KustomizeBuild& out)
      : model_(model), out_(out) {
    for (FileId id = 0; id < model.files.size(); ++id) {
      const std::string& path = model.files[id].path;
      by_path_[path] = id;
      if (is_kustomization_path(path)) kustomization_by_folder_[folder_of(path)] = id;
    }
    std::set<FileId> roots;
    for (const auto& [kustomization, places] : layout.kustomizations) {
      for (const auto& place : places) {
        if (place.overlays.empty()) roots.insert(kustomization);
      }
    }
    for (FileId root : roots) {
      if (root_of(root) == nullptr) continue;
      builds_left_ = KustomizeBuild::kMaxBuildsPerRoot;
      Resources built = build(root, {}, 0);
      record(built);
      if (builds_left_ == 0) {
        // Shared bases are built once per path, like Kustomize does; a
        // ladder of them is exponential.  The work budget stops it, said so.
        Location where{root, Range{Position{1, 1, 0}, Position{1, 1, 0}}};
        model_.problems.push_back(
            InputProblem{"SL002", where,
                         "kustomize build not finished: more than " +
                             std::to_string(KustomizeBuild::kMaxBuildsPerRoot) +
                             " kustomization builds under this root (the work budget); the rest is "
                             "not modelled"});
      }
    }
  }

 private:
  // ---- files ---------------------------------------------------------------------
  // Referenced files are parsed by the input stage whatever the prefilter
  // said (linter/input/references.cpp).
  const std::vector<yaml::Document>& documents(FileId id) const {
    return model_.files[id].documents;
  }

  const Node* root_of(FileId kustomization) {
    const auto& docs = documents(kustomization);
    if (docs.empty() || !docs.front().root.is_map()) return nullptr;
    return &docs.front().root;
  }

  std::optional<FileId> file_at(const std::string& path) const {
    auto it = by_path_.find(path);
    if (it == by_path_.end()) return std::nullopt;
    return it->second;
  }

  std::optional<FileId> kustomization_at(const std::string& folder) const {
    auto it = kustomization_by_folder_.find(folder);
    if (it == kustomization_by_folder_.end()) return std::nullopt;
    return it->second;
  }

  static std::vector<std::string> string_list(const Node* list) {
    std::vector<std::string> out;
    if (list == nullptr || !list->is_seq()) return out;
    for (const auto& item : list->items) {
      if (item.is_scalar() && !item.scalar.empty()) out.push_back(item.scalar);
    }
    return out;
  }

  // Documents of a patch or replacement given inline (a string in the
  // kustomization) or as a file path.  Inline literal blocks keep their lines.
  std::vector<const Node*> patch_documents(FileId kustomization, const Node& item, bool is_path) {
    // A shared base is transformed once per overlay that includes it: parse once.
    auto cached = patch_cache_.find(&item);
    if (cached != patch_cache_.end()) return cached->second;
    auto parsed = load_patch_documents(kustomization, item, is_path);
    return patch_cache_.emplace(&item, std::move(parsed)).first->second;
  }

  std::vector<const Node*> load_patch_documents(FileId kustomization, const Node& item,
                                                bool is_path) {
    std::vector<const Node*> out;
    if (!item.is_scalar() || item.scalar.empty()) return out;
    if (is_path) {
      auto file = file_at(resolve_relative(model_.files[kustomization].path, item.scalar));
      if (!file) return out;
      for (const auto& doc : documents(*file)) {
        if (!doc.root.is_null()) out.push_back(&doc.root);
      }
      return out;
    }
    for (auto& doc : parse_inline(kustomization, item)) {
      model_.owned.push_back(std::move(doc));
      out.push_back(&model_.owned.back());
    }
    return out;
  }

  std::vector<Node> parse_inline(FileId id, const Node& scalar) {
    const SourceFile& file = model_.files[id];
    YamlParseOptions options;
    options.file = id;
    std::vector<Node> out;
    bool exact = scalar.style == yaml::Style::Literal && scalar.file == id &&
                 scalar.range.known() && scalar.range.begin.line < file.line_starts.size();
    if (exact) {
      // Everything but the block's content blanked: the documents keep the
      // file's lines and columns.
      uint32_t begin = file.line_starts[scalar.range.begin.line];
      uint32_t end = std::min<uint32_t>(scalar.range.end.offset, uint32_t(file.text.size()));
      if (begin < end) {
        std::string masked(file.text.size(), ' ');
        for (size_t i = 0; i < file.text.size(); ++i) {
          if (file.text[i] == '\n') masked[i] = '\n';
        }
        std::copy(file.text.begin() + begin, file.text.begin() + end, masked.begin() + begin);
        auto result = parser_.parse(masked, file.line_starts, options);
        if (!result.syntax_error) {
          for (auto& doc : result.documents) out.push_back(std::move(doc.root));
          return out;
        }
      }
    }
    std::string text = scalar.scalar;
    auto result = parser_.parse(text, compute_line_starts(text), options);
    if (result.syntax_error) return out;
    for (auto& doc : result.documents) {
      set_ranges(doc.root, scalar.file, scalar.range);
      out.push_back(std::move(doc.root));
    }
    return out;
  }

  // ---- accumulation -----------------------------------------------------------------
  static bool on_path(const std::vector<FileId>& chain, FileId k) {
    return std::find(chain.begin(), chain.end(), k) != chain.end();
  }

  Resources build(FileId k, const std::vector<FileId>& above, int depth) {
    std::vector<FileId> chain = above;
    chain.push_back(k);
    Resources list = accumulate(k, chain, depth);
    transform(k, list);
    return list;
  }

  Resources accumulate(FileId k, const std::vector<FileId>& chain, int depth) {
    Resources list;
    const Node* root = root_of(k);
    if (root == nullptr) return list;
    const std::string& path = model_.files[k].path;
    for (const char* key : {"resources", "bases"}) {
      for (const auto& ref : string_list(root->find(key))) {
        std::string resolved = resolve_relative(path, ref);
        if (resolved.empty()) continue;  // remote: not in the repository
        if (auto nested = kustomization_at(resolved)) {
          if (depth < KustomizeBuild::kMaxDepth && !on_path(chain, *nested) && builds_left_ > 0) {
            --builds_left_;
            for (auto& r : build(*nested, chain, depth + 1)) list.push_back(std::move(r));
          }
        } else if (auto file = file_at(resolved)) {
          add_file_resources(*file, chain, list);
        }
      }
    }
    add_generated(k, *root, chain, list);
    for (const auto& ref : string_list(root->find("components"))) {
      auto component = kustomization_at(resolve_relative(path, ref));
      if (!component || depth >= KustomizeBuild::kMaxDepth || on_path(chain, *component) ||
          builds_left_ == 0) {
        continue;
      }
      --builds_left_;
      std::vector<FileId> component_chain = chain;
      component_chain.push_back(*component);
      for (auto& r : accumulate(*component, component_chain, depth + 1))
        list.push_back(std::move(r));
      transform(*component, list);  // a component transforms all accumulated so far
    }
    return list;
  }

  void add_file_resources(FileId file, const std::vector<FileId>& chain, Resources& list) {
    // A resource the prefilter skipped names no Seldon, Kafka or secret-bearing
    // kind: no patch of it can matter to the model, and parsing every such
    // file (Deployments, Services...) would dominate the run.  Patches,
    // replacements and configurations are always read.
    const SourceFile& source = model_.files[file];
    if (!source.relevant && source.documents.empty()) return;
    const auto& docs = documents(file);
    for (size_t i = 0; i < docs.size(); ++i) {
      const Node& root = docs[i].root;
      if (!root.is_map()) continue;
      Resource r;
      r.file = file;
      r.doc = i;
      r.chain = chain;
      r.original = &root;
      r.kind = scalar_of(root.find("kind"));
      r.names.push_back(scalar_of(root.at("metadata.name")));
      r.namespaces.push_back(scalar_of(root.at("metadata.namespace")));
      list.push_back(std::move(r));
    }
  }

  void add_generated(FileId k, const Node& root, const std::vector<FileId>& chain,
                     Resources& list) {
    bool no_hash = yaml::is_true(root.at("generatorOptions.disableNameSuffixHash"));
    for (auto [key, kind] :
         {std::pair{"configMapGenerator", "ConfigMap"}, std::pair{"secretGenerator", "Secret"}}) {
      const Node* gens = root.find(key);
      if (gens == nullptr || !gens->is_seq()) continue;
      for (const auto& gen : gens->items) {
        std::string name = scalar_of(gen.find("name"));
        if (name.empty()) continue;
        Resource r;
        r.generator = &gen;
        r.generator_owner = k;
        r.chain = chain;
        r.chain.pop_back();  // keyed like the kustomization's own placement
        r.kind = kind;
        r.names.push_back(name);
        r.namespaces.push_back(scalar_of(gen.find("namespace")));
        r.hashed = !(no_hash || yaml::is_true(gen.at("options.disableNameSuffixHash")));
        // A minimal object so selectors and patches see it like Kustomize does.
        Node tree;
        tree.kind = Kind::Map;
        auto add = [&](Node& map, const char* k2, Node value) {
          yaml::Entry e;
          e.key = k2;
          e.key_file = gen.file;
          e.key_range = gen.range;
          e.value = std::move(value);
          map.entries.push_back(std::move(e));
        };
        add(tree, "apiVersion", scalar_node("v1", gen));
        add(tree, "kind", scalar_node(kind, gen));
        Node metadata;
        metadata.kind = Kind::Map;
        add(metadata, "name", scalar_node(name, gen));
        add(tree, "metadata", std::move(metadata));
        r.changed = std::make_unique<Node>(std::move(tree));
        if (r.hashed) {
          r.rename.hashed = true;
          r.rename.where = gen.location();
        }
        list.push_back(std::move(r));
      }
    }
  }

  // ---- transformations -----------------------------------------------------------------
  void transform(FileId k, Resources& list) {
    const Node* root = root_of(k);
    if (root == nullptr) return;
    if (const Node* items = root->find("patchesStrategicMerge");
        items != nullptr && items->is_seq()) {
      for (const auto& item : items->items) {
        bool inline_patch = item.is_scalar() && item.scalar.find('\n') != std::string::npos;
        for (const Node* patch : patch_documents(k, item, !inline_patch))
          apply_strategic_merge_by_identity(list, *patch, false);
      }
    }
    if (const Node* items = root->find("patches"); items != nullptr && items->is_seq()) {
      for (const auto& item : items->items) apply_patch_entry(k, item, list);
    }
    if (std::string ns = scalar_of(root->find("namespace")); !ns.empty()) {
      for (auto& r : list) {
        if (!cluster_scoped(r.kind)) r.namespaces.push_back(ns);
      }
    }
    const std::string& path = model_.files[k].path;
    for (const char* key : {"namePrefix", "nameSuffix"}) {
      const Node* affix = root->find(key);
      if (affix == nullptr || !affix->is_scalar() || affix->scalar.empty()) continue;
      bool prefix = std::string_view(key) == "namePrefix";
      std::string reason = std::string(key) + " '" + affix->scalar + "' of " + path;
      for (auto& r : list) {
        if (keeps_name(r.kind) || r.names.back().empty()) continue;
        rename(r, prefix ? affix->scalar + r.names.back() : r.names.back() + affix->scalar, reason,
               affix->location());
      }
    }
    if (const Node* items = root->find("patchesJson6902"); items != nullptr && items->is_seq()) {
      for (const auto& item : items->items) apply_json6902_entry(k, item, list);
    }
    if (const Node* items = root->find("replacements"); items != nullptr && items->is_seq()) {
      for (const auto& item : items->items) {
        if (const Node* file = item.find("path")) {
          for (const Node* doc : patch_documents(k, *file, true)) {
            if (doc->is_seq()) {
              for (const auto& r : doc->items) apply_replacement(r, list);
            } else {
              apply_replacement(*doc, list);
            }
          }
        } else {
          apply_replacement(item, list);
        }
      }
    }
    fix_name_references(k, *root, list);
  }

  static void rename(Resource& r, std::string name, const std::string& reason, Location where) {
    if (r.rename.original_name.empty()) r.rename.original_name = r.names.front();
    if (r.rename.reason.empty()) {
      r.rename.reason = reason;
      if (!r.rename.hashed) r.rename.where = where;  // a generator keeps its entry
    } else {
      r.rename.reason += ", then " + reason;
    }
    if (Node* n = r.edit().find("metadata"); n != nullptr) {
      if (Node* name_node = n->find("name"); name_node != nullptr && name_node->is_scalar()) {
        name_node->scalar = name;
      }
    }
    r.names.push_back(std::move(name));
  }

  // A strategic merge patch without a target names its object itself.
  void apply_strategic_merge_by_identity(Resources& list, const Node& patch, bool allow_changes) {
    if (!patch.is_map()) return;
    std::string kind = scalar_of(patch.find("kind"));
    std::string name = scalar_of(patch.at("metadata.name"));
    std::string ns = scalar_of(patch.at("metadata.namespace"));
    for (auto& r : list) {
      if (r.deleted || r.kind != kind) continue;
      if (std::find(r.names.begin(), r.names.end(), name) == r.names.end()) continue;
      if (!ns.empty() && std::none_of(r.namespaces.begin(), r.namespaces.end(), [&](const auto& n) {
            return (n.empty() ? std::string("default") : n) == ns;
          })) {
        continue;
      }
      merge_into(r, patch, allow_changes);
    }
  }

  // Kustomize keeps the target's identity unless the patch options allow a change.
  static void merge_into(Resource& r, const Node& patch, bool allow_changes) {
    Node copy = patch;
    if (!allow_changes && copy.is_map()) {
      auto drop = [](Node& map, std::string_view key) {
        map.entries.erase(std::remove_if(map.entries.begin(), map.entries.end(),
                                         [&](const yaml::Entry& e) { return e.key == key; }),
                          map.entries.end());
      };
      drop(copy, "apiVersion");
      drop(copy, "kind");
      if (Node* metadata = copy.find("metadata"); metadata != nullptr && metadata->is_map()) {
        drop(*metadata, "name");
        drop(*metadata, "namespace");
      }
    }
    if (kustomize::apply_strategic_merge(r.edit(), copy) == kustomize::MergeResult::DeleteObject) {
      r.deleted = true;
    }
  }

  void apply_patch_entry(FileId k, const Node& item, Resources& list) {
    std::vector<const Node*> docs;
    if (const Node* path = item.find("path")) docs = patch_documents(k, *path, true);
    if (const Node* text = item.find("patch")) docs = patch_documents(k, *text, false);
    if (docs.empty()) return;
    bool allow = yaml::is_true(item.at("options.allowNameChange")) ||
                 yaml::is_true(item.at("options.allowKindChange"));
    const Node* target = item.find("target");
    if (docs.size() == 1 && kustomize::is_json6902(*docs.front())) {
      if (target != nullptr) apply_json6902_to(kustomize::Selector(*target), *docs.front(), list);
      return;  // a JSON patch needs a target
    }
    if (target == nullptr) {
      for (const Node* doc : docs) apply_strategic_merge_by_identity(list, *doc, allow);
      return;
    }
    if (docs.size() != 1) return;  // Kustomize refuses several documents with a target
    kustomize::Selector selector(*target);
    for (auto& r : list) {
      if (!r.deleted && selector.matches(r.identity())) merge_into(r, *docs.front(), allow);
    }
  }

  void apply_json6902_entry(FileId k, const Node& item, Resources& list) {
    const Node* target = item.find("target");
    if (target == nullptr) return;
    std::vector<const Node*> docs;
    if (const Node* path = item.find("path")) docs = patch_documents(k, *path, true);
    if (const Node* text = item.find("patch")) docs = patch_documents(k, *text, false);
    if (docs.empty()) return;
    apply_json6902_to(kustomize::Selector(*target), *docs.front(), list);
  }

  static void apply_json6902_to(const kustomize::Selector& selector, const Node& ops,
                                Resources& list) {
    for (auto& r : list) {
      if (r.deleted || !selector.matches(r.identity())) continue;
      Node patched = r.tree();
      // A failing operation fails `kustomize build`; the object is kept as it
      // was rather than guessed.
      if (kustomize::apply_json6902(patched, ops)) r.edit() = std::move(patched);
    }
  }

  // ---- replacements ------------------------------------------------------------------
  static void apply_replacement(const Node& spec, Resources& list) {
    if (!spec.is_map()) return;
    const Node* targets = spec.find("targets");
    if (targets == nullptr || !targets->is_seq()) return;
    std::optional<Node> value = replacement_value(spec, list);
    if (!value) return;
    for (const auto& target : targets->items) {
      const Node* select = target.find("select");
      if (select == nullptr) continue;
      kustomize::Selector selector(*select);
      std::vector<kustomize::Selector> rejects;
      if (const Node* reject = target.find("reject"); reject != nullptr && reject->is_seq()) {
        for (const auto& r : reject->items) rejects.emplace_back(r);
      }
      std::vector<std::string> paths;
      if (const Node* fp = target.find("fieldPaths"); fp != nullptr && fp->is_seq()) {
        for (const auto& p : fp->items) {
          if (p.is_scalar()) paths.push_back(p.scalar);
        }
      }
      if (paths.empty()) paths.emplace_back("metadata.name");
      bool create = yaml::is_true(target.at("options.create"));
      std::string delimiter = scalar_of(target.at("options.delimiter"));
      int index = std::atoi(scalar_of(target.at("options.index")).c_str());
      for (auto& r : list) {
        if (r.deleted) continue;
        auto id = r.identity();
        if (!selector.matches(id)) continue;
        if (std::any_of(rejects.begin(), rejects.end(), [&](const kustomize::Selector& s) {
              return !s.empty() && s.matches(id);
            })) {
          continue;
        }
        for (const auto& path : paths) {
          auto fields = kustomize::find_fields_for_write(
              r.edit(), kustomize::split_field_path(path), create, target);
          for (Node* field : fields) write_replacement(*field, *value, delimiter, index);
        }
      }
    }
  }

  static void write_replacement(Node& field, const Node& value, const std::string& delimiter,
                                int index) {
    if (delimiter.empty() || !field.is_scalar() || !value.is_scalar()) {
      field = value;
      return;
    }
    std::vector<std::string> parts;
    for (auto p : split(field.scalar, delimiter.front())) parts.emplace_back(p);
    if (delimiter.size() != 1) parts = {field.scalar};  // multi-character: whole value
    if (index < 0) {
      parts.insert(parts.begin(), value.scalar);
    } else if (static_cast<size_t>(index) >= parts.size()) {
      parts.push_back(value.scalar);
    } else {
      parts[static_cast<size_t>(index)] = value.scalar;
    }
    std::string joined;
    for (size_t i = 0; i < parts.size(); ++i) joined += (i ? delimiter : "") + parts[i];
    Node written = value;
    written.scalar = std::move(joined);
    field = std::move(written);
  }

  static std::optional<Node> replacement_value(const Node& spec, const Resources& list) {
    if (const Node* literal = spec.find("sourceValue");
        literal != nullptr && literal->is_scalar()) {
      return *literal;
    }
    const Node* source = spec.find("source");
    if (source == nullptr || !source->is_map()) return std::nullopt;
    kustomize::Selector selector(*source);
    const Resource* found = nullptr;
    for (const auto& r : list) {
      if (r.deleted || !selector.matches(r.identity())) continue;
      if (found != nullptr) return std::nullopt;  // several sources: Kustomize fails
      found = &r;
    }
    if (found == nullptr) return std::nullopt;
    std::string path = scalar_of(source->find("fieldPath"));
    if (path.empty()) path = "metadata.name";
    auto fields = kustomize::find_fields(found->tree(), kustomize::split_field_path(path));
    if (fields.size() != 1 || fields.front()->is_null()) return std::nullopt;
    Node value = *fields.front();
    std::string delimiter = scalar_of(source->at("options.delimiter"));
    if (!delimiter.empty() && value.is_scalar()) {
      std::vector<std::string> parts;
      for (auto p : split(value.scalar, delimiter.front())) parts.emplace_back(p);
      int index = std::atoi(scalar_of(source->at("options.index")).c_str());
      if (delimiter.size() != 1 || index < 0 || static_cast<size_t>(index) >= parts.size()) {
        return std::nullopt;
      }
      value.scalar = parts[static_cast<size_t>(index)];
    }
    return value;
  }

  // ---- name references ----------------------------------------------------------------
  std::vector<NameReference> name_references(FileId k, const Node& root) {
    std::vector<NameReference> out;
    for (const auto& ref : string_list(root.find("configurations"))) {
      auto file = file_at(resolve_relative(model_.files[k].path, ref));
      if (!file) continue;
      for (const auto& doc : documents(*file)) {
        const Node* list = doc.root.find("nameReference");
        if (list == nullptr || !list->is_seq()) continue;
        for (const auto& entry : list->items) {
          NameReference reference;
          reference.kind = scalar_of(entry.find("kind"));
          const Node* specs = entry.find("fieldSpecs");
          if (reference.kind.empty() || specs == nullptr || !specs->is_seq()) continue;
          for (const auto& spec : specs->items) {
            FieldSpec field;
            field.kind = scalar_of(spec.find("kind"));
            const std::string path = scalar_of(spec.find("path"));  // split() views into it
            for (auto part : split(path, '/')) {
              if (!part.empty()) field.path.emplace_back(part);
            }
            if (!field.path.empty()) reference.fields.push_back(std::move(field));
          }
          out.push_back(std::move(reference));
        }
      }
    }
    return out;
  }

  // Where a `configurations:` entry names a referring field, Kustomize
  // rewrites an old name there to the object's new one.
  void fix_name_references(FileId k, const Node& root, Resources& list) {
    std::vector<NameReference> references = name_references(k, root);
    if (references.empty()) return;
    // kind → old name → new name
    std::map<std::string, std::map<std::string, std::string>> renamed;
    for (const auto& r : list) {
      if (r.deleted || (r.names.size() < 2 && !r.hashed)) continue;
      for (const auto& old : r.names) {
        if (old != r.final_name()) renamed[r.kind][old] = r.final_name();
      }
    }
    for (const auto& reference : references) {
      auto names = renamed.find(reference.kind);
      if (names == renamed.end()) continue;
      for (auto& r : list) {
        if (r.deleted || r.generator != nullptr) continue;
        for (const auto& field : reference.fields) {
          if (!field.kind.empty() && field.kind != r.kind) continue;
          if (!refers_to_any(r.tree(), field.path, names->second)) continue;
          kustomize::for_each_field_spec_value(r.edit(), field.path, 0, [&](Node& value) {
            auto it = names->second.find(value.scalar);
            if (it != names->second.end()) value.scalar = it->second;
          });
        }
      }
    }
  }

  static bool refers_to_any(const Node& tree, const std::vector<std::string>& path,
                            const std::map<std::string, std::string>& names) {
    bool found = false;
    const_walk(tree, path, 0, [&](const Node& value) {
      if (names.count(value.scalar) != 0) found = true;
    });
    return found;
  }

  template <typename Visit>
  static void const_walk(const Node& node, const std::vector<std::string>& path, size_t step,
                         Visit&& visit) {
    if (node.is_seq()) {
      for (const auto& item : node.items) const_walk(item, path, step, visit);
      return;
    }
    if (step == path.size()) {
      if (node.is_scalar()) visit(node);
      return;
    }
    if (!node.is_map()) return;
    for (const auto& entry : node.entries) {
      if (entry.key == path[step]) const_walk(entry.value, path, step + 1, visit);
    }
  }

  // ---- output ------------------------------------------------------------------------
  void record(Resources& list) {
    for (auto& r : list) {
      if (r.generator != nullptr) {
        GeneratedName generated;
        generated.name = r.names.back();
        generated.rename = r.rename;
        if (generated.rename.original_name.empty() && r.names.size() > 1) {
          generated.rename.original_name = r.names.front();
        }
        out_.generated_[{r.generator_owner, r.generator, r.chain}] = std::move(generated);
        continue;
      }
      EmittedObject object;
      object.rename = r.rename;
      if (!r.deleted) {
        if (r.changed) {
          model_.owned.push_back(std::move(*r.changed));
          object.root = &model_.owned.back();
        } else {
          object.root = r.original;
        }
      }
      out_.emitted_[{r.file, r.doc, r.chain}] = std::move(object);
    }
  }

  size_t builds_left_ = 0;  // the work budget of the current root
  Model& model_;
  KustomizeBuild& out_;
  YamlParser parser_;
  std::unordered_map<std::string, FileId> by_path_;
  std::map<std::string, FileId> kustomization_by_folder_;
  std::unordered_map<const Node*, std::vector<const Node*>> patch_cache_;
};

KustomizeBuild::KustomizeBuild(Model& model, const KustomizeLayout& layout) {
  KustomizeBuilder(model, layout, *this);
}

const EmittedObject* KustomizeBuild::emitted(FileId file, size_t doc,
                                             const std::vector<FileId>& overlays) const {
  auto it = emitted_.find({file, doc, overlays});
  return it == emitted_.end() ? nullptr : &it->second;
}

std::vector<std::pair<const Placement*, const EmittedObject*>> KustomizeBuild::distinct(
    FileId file, size_t doc, const yaml::Node& written,
    const std::vector<Placement>& places) const {
  std::vector<std::pair<const Placement*, const EmittedObject*>> out;
  for (const auto& place : places) {
    const EmittedObject* emitted = this->emitted(file, doc, place.overlays);
    if (emitted != nullptr && emitted->root == nullptr) continue;  // `$patch: delete`
    const yaml::Node& root = emitted != nullptr ? *emitted->root : written;
    bool same = std::any_of(out.begin(), out.end(), [&](const auto& kept) {
      const yaml::Node& other = kept.second != nullptr ? *kept.second->root : written;
      return kept.first->namespace_name == place.namespace_name &&
             kept.first->environment == place.environment && kept.first->flux == place.flux &&
             (&other == &root || kustomize::same_content(other, root));
    });
    if (!same) out.emplace_back(&place, emitted);
  }
  return out;
}

const GeneratedName* KustomizeBuild::generated(FileId kustomization, const yaml::Node* generator,
                                               const std::vector<FileId>& overlays) const {
  auto it = generated_.find({kustomization, generator, overlays});
  return it == generated_.end() ? nullptr : &it->second;
}

HelmChartNamespace helm_chart_namespace(const std::string& chart_namespace,
                                        const std::string& kustomization_namespace,
                                        const std::string& enclosing_namespace) {
  // Before 5.8: the namespace transformers rewrite the output, the outermost last.
  std::string before = !enclosing_namespace.empty()       ? enclosing_namespace
                       : !kustomization_namespace.empty() ? kustomization_namespace
                                                          : chart_namespace;
  // From 5.8: helm gets helmCharts[].namespace, else the kustomization's, else an enclosing one.
  std::string after = !chart_namespace.empty()           ? chart_namespace
                      : !kustomization_namespace.empty() ? kustomization_namespace
                                                         : enclosing_namespace;
  if (before == after) return {before, true, {}};
  HelmChartNamespace out;
  out.known = false;
  out.why =
      "Kustomize before 5.8 puts the chart's output in namespace '" + before +
      "' (the namespace transformer rewrites it), Kustomize 5.8 and later in '" + after +
      "' (passed to helm" +
      (!chart_namespace.empty() ? std::string(" from helmCharts[].namespace") : std::string()) +
      "); which one applies depends on the Kustomize version";
  return out;
}

}  // namespace seldon_lint
