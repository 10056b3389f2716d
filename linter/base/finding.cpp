#include "seldon_lint/finding.hpp"

namespace seldon_lint {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Note:
      return "note";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
    case Severity::Off:
      return "off";
  }
  return "error";
}

bool parse_severity(const std::string& text, Severity& out) {
  if (text == "note") {
    out = Severity::Note;
  } else if (text == "warning") {
    out = Severity::Warning;
  } else if (text == "error") {
    out = Severity::Error;
  } else if (text == "off" || text == "none") {
    out = Severity::Off;
  } else {
    return false;
  }
  return true;
}

}  // namespace seldon_lint
