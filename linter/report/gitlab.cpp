// GitLab Code Quality report (a JSON array; what the merge-request widget
// reads from `artifacts:reports:codequality`).  One issue per reported
// finding: description, check_name, fingerprint, severity, location.path and
// location.lines.begin.  Suppressed findings are left out (the widget cannot
// show them as suppressed).
#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "linter/report/report.hpp"
#include "linter/report/report_common.hpp"

namespace seldon_lint {

namespace {

using nlohmann::ordered_json;
using report_detail::file_of;
using report_detail::find_rule;

// note -> info, warning -> major, error -> critical, and an error of a
// security rule with security-severity 9 or more -> blocker.
const char* gitlab_severity(const Finding& finding, const RuleInfo* rule) {
  bool blocker = rule != nullptr && rule->security_severity >= 9.0;
  return by_severity<const char*>(finding.severity, blocker ? "blocker" : "critical", "major",
                                  "info");
}

uint64_t fnv1a(std::string_view text, uint64_t hash) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// "path:line: message" for each related location, so that the evidence
// ("secret exists in namespace seldon-mesh") is in the widget too.
std::string description(const Report& report, const Finding& finding, const RuleInfo* rule) {
  std::string out =
      fmt::format("[{}{}] {}", finding.rule_id, rule == nullptr ? std::string() : " " + rule->name,
                  finding.message);
  for (const RelatedLocation& related : finding.related) {
    out += "\n- ";
    if (report.model != nullptr && file_of(report, related.location) != nullptr) {
      out += display_path(*report.model, related.location) + ": ";
    }
    out += related.message;
  }
  return out;
}

}  // namespace

void write_gitlab(const Report& report, std::ostream& out) {
  ordered_json issues = ordered_json::array();
  // GitLab merges issues with equal fingerprints: the content fingerprint
  // (stable when unrelated lines move) plus its occurrence number keeps every
  // finding apart and every fingerprint stable between pipelines.
  std::map<std::string, int> occurrences;
  for (const Finding& finding : report.findings) {
    if (finding.suppressed) continue;
    const RuleInfo* rule = find_rule(report, finding.rule_id);
    const SourceFile* file = file_of(report, finding.location);
    std::string identity = finding.fingerprint.empty()
                               ? finding.rule_id + "\n" + finding.message
                               : finding.rule_id + "\n" + finding.fingerprint;
    int occurrence = occurrences[identity]++;
    std::string key = identity + "\n" + std::to_string(occurrence);
    ordered_json issue;
    issue["description"] = description(report, finding, rule);
    issue["check_name"] = finding.rule_id;
    issue["fingerprint"] = fmt::format("{:016x}{:016x}", fnv1a(key, 1469598103934665603ull),
                                       fnv1a(key, 0x84222325cbf29ce4ull));
    issue["severity"] = gitlab_severity(finding, rule);
    // A finding about the repository as a whole has no file: GitLab requires
    // a path, so it points at the root.
    issue["location"]["path"] = file == nullptr ? std::string(".") : file->path;
    const uint32_t line = file == nullptr ? 0 : finding.location.range.begin.line;
    issue["location"]["lines"]["begin"] = line == 0 ? 1u : line;
    issues.push_back(std::move(issue));
  }
  out << issues.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace seldon_lint
