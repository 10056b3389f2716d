// Byte offset -> line/column for many offsets of one file region.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "seldon_lint/location.hpp"

namespace seldon_lint {

// position_at for many offsets of one region [begin, end) of a file, in time
// independent of line length: position_at counts code points from the line
// start, which is quadratic over the nodes of a megabyte-long line.  Build
// cost is linear in the region, not the file, so parsing a small region of a
// large file (an embedded YAML block) stays cheap.
class PositionIndex {
 public:
  PositionIndex(std::string_view text, const std::vector<uint32_t>& line_starts, uint32_t begin,
                uint32_t end);
  PositionIndex(std::string_view text, const std::vector<uint32_t>& line_starts)
      : PositionIndex(text, line_starts, 0, static_cast<uint32_t>(text.size())) {}
  // Equal to position_at(text, line_starts, offset).
  Position at(uint32_t offset) const;

 private:
  static constexpr uint32_t kBlock = 256;
  // UTF-8 continuation bytes in [begin_, offset), for offset in [begin_, end_].
  uint32_t continuation_bytes_before(uint32_t offset) const;
  std::string_view text_;
  const std::vector<uint32_t>& line_starts_;
  uint32_t begin_, end_;
  std::vector<uint32_t> checkpoints_;  // continuation bytes before each block
};

}  // namespace seldon_lint
