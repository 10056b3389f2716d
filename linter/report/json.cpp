// Machine-readable output: one JSON object (interfaces.md "Output formats").
#include <nlohmann/json.hpp>

#include "linter/report/report.hpp"
#include "linter/report/report_common.hpp"

namespace seldon_lint {

namespace {

using nlohmann::ordered_json;
using report_detail::file_of;
using report_detail::find_rule;

// A 1-based number, or null when unknown (0).
ordered_json number_or_null(uint32_t n) {
  return n == 0 ? ordered_json(nullptr) : ordered_json(n);
}

ordered_json string_or_null(const std::string& s) {
  return s.empty() ? ordered_json(nullptr) : ordered_json(s);
}

ordered_json file_or_null(const Report& report, const Location& location) {
  const SourceFile* file = file_of(report, location);
  return file == nullptr ? ordered_json(nullptr) : ordered_json(file->path);
}

// A fix as data, in the shape of ruff's: every edit with its byte range and
// line/column positions (columns in code points, end exclusive).
ordered_json fix_json(const Report& report, const Fix& fix) {
  ordered_json j;
  j["description"] = fix.description;
  ordered_json edits = ordered_json::array();
  for (const TextEdit& edit : fix.edits) {
    const SourceFile* file = file_of(report, Location{edit.file, {}});
    if (file == nullptr) continue;
    Position begin = report_detail::position_of(*file, edit.begin);
    Position end = report_detail::position_of(*file, edit.end);
    ordered_json e;
    e["file"] = file->path;
    e["line"] = begin.line;
    e["column"] = begin.column;
    e["end_line"] = end.line;
    e["end_column"] = end.column;
    e["byte_offset"] = edit.begin;
    e["byte_length"] = edit.end - edit.begin;
    e["content"] = edit.replacement;
    edits.push_back(std::move(e));
  }
  j["edits"] = std::move(edits);
  return j;
}

ordered_json finding_json(const Report& report, const Finding& finding) {
  ordered_json j;
  const RuleInfo* rule = find_rule(report, finding.rule_id);
  const bool has_file = file_of(report, finding.location) != nullptr;
  const Range& r = finding.location.range;
  j["rule"] = finding.rule_id;
  j["name"] = rule == nullptr ? ordered_json(nullptr) : ordered_json(rule->name);
  j["severity"] = severity_name(finding.severity);
  j["message"] = finding.message;
  j["file"] = file_or_null(report, finding.location);
  j["line"] = number_or_null(has_file ? r.begin.line : 0);
  j["column"] = number_or_null(has_file && r.begin.line != 0 ? r.begin.column : 0);
  j["end_line"] = number_or_null(has_file ? r.end.line : 0);
  j["end_column"] = number_or_null(has_file && r.end.line != 0 ? r.end.column : 0);
  j["environment"] = string_or_null(finding.environment);
  ordered_json related = ordered_json::array();
  for (const RelatedLocation& rel : finding.related) {
    const bool rel_file = file_of(report, rel.location) != nullptr;
    const Position& p = rel.location.range.begin;
    ordered_json item;
    item["file"] = file_or_null(report, rel.location);
    item["line"] = number_or_null(rel_file ? p.line : 0);
    item["column"] = number_or_null(rel_file && p.line != 0 ? p.column : 0);
    item["message"] = rel.message;
    related.push_back(std::move(item));
  }
  j["related"] = std::move(related);
  j["fingerprint"] = finding.fingerprint;
  // Only findings with a fix carry the key (older consumers see no change).
  if (!finding.fixes.empty()) j["fix"] = fix_json(report, finding.fixes.front());
  if (finding.suppressed) {
    j["suppressed"] = true;
    ordered_json suppression;
    suppression["kind"] =
        finding.suppression_kind.empty() ? std::string("inSource") : finding.suppression_kind;
    suppression["reason"] = finding.suppression_reason;
    j["suppression"] = std::move(suppression);
  }
  return j;
}

}  // namespace

void write_json(const Report& report, std::ostream& out) {
  ordered_json root;
  root["version"] = report.tool_version;
  ordered_json findings = ordered_json::array();
  for (const Finding& finding : report.findings) findings.push_back(finding_json(report, finding));
  root["findings"] = std::move(findings);
  const Summary& s = report.summary;
  ordered_json summary;
  summary["files"] = s.files;
  summary["findings"] = s.findings;
  summary["errors"] = s.errors;
  summary["warnings"] = s.warnings;
  summary["notes"] = s.notes;
  summary["suppressed"] = s.suppressed;
  root["summary"] = std::move(summary);
  out << root.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace seldon_lint
