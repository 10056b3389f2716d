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
// since different keys can share a tag.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

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
    ++used_;
    size_t i = static_cast<size_t>(hash) & mask_;
    while (slots_[i].record != kNone) i = (i + 1) & mask_;
    slots_[i] = Slot{tag_of(hash), record};
  }

  // The first record added under `hash` for which `matches(record)` holds;
  // kNone when there is none.
  template <typename Matches>
  uint32_t find(uint64_t hash, Matches&& matches) const {
    if (slots_.empty()) return kNone;
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
