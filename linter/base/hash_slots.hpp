// An open-addressing index over records the caller keeps in its own vector:
// one array of (hash tag, record number) slots, probed linearly.  A lookup
// reads one or two cache lines of that array and then the candidate record,
// where a node-based std::unordered_map reads a bucket, a node and the key's
// heap copy at every step.  On the model phase's tables (a path per file, an
// entry per placed object: hundreds of thousands) those misses were most of
// the lookup cost, and more of it the bigger the repository.
//
// Sized once for the number of records it will hold (at most half the slots
// are used, so a probe ends quickly); the caller confirms each candidate,
// since different keys can share a tag.  The caller's hash is mixed with a
// seed chosen per process before it picks a slot: file names are untrusted,
// and names crafted to share the low bits of a fixed hash would otherwise
// make every probe walk all of them.  No result depends on slot order.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "linter/base/hash.hpp"

namespace seldon_lint {

class HashSlots {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  HashSlots() = default;
  explicit HashSlots(size_t records) : slots_(capacity_for(records), Slot{0, kNone}) {
    mask_ = slots_.size() - 1;
    limit_ = records;
  }

  // Adds `record` under `hash`; a record equal to one already added is the
  // caller's to skip (find it first).
  void insert(uint64_t hash, uint32_t record) {
    if (used_ == limit_) throw std::logic_error("HashSlots: more records than it was sized for");
    if (record == kNone) throw std::logic_error("HashSlots: record number out of range");
    ++used_;
    hash = mixed(hash);
    size_t i = static_cast<size_t>(hash) & mask_;
    while (slots_[i].record != kNone) i = (i + 1) & mask_;
    slots_[i] = Slot{tag_of(hash), record};
  }

  // The first record added under `hash` for which `matches(record)` holds;
  // kNone when there is none.
  template <typename Matches>
  uint32_t find(uint64_t hash, Matches&& matches) const {
    if (slots_.empty()) return kNone;
    hash = mixed(hash);
    const uint32_t tag = tag_of(hash);
    for (size_t i = static_cast<size_t>(hash) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.record == kNone) return kNone;
      if (slot.tag == tag && matches(slot.record)) return slot.record;
    }
  }

 private:
  struct Slot {
    uint32_t tag;  // the hash's high half; the low bits chose the slot
    uint32_t record;
  };
  static uint32_t tag_of(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }
  static uint64_t mixed(uint64_t hash) {
    return detail::fold_multiply(hash ^ process_seed(), 0x9e3779b97f4a7c15ull);
  }
  // Chosen once per process (address-space layout and the clock); never
  // changes after, so it is no shared mutable state.
  static uint64_t process_seed() {
    static const uint64_t kSeed = [] {
      int local = 0;
      auto now = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
      return detail::fold_multiply(reinterpret_cast<uintptr_t>(&local) ^ now,
                                   0xa0761d6478bd642full);
    }();
    return kSeed;
  }
  static size_t capacity_for(size_t records) {
    size_t capacity = 8;
    while (capacity < 2 * records) capacity *= 2;
    return capacity;
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t used_ = 0;
  size_t limit_ = 0;
};

}  // namespace seldon_lint
