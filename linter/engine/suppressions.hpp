// Inline suppressions (interfaces.md "Suppressions"): `# seldon-lint: ignore[...]`
// and `ignore-file[...]` comment directives in YAML (also inside Argo CD inline
// values strings), Terraform (`#`, `//`), Bicep (`//`) and ARM JSON (`//`).
//
// The pass runs after every rule: it marks covered findings as suppressed and
// produces SL003 (invalid-suppression) and SL004 (unused-suppression) itself,
// because both depend on the other rules' findings.  Reading the directives
// (Directive, scan_directives) is directives.hpp, included here for callers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "linter/engine/directives.hpp"
#include "linter/engine/engine.hpp"
#include "seldon_lint/model.hpp"
#include "seldon_lint/rule.hpp"

namespace seldon_lint {

// The effective severity of a rule under a selection (Severity::Off = does not run),
// mirroring run_rules: --select/--ignore, then per-rule severity overrides.
Severity effective_severity(const RuleInfo& rule, const RuleSelection& selection);

struct SuppressionOptions {
  bool inline_suppressions = true;  // false: --no-inline-suppressions
  std::string today;                // YYYY-MM-DD for `until=`; empty: the local date
  // When set: the only files whose text mentions `seldon-lint` (a caller that
  // keeps the files between runs knows; saves searching every file's text).
  const std::vector<FileId>* files_with_directives = nullptr;
};

// Whether a file's text may hold a suppression directive.
bool may_hold_directives(const SourceFile& file);

// Marks findings covered by a directive (at the primary or any related location)
// as suppressed and appends SL003/SL004 findings (when those rules are enabled).
void apply_suppressions(std::vector<Finding>& findings, const Model& model,
                        const std::vector<std::unique_ptr<Rule>>& rules,
                        const RuleSelection& selection, const SuppressionOptions& options);

// Today's local date as YYYY-MM-DD.
std::string local_date_today();

}  // namespace seldon_lint
