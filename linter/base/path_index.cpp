#include "linter/base/path_index.hpp"

#include "linter/base/hash.hpp"

namespace seldon_lint {

PathIndex::PathIndex(const std::vector<SourceFile>& files) : slots_(files.size()) {
  size_t bytes = 0;
  for (const auto& file : files) bytes += file.path.size();
  paths_.reserve(bytes);
  starts_.reserve(files.size() + 1);
  for (const auto& file : files) {
    starts_.push_back(paths_.size());
    paths_ += file.path;
  }
  starts_.push_back(paths_.size());
  for (FileId id = 0; id < files.size(); ++id) {
    std::string_view path = path_of(id);
    uint64_t hash = hash_bytes(path);
    auto same_path = [&](uint32_t other) { return path_of(other) == path; };
    if (slots_.find(hash, same_path) == HashSlots::kNone) slots_.insert(hash, id);
  }
}

FileId PathIndex::find(std::string_view path) const {
  uint32_t found = slots_.find(hash_bytes(path), [&](uint32_t id) { return path_of(id) == path; });
  return found == HashSlots::kNone ? kNoFile : found;
}

}  // namespace seldon_lint
