// A finding: one rule violation at one place, with its related places.
#pragma once

#include <string>
#include <vector>

#include "seldon_lint/location.hpp"

namespace seldon_lint {

enum class Severity { Note = 0, Warning = 1, Error = 2, Off = 3 };

const char* severity_name(Severity s);
// What goes with a severity in an output format (Off, never reported, as a note).
template <typename T>
constexpr T by_severity(Severity s, T error, T warning, T note) {
  return s == Severity::Error ? error : s == Severity::Warning ? warning : note;
}  // "note", "warning", "error", "off"
bool parse_severity(const std::string& text, Severity& out);

struct RelatedLocation {
  Location location;
  std::string message;
};

// One replacement of the bytes [begin, end) of a file's text (SourceFile::text,
// as read: CRLF and comments included).  begin == end inserts; an empty
// replacement deletes.  Offsets are bytes, not code points: editors convert
// (see Location for the line/column form of the same file).
struct TextEdit {
  FileId file = kNoFile;
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string replacement;
};

// A mechanical fix for a finding: applying all its edits (they never overlap)
// resolves the finding and nothing else.  Only offered where the intent is
// unambiguous; never touches a secret's value.
struct Fix {
  std::string description;  // imperative, e.g. "Replace 'sasl_ssl' with 'SASL_SSL'"
  std::vector<TextEdit> edits;
};

struct Finding {
  std::string rule_id;  // "SL101"
  Severity severity = Severity::Error;
  std::string message;  // never contains a secret value
  Location location;
  std::vector<RelatedLocation> related;
  std::string environment;  // environment of the release/file, may be empty
  // Content identity for fingerprints and baselines: stable when unrelated
  // lines move (e.g. "security.kafka.protocol=PLAINTEXT").  Never a secret value.
  std::string identity;
  std::string fingerprint;  // filled by the engine from rule, file and identity
  // Safe fixes (at most one today); empty when the finding needs a human.
  std::vector<Fix> fixes;
  // Suppression state (filled after rules ran).
  bool suppressed = false;
  std::string suppression_kind;  // "inSource" or "external"
  std::string suppression_reason;
};

}  // namespace seldon_lint
