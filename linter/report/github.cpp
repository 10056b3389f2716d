// GitHub Actions workflow commands: one annotation per finding.
//   ::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=SLnnn name::message
// The related locations follow the message, one per line ("note: path:line:col:
// message"): an annotation has one location, and the evidence ("secret exists
// in namespace seldon-mesh") is what makes it actionable.
// Suppressed findings are not annotated (an annotation cannot say "suppressed").
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "linter/report/report.hpp"
#include "linter/report/report_common.hpp"

namespace seldon_lint {

namespace {

using report_detail::file_of;

std::string escape_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : escape_data(s)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

const char* command_for(Severity s) {
  return by_severity<const char*>(s, "error", "warning", "notice");
}

}  // namespace

void write_github(const Report& report, std::ostream& out) {
  for (const Finding& finding : report.findings) {
    if (finding.suppressed) continue;
    std::string props;
    auto add = [&props](std::string_view key, std::string_view value) {
      if (!props.empty()) props += ',';
      props += key;
      props += '=';
      props += escape_property(value);
    };
    if (const SourceFile* file = file_of(report, finding.location)) {
      add("file", file->path);
      const Range& r = finding.location.range;
      if (r.begin.line != 0) {
        add("line", std::to_string(r.begin.line));
        if (r.begin.column != 0) add("col", std::to_string(r.begin.column));
        if (r.end.line >= r.begin.line) {
          add("endLine", std::to_string(r.end.line));
          if (r.end.column != 0 && r.begin.column != 0) {
            add("endColumn", std::to_string(r.end.column));
          }
        }
      }
    }
    // The rule id, then its name: "SL302 secret-missing-in-logs-namespace".
    const RuleInfo* rule = report_detail::find_rule(report, finding.rule_id);
    add("title", rule == nullptr ? finding.rule_id : finding.rule_id + " " + rule->name);
    std::string message = finding.message;
    for (const RelatedLocation& related : finding.related) {
      message += "\nnote: ";
      if (report.model != nullptr && file_of(report, related.location) != nullptr) {
        message += display_path(*report.model, related.location) + ": ";
      }
      message += related.message;
    }
    out << "::" << command_for(finding.severity) << ' ' << props << "::" << escape_data(message)
        << '\n';
  }
}

}  // namespace seldon_lint
