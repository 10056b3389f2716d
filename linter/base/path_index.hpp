// The repository's files by path: one table the model phase's sources,
// Kustomize layout and Kustomize build share (each used to build its own
// std::unordered_map of the same paths).  Views into the files' paths, which
// do not change while the index is in use.
#pragma once

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
  // It keeps a pointer to the list: never to a temporary one.
  explicit PathIndex(const std::vector<SourceFile>&& files) = delete;

  // The file at `path`, exactly as spelled; kNoFile when there is none.
  FileId find(std::string_view path) const;

 private:
  const std::vector<SourceFile>* files_ = nullptr;
  HashSlots slots_;
};

}  // namespace seldon_lint
