#include "linter/model/sources/kustomize.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>

#include "linter/base/frozen_map.hpp"
#include "linter/base/hash.hpp"
#include "linter/base/text.hpp"
#include "linter/base/thread_pool.hpp"

namespace seldon_lint {
namespace {

// A chain's file ids as raw bytes: the key it is interned under and what its
// hash is of (only compared and hashed, never shown).
std::string_view chain_bytes(const std::vector<FileId>& files) {
  return {reinterpret_cast<const char*>(files.data()), files.size() * sizeof(FileId)};
}

class PlacementWalker {
  using Node = yaml::Node;

 public:
  PlacementWalker(const Model& model, const PathIndex& paths, const std::vector<FluxApply>& flux)
      : model_(model), flux_(flux), by_path_(paths) {
    sorted_paths_.reserve(model.files.size());
    layout_.files.reserve_files(model.files.size());
    layout_.kustomizations.reserve_files(model.files.size());
    references_.reserve_files(model.files.size());
    for (FileId id = 0; id < model.files.size(); ++id) {
      std::string_view path = model.files[id].path;
      sorted_paths_.emplace_back(path, id);
      if (is_kustomization_path(path) && !model.files[id].documents.empty() &&
          model.files[id].documents.front().root.is_map()) {
        kustomization_by_folder_[folder_of(path)] = id;
      }
    }
    // Discovery lists files sorted by path: checking that is one pass, where
    // sorting again compares strings all over the heap.
    if (!std::is_sorted(sorted_paths_.begin(), sorted_paths_.end())) {
      std::sort(sorted_paths_.begin(), sorted_paths_.end());
    }
    std::vector<std::pair<std::string_view, const FileId*>> folders;
    folders.reserve(kustomization_by_folder_.size());
    for (const auto& [folder, id] : kustomization_by_folder_) folders.emplace_back(folder, &id);
    kustomization_index_ = FrozenMap<std::string_view, const FileId*>(std::move(folders));
  }

  KustomizeLayout run(unsigned jobs) {
    resolve_all_references(jobs);
    std::vector<char> referenced(model_.files.size(), 0);  // per file id
    for (const auto& [folder, id] : kustomization_by_folder_) {
      for (const auto& reference : references(id)) {
        const FileId* k = reference.kustomization;
        if (k && *k != id) referenced[*k] = 1;
      }
    }
    for (const auto& apply : flux_) {
      if (auto k = kustomization_at(apply.folder)) referenced[*k] = 1;
    }
    for (const auto& [folder, id] : kustomization_by_folder_) {
      if (referenced[id] != 0) continue;  // reached from an overlay or Flux
      visit(id, "", model_.files[id].environment, nullptr, -1, 0);
    }
    for (size_t i = 0; i < flux_.size(); ++i) visit_flux(static_cast<int>(i));
    // Kustomizations reached only from each other (a cycle with no way in):
    // walked from each, so the cycle is reported.
    for (const auto& [folder, id] : kustomization_by_folder_) {
      if (!layout_.kustomizations.contains(id)) {
        visit(id, "", model_.files[id].environment, nullptr, -1, 0);
      }
    }
    layout_.entries.reserve_files(model_.files.size());
    references_.for_each([this](FileId id, std::vector<Reference>& list) {
      std::vector<ResolvedEntry>& entries = layout_.entries[id];
      entries.reserve(list.size());
      for (auto& reference : list) entries.push_back(std::move(reference.entry));
    });
    return std::move(layout_);
  }

 private:
  const Node* root_of(FileId id) const { return &model_.files[id].documents.front().root; }

  struct Reference {
    ResolvedEntry entry;  // the target, and the file there when it is no kustomization
    Location where;       // the list entry
    const FileId* kustomization = nullptr;  // at the target folder, looked up once
  };

  // Resolves every kustomization's references before the walk, on up to
  // `jobs` threads: each reads only its own kustomization and the path
  // indexes, and on a big repository they are most of the layout's time.
  void resolve_all_references(unsigned jobs) {
    std::vector<FileId> ids;
    ids.reserve(kustomization_by_folder_.size());
    for (const auto& [folder, id] : kustomization_by_folder_) ids.push_back(id);
    std::vector<std::vector<Reference>> resolved(ids.size());
    auto failures = parallel_for(
        ids.size(), jobs, [&](size_t i, unsigned) { resolved[i] = resolve_references(ids[i]); });
    // Only a bug throws here: resolved again on this thread, it propagates
    // as from a serial walk.
    for (const auto& failure : failures) {
      resolved[failure.index] = resolve_references(ids[failure.index]);
    }
    for (size_t i = 0; i < ids.size(); ++i) references_[ids[i]] = std::move(resolved[i]);
  }

  // Resolved `resources`/`bases`/`components` of a kustomization: every
  // kustomization the walk can reach is in kustomization_by_folder_, so
  // resolve_all_references resolved it before the walk (a shared base is
  // visited once per overlay that includes it, its entries resolved once).
  const std::vector<Reference>& references(FileId id) const {
    const auto* resolved = references_.find(id);
    if (resolved == nullptr) throw std::logic_error("kustomization walk: entries not resolved");
    return *resolved;
  }

