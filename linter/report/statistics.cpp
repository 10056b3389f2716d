// --statistics: how many reported findings each rule produced, most first
// (ties by rule id), then the total.  Suppressed findings are not counted.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "linter/report/report.hpp"
#include "linter/report/report_common.hpp"

namespace seldon_lint {

void write_statistics(const Report& report, std::ostream& out) {
  std::map<std::string, size_t> counts;
  for (const Finding& finding : report.findings) {
    if (!finding.suppressed) ++counts[finding.rule_id];
  }
  std::vector<std::pair<std::string, size_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  size_t total = 0;
  for (const auto& [id, count] : rows) {
    const RuleInfo* rule = report_detail::find_rule(report, id);
    out << fmt::format("{:>5}  {:<6} {}\n", count, id,
                       rule == nullptr ? std::string() : rule->name);
    total += count;
  }
  out << fmt::format("{:>5}  total\n", total);
}

}  // namespace seldon_lint
