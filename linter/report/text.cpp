// Human-readable output: one diagnostic per finding with a code frame, then a
// summary.  Never prints a source line that may hold a secret value.
#include <fmt/format.h>

#include <map>
#include <string>
#include <string_view>

#include "linter/base/text.hpp"
#include "linter/report/report.hpp"
#include "linter/report/report_common.hpp"

namespace seldon_lint {

using report_detail::file_of;
using report_detail::find_rule;

std::string display_path(const Model& model, const Location& location) {
  if (location.file == kNoFile || location.file >= model.files.size()) return "<repository>";
  std::string out = model.files[location.file].path;
  const Position& begin = location.range.begin;
  if (begin.line != 0) {
    out += fmt::format(":{}", begin.line);
    if (begin.column != 0) out += fmt::format(":{}", begin.column);
  }
  return out;
}

namespace {

// Source lines longer than this are not shown (minified JSON, embedded blobs).
constexpr size_t kMaxSnippetBytes = 400;

// A run of base64/hex-looking characters this long is treated as a credential.
constexpr size_t kOpaqueRunLength = 32;

bool looks_like_credential(std::string_view line) {
  static constexpr std::string_view kMarkers[] = {
      "-----BEGIN",   "password",    "passwd",        "passphrase",    "endpoint=sb://",
      "sharedaccess", "accountkey",  "client_secret", "client-secret", "clientsecret",
      "private key",  "private_key", "privatekey",    "apikey",        "api_key",
      "api-key",      "access_key",  "accesskey",     "secret_key",    "secretkey",
      "token",        "bearer ",     "credential",    "sasl.jaas",     "jaas.config",
  };
  for (std::string_view marker : kMarkers) {
    if (contains_icase(line, marker)) return true;
  }
  size_t run = 0;
  for (char c : line) {
    const bool opaque = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=' || c == '_' ||
                        c == '-';
    run = opaque ? run + 1 : 0;
    if (run >= kOpaqueRunLength) return true;
  }
  return false;
}

// True when the file declares a Kubernetes Secret (plain, SOPS or otherwise):
// any line of such a file may be a value, so none is shown.
bool declares_secret(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = trim(text.substr(pos, eol - pos));
    if (line.starts_with("kind:")) {
      std::string_view value = trim(line.substr(5));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
          value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
      }
      if (value == "Secret") return true;
    }
    if (line.starts_with("stringData:")) return true;
    pos = eol + 1;
  }
  return false;
}