  std::vector<Reference> resolve_references(FileId id) const {
    std::vector<Reference> out;
    const Node* root = root_of(id);
    constexpr std::pair<const char*, ResolvedEntry::List> kLists[] = {
        {"resources", ResolvedEntry::Resources},
        {"bases", ResolvedEntry::Bases},
        {"components", ResolvedEntry::Components}};
    for (auto [key, kind] : kLists) {
      const Node* list = root->find(key);
      if (list == nullptr || !list->is_seq()) continue;
      for (const auto& item : list->items) {
        if (!item.is_scalar()) continue;
        std::string resolved = resolve_relative(model_.files[id].path, item.scalar);
        if (resolved.empty()) continue;
        Reference reference;
        reference.entry.list = kind;
        reference.entry.blank = item.scalar.empty();
        reference.where = item.location();
        reference.kustomization = kustomization_at(resolved);
        if (reference.kustomization == nullptr) reference.entry.file = by_path_.find(resolved);
        reference.entry.target = std::move(resolved);
        out.push_back(std::move(reference));
      }
    }
    return out;
  }

  const FileId* kustomization_at(const std::string& folder) const {
    const FileId* const* found = kustomization_index_.find(folder);
    return found == nullptr ? nullptr : *found;
  }

  // A file keeps one placement per overlay chain (each may patch it
  // differently; KustomizeBuild::distinct drops the ones that emit the same);
  // a kustomization one per namespace and environment.  Most lists hold a
  // few placements and are scanned; a long one (a base shared by many
  // overlays) gets a hash index, as a scan would be quadratic in them.
  // Chains are interned, so the same chain is the same pointer.
  void add_place(std::vector<Placement>& places, const std::string& ns, const std::string& env,
                 const OverlayChain* chain, int flux, bool per_overlay_chain = false) {
    ++layout_.work;
    auto same = [&](const Placement& p) {
      return p.namespace_name == ns && p.environment == env &&
             (!per_overlay_chain || p.chain == chain);
    };
    size_t found = places.size();
    if (places.size() < kScannedPlaces) {
      found =
          static_cast<size_t>(std::find_if(places.begin(), places.end(), same) - places.begin());
    } else {
      auto& index = place_index_[&places];
      if (index.empty()) {
        for (size_t i = 0; i < places.size(); ++i) {
          const Placement& p = places[i];
          index.emplace(place_key(p.namespace_name, p.environment, p.chain, per_overlay_chain), i);
        }
      }
      auto [it, added] = index.emplace(place_key(ns, env, chain, per_overlay_chain), places.size());
      found = it->second;
    }
    if (found == places.size()) {
      places.push_back(Placement{ns, env, chain, flux});
      return;
    }
    Placement& p = places[found];
    if (p.flux < 0 && flux >= 0) p = Placement{ns, env, chain, flux};  // keep the Flux context
  }

  static std::string place_key(const std::string& ns, const std::string& env,
                               const OverlayChain* chain, bool per_overlay_chain) {
    std::string key = ns + '\0' + env + '\0';
    if (per_overlay_chain) {  // the interned chain's address: only compared, never shown
      auto address = reinterpret_cast<uintptr_t>(chain);
      key.append(reinterpret_cast<const char*>(&address), sizeof address);
    }
    return key;
  }

  // The chain `above` followed by `kustomization`, kept once per distinct chain.
  const OverlayChain* extend(const OverlayChain* above, FileId kustomization) {
    std::vector<FileId> files;
    if (above != nullptr) {
      files.reserve(above->files.size() + 1);
      files = above->files;
    }
    files.push_back(kustomization);
    auto [it, added] = chain_index_.emplace(chain_bytes(files), nullptr);
    if (added) {
      uint64_t hash = overlay_chain_hash(files);
      it->second = &layout_.chains.emplace_back(OverlayChain{std::move(files), hash});
    }
    return it->second;
  }

