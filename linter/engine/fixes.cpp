#include "linter/engine/fixes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "linter/base/text.hpp"
#include "linter/base/text_edits.hpp"

namespace seldon_lint {
namespace {

constexpr uint32_t kContext = 3;

bool same_edit(const TextEdit& a, const TextEdit& b) {
  return a.file == b.file && a.begin == b.begin && a.end == b.end && a.replacement == b.replacement;
}

bool fits(const Fix& fix, const std::map<FileId, std::vector<TextEdit>>& chosen,
          const Model& model) {
  for (const auto& edit : fix.edits) {
    if (edit.file >= model.files.size() || edit.begin > edit.end ||
        edit.end > model.files[edit.file].text.size()) {
      return false;
    }
    auto it = chosen.find(edit.file);
    if (it == chosen.end()) continue;
    for (const auto& other : it->second) {
      if (edits_overlap(edit, other)) return false;
    }
  }
  return true;
}

// The whole fix was chosen already (for another finding about the same value).
bool already_chosen(const Fix& fix, const std::map<FileId, std::vector<TextEdit>>& chosen) {
  return std::all_of(fix.edits.begin(), fix.edits.end(), [&](const TextEdit& edit) {
    auto it = chosen.find(edit.file);
    return it != chosen.end() && std::any_of(it->second.begin(), it->second.end(),
                                             [&](const TextEdit& e) { return same_edit(e, edit); });
  });
}

// Lines as [begin, end) byte ranges, each including its line break.
std::vector<std::pair<size_t, size_t>> lines_of(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    size_t end = eol == std::string_view::npos ? text.size() : eol + 1;
    lines.emplace_back(pos, end);
    pos = end;
  }
  return lines;
}

void append_lines(std::string& out, char mark, std::string_view text) {
  for (auto [b, e] : lines_of(text)) {
    std::string_view line = text.substr(b, e - b);
    out += mark;
    out += line;
    if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  for (auto [b, e] : lines_of(text)) out.push_back(text.substr(b, e - b));
  return out;
}

}  // namespace

FixPlan plan_fixes(const Model& model, const std::vector<Finding>& findings) {
  FixPlan plan;
  std::map<FileId, std::vector<TextEdit>> chosen;
  for (const auto& finding : findings) {
    if (finding.suppressed || finding.fixes.empty()) continue;
    const Fix& fix = finding.fixes.front();
    if (fix.edits.empty()) continue;
    if (already_chosen(fix, chosen)) {
      ++plan.fixes;
      continue;
    }
    if (!fits(fix, chosen, model)) {
      ++plan.skipped;
      continue;
    }
    for (const auto& edit : fix.edits) chosen[edit.file].push_back(edit);
    ++plan.fixes;
  }
  for (auto& [file, edits] : chosen) {
    std::sort(edits.begin(), edits.end(),
              [](const TextEdit& a, const TextEdit& b) { return a.begin < b.begin; });
    FileChange change;
    change.file = file;
    change.path = model.files[file].path;
    change.before = model.files[file].text;
    change.after = apply_edits(change.before, edits);
    change.edits = std::move(edits);
    if (change.after != change.before) plan.files.push_back(std::move(change));
  }
  std::sort(plan.files.begin(), plan.files.end(),
            [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
  return plan;
}

namespace {

enum class Op : char { Same = ' ', Removed = '-', Added = '+' };

// Line operations turning `a` into `b`: common prefix and suffix, and a
// longest-common-subsequence diff of the middle (a whole replacement when the
// middle is too large for the quadratic table).
std::vector<std::pair<Op, std::string_view>> line_ops(const std::vector<std::string_view>& a,
                                                      const std::vector<std::string_view>& b) {
  std::vector<std::pair<Op, std::string_view>> ops;
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  for (size_t i = 0; i < head; ++i) ops.emplace_back(Op::Same, a[i]);
  const size_t n = a.size() - head - tail;
  const size_t m = b.size() - head - tail;
  constexpr size_t kMaxCells = 4'000'000;
  if (n > 0 && m > 0 && n * m <= kMaxCells) {
    // lcs[i][j]: common lines of a[head+i..] and b[head+j..]
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1
                                              : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        ops.emplace_back(Op::Same, a[head + i]);
        ++i, ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        ops.emplace_back(Op::Removed, a[head + i++]);  // removals first, as diff -u
      } else {
        ops.emplace_back(Op::Added, b[head + j++]);
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) ops.emplace_back(Op::Removed, a[head + i]);
    for (size_t j = 0; j < m; ++j) ops.emplace_back(Op::Added, b[head + j]);
  }
  for (size_t i = a.size() - tail; i < a.size(); ++i) ops.emplace_back(Op::Same, a[i]);
  return ops;
}

}  // namespace

std::string unified_diff(const FileChange& change) {
  if (change.before == change.after) return {};
  const auto old_lines = split_lines(change.before);
  const auto new_lines = split_lines(change.after);
  const auto ops = line_ops(old_lines, new_lines);
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", change.path, change.path);
  size_t k = 0;
  size_t old_line = 0, new_line = 0;  // lines before ops[k]
  while (k < ops.size()) {
    if (ops[k].first == Op::Same) {
      ++k, ++old_line, ++new_line;
      continue;
    }
    // A hunk: up to kContext lines before, changes joined while fewer than
    // 2 * kContext + 1 unchanged lines separate them, kContext lines after.
    size_t before = std::min<size_t>(kContext, k);
    size_t start = k - before;
    size_t end = k;
    while (end < ops.size()) {
      if (ops[end].first != Op::Same) {
        ++end;
        continue;
      }
      size_t run = end;
      while (run < ops.size() && ops[run].first == Op::Same) ++run;
      if (run == ops.size() || run - end > size_t{2} * kContext) {
        end = std::min(ops.size(), end + kContext);
        break;
      }
      end = run;
    }
    size_t old_count = 0, new_count = 0;
    for (size_t i = start; i < end; ++i) {
      if (ops[i].first != Op::Added) ++old_count;
      if (ops[i].first != Op::Removed) ++new_count;
    }
    size_t old_start = old_line - before;
    size_t new_start = new_line - before;
    out += fmt::format("@@ -{},{} +{},{} @@\n", old_count == 0 ? old_start : old_start + 1,
                       old_count, new_count == 0 ? new_start : new_start + 1, new_count);
    for (size_t i = start; i < end; ++i) {
      append_lines(out, static_cast<char>(ops[i].first), ops[i].second);
    }
    for (size_t i = k; i < end; ++i) {
      if (ops[i].first != Op::Added) ++old_line;
      if (ops[i].first != Op::Removed) ++new_line;
    }
    k = end;
  }
  return out;
}

}  // namespace seldon_lint
