// A value per file, looked up by file id: a slot per file of the model and
// the values in the order they were added.  Hash or tree maps keyed by file
// id cost several dependent cache misses per lookup on big trees, and the
// model phase looks files up for every document it reads.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "seldon_lint/location.hpp"

namespace seldon_lint {

template <typename Value>
class PerFileMap {
 public:
  // Sized for ids below `files`; larger ids still work.
  void reserve_files(size_t files) {
    if (slot_.size() < files) slot_.resize(files, kAbsent);
  }
  // The value of `file`, added default-constructed when absent.  References
  // stay valid while other files are added.
  Value& operator[](FileId file) {
    if (file >= slot_.size()) slot_.resize(static_cast<size_t>(file) + 1, kAbsent);
    if (slot_[file] == kAbsent) {
      slot_[file] = static_cast<uint32_t>(values_.size());
      values_.emplace_back();
    }
    return values_[slot_[file]];
  }
  // nullptr when no value was added for `file`.
  const Value* find(FileId file) const {
    return file < slot_.size() && slot_[file] != kAbsent ? &values_[slot_[file]] : nullptr;
  }
  Value* find(FileId file) {
    return file < slot_.size() && slot_[file] != kAbsent ? &values_[slot_[file]] : nullptr;
  }
  bool contains(FileId file) const { return find(file) != nullptr; }
  size_t size() const { return values_.size(); }
  // `visit(file, value)` for every file with a value, in file order.
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (FileId file = 0; file < slot_.size(); ++file) {
      if (slot_[file] != kAbsent) visit(file, values_[slot_[file]]);
    }
  }
  template <typename Visit>
  void for_each(Visit&& visit) {
    for (FileId file = 0; file < slot_.size(); ++file) {
      if (slot_[file] != kAbsent) visit(file, values_[slot_[file]]);
    }
  }

 private:
  static constexpr uint32_t kAbsent = UINT32_MAX;
  std::vector<uint32_t> slot_;  // per file id: its value in values_, or kAbsent
  std::deque<Value> values_;
};

}  // namespace seldon_lint
