// The repository's files by path: one table the model phase's sources,
// Kustomize layout and Kustomize build share (each used to build its own
// std::unordered_map of the same paths).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "linter/base/hash_slots.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

class PathIndex {
 public:
  PathIndex() = default;
  // A path listed twice (discovery lists each once) keeps its first file.
  explicit PathIndex(const std::vector<SourceFile>& files);

  // The file at `path`, exactly as spelled; kNoFile when there is none.
  FileId find(std::string_view path) const;
  // How many files it was built from.
  size_t files() const { return starts_.empty() ? 0 : starts_.size() - 1; }

 private:
  std::string_view path_of(uint32_t id) const {
    return std::string_view(paths_).substr(starts_[id], starts_[id + 1] - starts_[id]);
  }

  // The paths are copied next to each other, in file order: a lookup compares
  // against one short run of bytes instead of reaching each file's record and
  // then its path, two cache misses apiece once the files outgrow the cache
  // (the Kustomize layout looks up every entry of every kustomization).
  std::string paths_;
  std::vector<size_t> starts_;  // where each file's path begins in paths_, and the end
  HashSlots slots_;
};

}  // namespace seldon_lint