  // Every kustomization reached along every overlay chain.  A reference back
  // onto the current chain (`.`, `..`, mutual references: a cycle, which made
  // the walk exponential up to its depth cap) is reported, not followed; the
  // visit budget bounds what remains (chains through shared bases).
  void visit(FileId kustomization, std::string ns, std::string env, const OverlayChain* above,
             int flux, int depth) {
    if (depth > kMaxKustomizeNesting) return;
    if (env == "default") env = model_.files[kustomization].environment;
    if (visits_left_ == 0) {
      report(Location{kustomization, Range{Position{1, 1, 0}, Position{1, 1, 0}}},
             "kustomization walk stopped: more than " + std::to_string(kMaxKustomizeVisits) +
                 " visits (the work budget; shared bases are visited once per overlay chain)");
      return;
    }
    --visits_left_;
    ++layout_.work;
    add_place(layout_.kustomizations[kustomization], ns, env, above, flux);
    const Node* root = root_of(kustomization);
    if (ns.empty()) {
      if (const Node* own = root->find("namespace"); own != nullptr && own->is_scalar()) {
        ns = own->scalar;
      }
    }
    const OverlayChain* chain = extend(above, kustomization);
    const std::vector<FileId>& overlays = chain->files;
    for (const auto& reference : references(kustomization)) {
      ++layout_.work;
      const FileId* nested = reference.kustomization;
      const Location& where = reference.where;
      if (nested != nullptr) {
        if (std::find(overlays.begin(), overlays.end(), *nested) != overlays.end()) {
          report_cycle(kustomization, *nested, where);
        } else if (depth + 1 > kMaxKustomizeNesting) {
          report(where, "kustomization nesting deeper than " +
                            std::to_string(kMaxKustomizeNesting) + " levels; not followed");
        } else {
          visit(*nested, ns, env, chain, flux, depth + 1);
        }
      } else if (reference.entry.file != kNoFile) {
        add_place(layout_.files[reference.entry.file], ns, env, chain, flux, true);
      }
    }
  }

  // Flux applies the kustomization at `spec.path`, or, without one, every
  // manifest under it (sub-folders with a kustomization through that one).
  void visit_flux(int index) {
    const FluxApply& apply = flux_[static_cast<size_t>(index)];
    if (apply.folder == "\x01") return;
    if (const FileId* k = kustomization_at(apply.folder)) {
      visit(*k, apply.target_namespace, apply.environment, nullptr, index, 0);
      return;
    }
    std::string prefix = apply.folder.empty() ? std::string() : apply.folder + "/";
    auto it = std::lower_bound(sorted_paths_.begin(), sorted_paths_.end(),
                               std::make_pair(std::string_view(prefix), FileId{0}));
    std::set<FileId> nested;
    for (; it != sorted_paths_.end() && starts_with(it->first, prefix); ++it) {
      // The nearest kustomization folder between the Flux path and the file.
      std::string folder = folder_of(it->first);
      const FileId* owner = nullptr;
      while (folder.size() > apply.folder.size()) {
        if (const FileId* k = kustomization_at(folder)) owner = k;
        size_t slash = folder.rfind('/');
        folder = slash == std::string::npos ? std::string() : folder.substr(0, slash);
      }
      if (owner != nullptr) {
        nested.insert(*owner);
      } else if (model_.files[it->second].kind == FileKind::Yaml) {
        std::string env = apply.environment == "default" ? model_.files[it->second].environment
                                                         : apply.environment;
        add_place(layout_.files[it->second], apply.target_namespace, env, nullptr, index, true);
      }
    }
    for (FileId k : nested) visit(k, apply.target_namespace, apply.environment, nullptr, index, 0);
  }

  const Model& model_;
  PerFileMap<std::vector<Reference>> references_;  // resolved once per kustomization
  const std::vector<FluxApply>& flux_;
  const PathIndex& by_path_;
  // Views into model_.files paths, which do not change while the layout is computed.
  std::vector<std::pair<std::string_view, FileId>> sorted_paths_;
  std::map<std::string, FileId> kustomization_by_folder_;           // walked in this order
  FrozenMap<std::string_view, const FileId*> kustomization_index_;  // into the map
  void report_cycle(FileId from, FileId to, Location where) {
    std::string message =
        from == to
            ? "kustomization lists its own folder in resources (a cycle Kustomize rejects); "
              "not followed"
            : "resources entry closes a cycle: " + model_.files[to].path + " already includes " +
                  model_.files[from].path + " (Kustomize rejects cycles); not followed";
    report(where, message);
  }

  void report(Location where, const std::string& message) {
    for (const auto& problem : layout_.problems) {
      if (problem.location.file == where.file &&
          problem.location.range.begin.offset == where.range.begin.offset) {
        return;  // once per entry, however many placements reach it
      }
    }
    layout_.problems.push_back(InputProblem{"SL002", where, message});
  }

  static constexpr int kMaxKustomizeNesting = 32;
  static constexpr size_t kScannedPlaces = 16;
  // Work budget: a base is visited once per overlay chain that includes it
  // (each chain may patch it differently), so a ladder of shared bases is
  // exponential; cycles are cut on the path above.
  static constexpr size_t kMaxKustomizeVisits = 100000;
  size_t visits_left_ = kMaxKustomizeVisits;
  KustomizeLayout layout_;
  // add_place's index of each long placement list: its placements by identity.
  std::unordered_map<const std::vector<Placement>*, std::unordered_map<std::string, size_t>>
      place_index_;
  // The chains in layout_.chains by chain_bytes.
  std::unordered_map<std::string, const OverlayChain*> chain_index_;
};

}  // namespace

uint64_t overlay_chain_hash(const std::vector<FileId>& files) {
  return hash_bytes(chain_bytes(files));
}

KustomizeLayout compute_kustomize_layout(const Model& model, const PathIndex& paths,
                                         const std::vector<FluxApply>& flux, unsigned jobs) {
  return PlacementWalker(model, paths, flux).run(jobs);
}

}  // namespace seldon_lint
