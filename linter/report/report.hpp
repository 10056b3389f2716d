// Everything a reporter needs, and one writer per output format.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "seldon_lint/finding.hpp"
#include "seldon_lint/model.hpp"
#include "seldon_lint/rule.hpp"

namespace seldon_lint {

struct Summary {
  size_t files = 0;     // files read
  size_t findings = 0;  // reported (not suppressed)
  size_t errors = 0, warnings = 0, notes = 0;
  size_t suppressed = 0;
};

struct Report {
  const Model* model = nullptr;
  std::vector<Finding> findings;       // sorted: file, line, column, rule; suppressed ones
                                       // included only with --include-suppressed
  std::vector<const RuleInfo*> rules;  // every rule, in id order (SARIF tool.driver.rules)
  Summary summary;
  std::string root;                // absolute root directory
  std::string tool_version;        // SELDON_LINT_VERSION
  std::vector<std::string> notes;  // extra lines for the summary (e.g. stale baseline)
  // --sarif-category NAME: SARIF automationDetails.id "NAME/".  Empty: no
  // automationDetails, so that the upload's own `category` applies.
  std::string sarif_category;
};

// `summary` false (--quiet): the findings only, without the summary line and notes.
void write_text(const Report& report, std::ostream& out, bool color, bool summary = true);
void write_json(const Report& report, std::ostream& out);
void write_sarif(const Report& report, std::ostream& out);
void write_github(const Report& report, std::ostream& out);
void write_gitlab(const Report& report, std::ostream& out);
// --statistics: "count  id  name" per rule with reported findings, most first.
void write_statistics(const Report& report, std::ostream& out);

// "file:line:col" helpers shared by the writers.
std::string display_path(const Model& model, const Location& location);

}  // namespace seldon_lint
