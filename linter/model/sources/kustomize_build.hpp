// What `kustomize build` emits, for every kustomization placement the layout
// walk found: each resource document after the transformations Kustomize runs
// in each kustomization, innermost first, in Kustomize's own order
// (api/internal/target: patchesStrategicMerge, patches, namespace,
// namePrefix, nameSuffix, patchesJson6902, replacements; then name references
// are fixed up).  Components (`kind: Component`) add their resources to the
// including kustomization's and run their transformations on all of it.
//
// Generated ConfigMaps/Secrets (configMapGenerator/secretGenerator) take part
// like resources: renamed by prefixes, suffixes and the content hash, and
// referred to by the new name where a `configurations:` nameReference entry
// tells Kustomize to rewrite the referring field (Flux documents that for
// HelmRelease `valuesFrom`).  Kustomize never rewrites names inside Helm values
// (unless such an entry names that field), so a renamed Secret no longer
// matches them.
//
// Bounded: a kustomization is not entered again on its own inclusion path,
// nesting stops at kMaxDepth, and each placement is built once.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "linter/base/hash_slots.hpp"
#include "linter/base/path_index.hpp"
#include "linter/model/sources/kustomize.hpp"
#include "linter/parse/yaml_parser.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

// How Kustomize renamed an object (namePrefix / nameSuffix / generator hash).
struct KustomizeRename {
  std::string original_name;  // empty: not renamed
  std::string reason;         // "namePrefix 'prod-' of overlays/prod/kustomization.yaml"
  Location where;             // the namePrefix/nameSuffix value (or the generator entry)
  bool hashed = false;        // generator name with a content-hash suffix
};

struct EmittedObject {
  // The object after every transformation (owned by Model::owned, or the
  // document itself when nothing changed it); nullptr when a `$patch: delete`
  // removed it from the output.
  const yaml::Node* root = nullptr;
  // How Kustomize renamed it (kept by the KustomizeBuild); nullptr: not renamed.
  const KustomizeRename* rename = nullptr;
};

// The final name of a generated ConfigMap/Secret at one placement.
struct GeneratedName {
  std::string name;  // with prefixes/suffixes; hashed ones end in "-<hash>"
  KustomizeRename rename;
};

class KustomizeBuild {
 public:
  static constexpr int kMaxDepth = 32;
  // Work budget: kustomizations built (entered) under one root placement.
  static constexpr size_t kMaxBuildsPerRoot = 10000;

  // Builds every root placement of the layout, the roots on up to `jobs`
  // threads (each root's build is independent of the others'; the result does
  // not depend on `jobs`).
  KustomizeBuild(Model& model, const KustomizeLayout& layout, const PathIndex& paths,
                 unsigned jobs = 1);

  // The emitted form of document `doc` of `file` at the placement whose
  // overlay chain is `overlays`; nullptr when no kustomization transformed it.
  const EmittedObject* emitted(FileId file, size_t doc, const std::vector<FileId>& overlays) const;

  // The placements of document `doc` worth reading, with what each emits
  // (nullptr: the document as written): one per namespace and environment,
  // plus those where another overlay chain emits it differently (two
  // production overlays patching one base in the same namespace).  Deleted
  // objects are left out.
  std::vector<std::pair<const Placement*, const EmittedObject*>> distinct(
      FileId file, size_t doc, const yaml::Node& written,
      const std::vector<Placement>& places) const;

  // The final name of the generator entry `generator` of kustomization
  // `kustomization` placed with `overlays` (the chain above it); nullptr when
  // unknown.
  const GeneratedName* generated(FileId kustomization, const yaml::Node* generator,
                                 const std::vector<FileId>& overlays) const;

  // Files the build looked up by path (resources, patches, replacements,
  // configurations), in no particular order, possibly repeated.
  const std::vector<FileId>& files_read() const { return files_read_; }

