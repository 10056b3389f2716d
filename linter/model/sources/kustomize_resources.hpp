// Internal to the Kustomize build (kustomize_build.cpp walks kustomizations;
// kustomize_references.cpp holds the transformers that copy or rewrite
// values between objects): an object of a kustomization's output while it
// is being built.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/frozen_map.hpp"
#include "linter/base/path_index.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/kustomize_build.hpp"
#include "linter/model/sources/kustomize_patches.hpp"

namespace seldon_lint::kustomize_build {

using yaml::Node;

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

// `replacements:` entry `spec`: copies the source value into every target
// field (delimiter/index, create, reject as Kustomize does).
void apply_replacement(const Node& spec, Resources& list);

// The nameReference entries of one `configurations:` document.
void read_name_references(const Node& root, std::vector<NameReference>& out);
// Where a nameReference names a referring field, Kustomize rewrites an old
// name there to the object's new one.
void rewrite_name_references(const std::vector<NameReference>& references, Resources& list);

// The files a build looks up by path (kustomize_build_lookup.cpp): built
// once, read by every worker.
struct KustomizeFiles {
  KustomizeFiles(const Model& model, const PathIndex& paths, const KustomizeLayout& layout);
  const PathIndex& by_path;
  // The layout walk's resolved entries of the kustomizations it indexed.
  const PerFileMap<std::vector<ResolvedEntry>>& entries;
  FrozenMap<std::string, FileId> kustomization_by_folder;
};

}  // namespace seldon_lint::kustomize_build
