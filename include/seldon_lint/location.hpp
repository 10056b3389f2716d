// Positions in source files.  Lines and columns are 1-based; columns count
// Unicode code points (SARIF columnKind "unicodeCodePoints").
#pragma once

#include <cstdint>
#include <string>

namespace seldon_lint {

struct Position {
  uint32_t line = 0;    // 1-based; 0 = unknown
  uint32_t column = 0;  // 1-based, in code points
  uint32_t offset = 0;  // byte offset in the file
};

struct Range {
  Position begin;
  Position end;  // exclusive end column, like SARIF endColumn
  bool known() const { return begin.line != 0; }
};

// Index of a file in Model::files; kNoFile for synthetic values (chart defaults).
using FileId = uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

struct Location {
  FileId file = kNoFile;
  Range range;
  bool known() const { return file != kNoFile; }
};

}  // namespace seldon_lint