 private:
  friend class KustomizeBuilder;
  // Results per object (a document: file and index; a generator: its node
  // and kustomization) and overlay chain.  Keyed by the object and a hash of
  // the chain, the chain compared on lookup: a lookup copies no chain (the
  // model phase looks up every placement of every placed document).
  struct ChainKey {
    uintptr_t object = 0;
    size_t index = 0;
    uint64_t chain_hash = 0;
    bool operator==(const ChainKey&) const = default;
  };
  static uint64_t hash_of(const ChainKey& key);

  // One flat list of results per kind, indexed once every worker's results
  // are in: an entry per placed object, and a node-based map of them (a node,
  // a vector and a key per entry) was a fifth of the model phase on big trees.
  // The objects of one kustomization's output share its chain, kept once.
  template <typename T>
  class ByChain {
   public:
    // Recorded by one worker, in build order.
    void add(ChainKey key, const std::vector<FileId>& chain, T value) {
      if (chains_.empty() || chains_.back() != chain) chains_.push_back(chain);
      records_.push_back(Record{key, static_cast<uint32_t>(chains_.size() - 1), std::move(value)});
    }
    // Moves another worker's results in; no key is in both (each root's
    // chains start with it).
    void append(ByChain& from) {
      auto offset = static_cast<uint32_t>(chains_.size());
      for (auto& chain : from.chains_) chains_.push_back(std::move(chain));
      records_.reserve(records_.size() + from.records_.size());
      for (auto& record : from.records_) {
        record.chain += offset;
        records_.push_back(std::move(record));
      }
      from.chains_.clear();
      from.records_.clear();
    }
    // After the last append: the same object and chain recorded twice (listed
    // twice in one kustomization) keeps the last value.
    void index() {
      slots_ = HashSlots(records_.size());
      for (uint32_t i = 0; i < records_.size(); ++i) {
        Record& record = records_[i];
        uint64_t hash = hash_of(record.key);
        uint32_t kept = find_record(hash, record.key, chains_[record.chain]);
        if (kept == HashSlots::kNone) {
          slots_.insert(hash, i);
        } else {
          records_[kept].value = std::move(record.value);
        }
      }
    }
    const T* find(ChainKey key, const std::vector<FileId>& chain) const {
      uint32_t found = find_record(hash_of(key), key, chain);
      return found == HashSlots::kNone ? nullptr : &records_[found].value;
    }

   private:
    struct Record {
      ChainKey key;
      uint32_t chain;  // in chains_
      T value;
    };
    uint32_t find_record(uint64_t hash, const ChainKey& key,
                         const std::vector<FileId>& chain) const {
      return slots_.find(hash, [&](uint32_t i) {
        return records_[i].key == key && chains_[records_[i].chain] == chain;
      });
    }
    std::vector<std::vector<FileId>> chains_;
    std::vector<Record> records_;
    HashSlots slots_;
  };

  ByChain<EmittedObject> emitted_;
  ByChain<GeneratedName> generated_;
  // What emitted_ points to, per worker: a deque of deques, so that neither
  // growing it nor moving a worker's deque in moves a rename.
  std::deque<std::deque<KustomizeRename>> renames_;
  std::vector<FileId> files_read_;
};

// Where a Kustomize `helmCharts` release and its output land.  Before
// Kustomize 5.8 the kustomization's namespace transformer rewrites the output
// (the outermost `namespace:` wins); from 5.8 `helmCharts[].namespace`, else
// the kustomization's own, else an enclosing one, is passed to helm and the
// chart's namespaces stay.  When the two readings disagree the namespace is
// unknown (`known` false, `why` says so).
struct HelmChartNamespace {
  std::string namespace_name;
  bool known = true;
  std::string why;
};
HelmChartNamespace helm_chart_namespace(const std::string& chart_namespace,
                                        const std::string& kustomization_namespace,
                                        const std::string& enclosing_namespace);

}  // namespace seldon_lint
