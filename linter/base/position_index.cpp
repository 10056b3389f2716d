#include "linter/base/position_index.hpp"

#include <algorithm>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

PositionIndex::PositionIndex(std::string_view text, const std::vector<uint32_t>& line_starts,
                             uint32_t begin, uint32_t end)
    : text_(text), line_starts_(line_starts) {
  end_ = std::min<uint32_t>(end, static_cast<uint32_t>(text.size()));
  begin_ = std::min(begin, end_);
  checkpoints_.reserve((end_ - begin_) / kBlock + 2);
  uint32_t count = 0;
  for (uint32_t i = begin_; i < end_; ++i) {
    if ((i - begin_) % kBlock == 0) checkpoints_.push_back(count);
    if (is_continuation(text_[i])) ++count;
  }
  checkpoints_.push_back(count);
}

uint32_t PositionIndex::continuation_bytes_before(uint32_t offset) const {
  uint32_t block = (offset - begin_) / kBlock;
  uint32_t count = checkpoints_[block];
  for (uint32_t i = begin_ + block * kBlock; i < offset; ++i) {
    if (is_continuation(text_[i])) ++count;
  }
  return count;
}

Position PositionIndex::at(uint32_t offset) const {
  if (offset < begin_ || offset > end_) return position_at(text_, line_starts_, offset);
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  uint32_t line_start = line_starts_[line_index];
  uint32_t continuation = continuation_bytes_before(offset);
  if (line_start >= begin_) {
    continuation -= continuation_bytes_before(line_start);
  } else {  // the region starts mid-line: count the part before it directly
    for (uint32_t i = line_start; i < begin_; ++i) continuation += is_continuation(text_[i]);
  }
  uint32_t column = offset - line_start - continuation + 1;
  return Position{static_cast<uint32_t>(line_index + 1), column, offset};
}

}  // namespace seldon_lint
