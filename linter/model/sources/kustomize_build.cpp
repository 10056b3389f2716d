#include "linter/model/sources/kustomize_build.hpp"

#include <algorithm>
#include <deque>
#include <memory>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "linter/base/hash.hpp"
#include "linter/base/text.hpp"
#include "linter/base/thread_pool.hpp"
#include "linter/model/sources/kustomize_patches.hpp"
#include "linter/model/sources/kustomize_resources.hpp"

namespace seldon_lint {
namespace {

using yaml::Kind;
using yaml::Node;
using namespace kustomize_build;

bool cluster_scoped(std::string_view kind) {
  static const std::set<std::string_view> kClusterScopedKinds = {"Namespace",
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
  return kClusterScopedKinds.count(kind) > 0;
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

// An emitted object keeps a rename only when Kustomize made one.
bool renamed(const KustomizeRename& rename) {
  return !rename.original_name.empty() || !rename.reason.empty() || rename.hashed ||
         rename.where.known();
}

}  // namespace

// One worker's builds: its own caches, parser, emitted objects and the nodes
// it made; the model is only read.
class KustomizeBuilder {
 public:
  KustomizeBuilder(const Model& model, const KustomizeFiles& files) : model_(model), files_(files) {
    resource_targets_.reserve_files(model.files.size());
  }

  // Builds the root placement of `root`; false when the work budget ran out.
  bool build_root(FileId root) {
    if (root_of(root) == nullptr) return true;
    builds_left_ = KustomizeBuild::kMaxBuildsPerRoot;
    Resources built = build(root, {}, 0);
    record(built);
    return builds_left_ > 0;
  }

  // What the builds emitted, for KustomizeBuild to take.
  KustomizeBuild::ByChain<EmittedObject> emitted;
  KustomizeBuild::ByChain<GeneratedName> generated;
  std::vector<FileId> files_read;
  std::deque<yaml::Node> owned;
  std::deque<KustomizeRename> renames;  // EmittedObject::rename of `emitted`

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

  std::optional<FileId> file_at(const std::string& path) {
    return note_read(files_.by_path.find(path));
  }

  // `id` (kNoFile: none) as a file the build reads.
  std::optional<FileId> note_read(FileId id) {
    if (id == kNoFile) return std::nullopt;
    files_read.push_back(id);
    return id;
  }

  std::optional<FileId> kustomization_at(const std::string& folder) const {
    const FileId* found = files_.kustomization_by_folder.find(folder);
    if (found == nullptr) return std::nullopt;
    return *found;
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
      owned.push_back(std::move(doc));
      out.push_back(&owned.back());
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

  // A `resources`/`bases` entry: a folder with a kustomization, or a file.
  struct ResourceTarget {
    FileId id;
    bool kustomization;
  };

  // A `resources`/`bases` entry naming `target`: the kustomization in that
  // folder, else the file `file_at_target()` finds (asked only then).
  template <typename FileAt>
  void add_target(std::vector<ResourceTarget>& targets, const std::string& target,
                  FileAt&& file_at_target) {
    if (auto nested = kustomization_at(target)) {
      targets.push_back({*nested, true});
    } else if (auto file = file_at_target()) {
      targets.push_back({*file, false});
    }
  }

  // The resolved `resources`/`bases` of a kustomization, computed once: a
  // shared base is built once per overlay chain that includes it.
  const std::vector<ResourceTarget>& resource_targets(FileId k, const Node& root) {
    if (const auto* cached = resource_targets_.find(k)) return *cached;
    std::vector<ResourceTarget>& targets = resource_targets_[k];
    if (const auto* walked = files_.entries.find(k)) {
      // The layout walk resolved the same lists (with `components`, and blank
      // entries, which a build skips).
      for (const ResolvedEntry& entry : *walked) {
        if (entry.list == ResolvedEntry::Components || entry.blank) continue;
        add_target(targets, entry.target, [&] { return note_read(entry.file); });
      }
      return targets;
    }
    const std::string& path = model_.files[k].path;
    for (const char* key : {"resources", "bases"}) {
      for (const auto& ref : string_list(root.find(key))) {
        std::string resolved = resolve_relative(path, ref);
        if (resolved.empty()) continue;  // remote: not in the repository
        add_target(targets, resolved, [&] { return file_at(resolved); });
      }
    }
    return targets;
  }

  Resources accumulate(FileId k, const std::vector<FileId>& chain, int depth) {
    Resources list;
    const Node* root = root_of(k);
    if (root == nullptr) return list;
    const std::string& path = model_.files[k].path;
    for (const auto& [target, nested] : resource_targets(k, *root)) {
      if (!nested) {
        add_file_resources(target, chain, list);
      } else if (depth < KustomizeBuild::kMaxDepth && !on_path(chain, target) && builds_left_ > 0) {
        --builds_left_;
        for (auto& r : build(target, chain, depth + 1)) list.push_back(std::move(r));
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

  // ---- name references ----------------------------------------------------------------
  // `configurations:` files: their nameReference entries make Kustomize
  // rewrite old names in the fields they list (kustomize_references.cpp).
  void fix_name_references(FileId k, const Node& root, Resources& list) {
    std::vector<NameReference> references;
    for (const auto& ref : string_list(root.find("configurations"))) {
      auto file = file_at(resolve_relative(model_.files[k].path, ref));
      if (!file) continue;
      for (const auto& doc : documents(*file)) read_name_references(doc.root, references);
    }
    rewrite_name_references(references, list);
  }

  // ---- output ------------------------------------------------------------------------
  void record(Resources& list) {
    for (auto& r : list) {
      if (r.generator != nullptr) {
        GeneratedName name;
        name.name = r.names.back();
        name.rename = r.rename;
        if (name.rename.original_name.empty() && r.names.size() > 1) {
          name.rename.original_name = r.names.front();
        }
        generated.add({reinterpret_cast<uintptr_t>(r.generator), r.generator_owner,
                       overlay_chain_hash(r.chain)},
                      r.chain, std::move(name));
        continue;
      }
      EmittedObject object;
      if (renamed(r.rename)) {
        renames.push_back(r.rename);
        object.rename = &renames.back();
      }
      if (!r.deleted) {
        if (r.changed) {
          owned.push_back(std::move(*r.changed));
          object.root = &owned.back();
        } else {
          object.root = r.original;
        }
      }
      emitted.add({r.file, r.doc, overlay_chain_hash(r.chain)}, r.chain, object);
    }
  }

  size_t builds_left_ = 0;  // the work budget of the current root
  const Model& model_;
  const KustomizeFiles& files_;
  YamlParser parser_;
  PerFileMap<std::vector<ResourceTarget>> resource_targets_;
  std::unordered_map<const Node*, std::vector<const Node*>> patch_cache_;
};

KustomizeBuild::KustomizeBuild(Model& model, const KustomizeLayout& layout, const PathIndex& paths,
                               unsigned jobs) {
  std::vector<FileId> roots;  // in file order: for_each walks it
  layout.kustomizations.for_each([&roots](FileId kustomization, const auto& places) {
    auto outermost = [](const Placement& place) { return place.chain == nullptr; };
    if (std::any_of(places.begin(), places.end(), outermost)) roots.push_back(kustomization);
  });
  KustomizeFiles files(model, paths, layout);
  std::vector<std::unique_ptr<KustomizeBuilder>> builders(std::max(1u, jobs));
  for (auto& builder : builders) builder = std::make_unique<KustomizeBuilder>(model, files);
  std::vector<char> finished(roots.size(), 1);
  if (jobs > 1) kustomize::prepare_selectors_for_threads();
  auto failures = parallel_for(roots.size(), jobs, [&](size_t i, unsigned worker) {
    finished[i] = builders[worker]->build_root(roots[i]) ? 1 : 0;
  });
  if (!failures.empty()) throw std::runtime_error(failures.front().what);
  for (size_t i = 0; i < roots.size(); ++i) {
    if (finished[i] != 0) continue;
    // Shared bases are built once per path, like Kustomize does; a ladder of
    // them is exponential.  The work budget stops it, said so.
    Location where{roots[i], Range{Position{1, 1, 0}, Position{1, 1, 0}}};
    model.problems.push_back(InputProblem{
        "SL002", where,
        "kustomize build not finished: more than " + std::to_string(kMaxBuildsPerRoot) +
            " kustomization builds under this root (the work budget); the rest is not modelled"});
  }
  for (auto& builder : builders) {
    emitted_.append(builder->emitted);
    generated_.append(builder->generated);
    files_read_.insert(files_read_.end(), builder->files_read.begin(), builder->files_read.end());
    model.owned_pools.push_back(std::move(builder->owned));
    renames_.push_back(std::move(builder->renames));  // a moved deque keeps its elements
  }
  emitted_.index();
  generated_.index();
}

}  // namespace seldon_lint