// Control characters (other than tab) are replaced so that file contents cannot
// drive the terminal.  Keeps one output character per code point.
std::string sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7F) {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

struct Palette {
  bool on = false;
  std::string paint(std::string_view s, std::string_view code) const {
    if (!on) return std::string(s);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
  }
  static std::string_view severity_code(Severity s) {
    return by_severity<std::string_view>(s, "1;31", "1;33", "1;36");  // red, yellow, cyan
  }
};

class TextWriter {
 public:
  TextWriter(const Report& report, std::ostream& out, bool color, bool summary)
      : report_(report), out_(out), summary_(summary) {
    palette_.on = color;
  }

  void write() {
    for (const Finding& finding : report_.findings) {
      write_finding(finding);
      out_ << '\n';
    }
    if (summary_) write_summary();
  }

 private:
  std::string where(const Location& location) const {
    if (report_.model == nullptr) return "<repository>";
    return display_path(*report_.model, location);
  }

  void write_finding(const Finding& finding) {
    const RuleInfo* rule = find_rule(report_, finding.rule_id);
    std::string label = finding.rule_id;
    if (rule != nullptr && !rule->name.empty()) label += " " + rule->name;
    std::string line = palette_.paint(where(finding.location) + ":", "1");
    line += " ";
    line +=
        palette_.paint(severity_name(finding.severity), Palette::severity_code(finding.severity));
    line += "[" + palette_.paint(label, "1") + "] ";
    // Like ruff's [*]: `--fix` can resolve this one.
    if (!finding.fixes.empty() && !finding.suppressed) line += palette_.paint("[*]", "1;32") + " ";
    line += sanitize(finding.message);
    if (finding.suppressed) {
      line += palette_.paint(finding.suppression_reason.empty()
                                 ? std::string(" (suppressed)")
                                 : " (suppressed: " + sanitize(finding.suppression_reason) + ")",
                             "2");
    }
    out_ << line << '\n';
    write_snippet(finding);
    for (const RelatedLocation& related : finding.related) {
      out_ << "  " << palette_.paint("note", Palette::severity_code(Severity::Note)) << ": "
           << where(related.location) << ": " << sanitize(related.message) << '\n';
    }
  }

  bool file_declares_secret(FileId id, const SourceFile& file) {
    auto it = secret_files_.find(id);
    if (it != secret_files_.end()) return it->second;
    bool result = declares_secret(file.text);
    secret_files_.emplace(id, result);
    return result;
  }

  void write_snippet(const Finding& finding) {
    // A rule whose primary location is a secret's value: never show its source.
    const RuleInfo* rule = find_rule(report_, finding.rule_id);
    if (rule != nullptr && rule->points_at_secret) return;
    const SourceFile* file = file_of(report_, finding.location);
    if (file == nullptr) return;
    const Range& range = finding.location.range;
    const uint32_t line_no = range.begin.line;
    if (line_no == 0 || line_no > file->line_starts.size()) return;
    if (file_declares_secret(finding.location.file, *file)) return;
    std::string_view text = file->line_text(line_no);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.size() > kMaxSnippetBytes || looks_like_credential(text)) return;

    const size_t length = count_code_points(text);
    const size_t start = range.begin.column == 0 ? 1 : range.begin.column;
    size_t end;  // exclusive, in code points
    if (range.end.line == line_no && range.end.column > start) {
      end = range.end.column;
    } else if (range.end.line > line_no) {
      end = length + 1;  // a multi-line range: underline the rest of the first line
    } else {
      end = start + 1;
    }
    if (end > length + 1) end = length + 1;
    if (end <= start) end = start + 1;

    // Indentation under the source: keep tabs so the caret lines up.
    std::string pad;
    size_t column = 1;
    for (size_t i = 0; i < text.size() && column < start; ++i) {
      const char c = text[i];
      if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
      pad += c == '\t' ? '\t' : ' ';
      ++column;
    }
    while (column < start) {
      pad += ' ';
      ++column;
    }
    const std::string gutter = fmt::format("{:>5} | ", line_no);
    out_ << palette_.paint(gutter, "2") << sanitize(text) << '\n';
    out_ << palette_.paint("      | ", "2") << pad
         << palette_.paint(std::string(end - start, '^'), Palette::severity_code(finding.severity))
         << '\n';
  }

  void write_summary() {
    const Summary& s = report_.summary;
    std::string line;
    if (s.findings == 0) {
      line = fmt::format("No findings in {}", plural(s.files, "file"));
    } else {
      line = fmt::format("Found {} ({}, {}, {}) in {}", plural(s.findings, "finding"),
                         plural(s.errors, "error"), plural(s.warnings, "warning"),
                         plural(s.notes, "note"), plural(s.files, "file"));
    }
    if (s.suppressed > 0) line += fmt::format("; {} suppressed", s.suppressed);
    line += ".";
    out_ << palette_.paint(line, "1") << '\n';
    if (size_t fixable = report_detail::fixable_count(report_); fixable > 0) {
      out_ << fmt::format("[*] {} fixable with --fix (preview with --diff).\n", fixable);
    }
    for (const std::string& note : report_.notes) out_ << sanitize(note) << '\n';
  }

  const Report& report_;
  std::ostream& out_;
  bool summary_;
  Palette palette_;
  std::map<FileId, bool> secret_files_;
};

}  // namespace

void write_text(const Report& report, std::ostream& out, bool color, bool summary) {
  TextWriter(report, out, color, summary).write();
}

}  // namespace seldon_lint
