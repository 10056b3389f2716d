// Applying TextEdits (seldon_lint/finding.hpp) to a file's text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "seldon_lint/finding.hpp"

namespace seldon_lint {

// True when the two edits touch overlapping bytes (two inserts at the same
// offset count as overlapping: their order would be arbitrary).
bool edits_overlap(const TextEdit& a, const TextEdit& b);

// `text` with `edits` applied.  The edits must not overlap (see
// edits_overlap) and must lie inside `text`; their order does not matter.
std::string apply_edits(std::string_view text, std::vector<TextEdit> edits);

}  // namespace seldon_lint
