// GitHub Actions workflow commands: one annotation per finding.
//   ::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=SLnnn::message
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
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
    case Severity::Off:
      break;
  }
  return "notice";
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
    // interfaces.md: `title=SLnnn`, the rule id alone (the name is in `seldon-lint explain`).
    add("title", finding.rule_id);
    out << "::" << command_for(finding.severity) << ' ' << props
        << "::" << escape_data(finding.message) << '\n';
  }
}

}  // namespace seldon_lint
