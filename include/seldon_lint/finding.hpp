// A finding: one rule violation at one place, with its related places.
#pragma once

#include <string>
#include <vector>

#include "seldon_lint/location.hpp"

namespace seldon_lint {

enum class Severity { Note = 0, Warning = 1, Error = 2, Off = 3 };

const char* severity_name(Severity s);  // "note", "warning", "error", "off"
bool parse_severity(const std::string& text, Severity& out);

struct RelatedLocation {
  Location location;
  std::string message;
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
  // Suppression state (filled after rules ran).
  bool suppressed = false;
  std::string suppression_kind;  // "inSource" or "external"
  std::string suppression_reason;
};

}  // namespace seldon_lint
