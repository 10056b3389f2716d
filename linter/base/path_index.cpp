#include "linter/base/path_index.hpp"

#include "linter/base/hash.hpp"

namespace seldon_lint {

PathIndex::PathIndex(const std::vector<SourceFile>& files) : files_(&files), slots_(files.size()) {
  for (FileId id = 0; id < files.size(); ++id) {
    std::string_view path = files[id].path;
    uint64_t hash = hash_bytes(path);
    auto same_path = [&](uint32_t other) { return files[other].path == path; };
    if (slots_.find(hash, same_path) == HashSlots::kNone) slots_.insert(hash, id);
  }
}

FileId PathIndex::find(std::string_view path) const {
  if (files_ == nullptr) return kNoFile;
  uint32_t found =
      slots_.find(hash_bytes(path), [&](uint32_t id) { return (*files_)[id].path == path; });
  return found == HashSlots::kNone ? kNoFile : found;
}

}  // namespace seldon_lint
