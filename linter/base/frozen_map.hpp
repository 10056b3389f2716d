// Strings to values, built once and then only read: the entries in one vector
// and an open-addressing index over them (HashSlots), for lookup tables the
// model phase consults per reference on big repositories (kustomization
// folders), where std::unordered_map chases a node and the key's heap copy.
// `Key` is std::string (the map owns its keys) or std::string_view (keys owned
// elsewhere, outliving the map).
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "linter/base/hash.hpp"
#include "linter/base/hash_slots.hpp"

namespace seldon_lint {

template <typename Key, typename Value>
class FrozenMap {
 public:
  FrozenMap() = default;
  // A key given twice keeps its last value, as `map[key] = value` does.
  explicit FrozenMap(std::vector<std::pair<Key, Value>> entries) : slots_(entries.size()) {
    entries_.reserve(entries.size());
    for (auto& [key, value] : entries) {
      uint64_t hash = hash_bytes(key);
      uint32_t kept = find_index(hash, key);
      if (kept != HashSlots::kNone) {
        entries_[kept].second = std::move(value);
        continue;
      }
      slots_.insert(hash, static_cast<uint32_t>(entries_.size()));
      entries_.emplace_back(std::move(key), std::move(value));
    }
  }

  // The value of `key`; nullptr when absent.
  const Value* find(std::string_view key) const {
    uint32_t found = find_index(hash_bytes(key), key);
    return found == HashSlots::kNone ? nullptr : &entries_[found].second;
  }

 private:
  uint32_t find_index(uint64_t hash, std::string_view key) const {
    return slots_.find(hash,
                       [&](uint32_t i) { return std::string_view(entries_[i].first) == key; });
  }

  HashSlots slots_;
  std::vector<std::pair<Key, Value>> entries_;
};

}  // namespace seldon_lint
