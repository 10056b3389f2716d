// Small helpers shared by the report writers (linter/report_*.cpp).  Internal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "linter/base/text.hpp"
#include "linter/report/report.hpp"

namespace seldon_lint::report_detail {

// Index of rule `id` in report.rules, or npos when the rule is not listed.
inline size_t rule_index(const Report& report, std::string_view id) {
  for (size_t i = 0; i < report.rules.size(); ++i) {
    if (report.rules[i] != nullptr && report.rules[i]->id == id) return i;
  }
  return std::string::npos;
}

inline const RuleInfo* find_rule(const Report& report, std::string_view id) {
  size_t i = rule_index(report, id);
  return i == std::string::npos ? nullptr : report.rules[i];
}

// The file a location points into, or nullptr when there is none (no model,
// kNoFile, or an out-of-range id).
inline const SourceFile* file_of(const Report& report, const Location& location) {
  if (report.model == nullptr || location.file == kNoFile) return nullptr;
  if (location.file >= report.model->files.size()) return nullptr;
  return &report.model->files[location.file];
}

// Line and column (code points) of a byte offset of a file, for fix edits.
inline Position position_of(const SourceFile& file, uint32_t offset) {
  return position_at(file.text, file.line_starts, offset);
}

// Findings with a fix, among those reported and not suppressed.
inline size_t fixable_count(const Report& report) {
  size_t n = 0;
  for (const auto& finding : report.findings) {
    if (!finding.suppressed && !finding.fixes.empty()) ++n;
  }
  return n;
}

// SARIF/GitHub level names: error, warning, note ("none" for off).
inline const char* level_name(Severity s) {
  return s == Severity::Off ? "none" : severity_name(s);
}

}  // namespace seldon_lint::report_detail
