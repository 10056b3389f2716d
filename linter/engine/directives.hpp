// Suppression directives (interfaces.md "Suppressions"): reading the
// `# seldon-lint: ignore[...] reason` and `ignore-file[...]` comments of one
// file into Directive records, with what is wrong with each (SL003 material)
// and the line each covers.  Judging them against the findings is the
// suppression pass (suppressions.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "seldon_lint/location.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

struct Directive {
  Range range;                         // the comment, from its marker to the line end
  uint32_t target_line = 0;            // line a line directive covers (0 for ignore-file)
  bool file_level = false;             // ignore-file[...]
  std::vector<std::string> selectors;  // ids, names or group prefixes, as written
  std::string until;                   // YYYY-MM-DD or empty
  std::string reason;
  std::string text;     // the directive as written, without the comment marker
  std::string problem;  // "malformed", "no-reason", "bad-date", "file-too-late"; empty = valid
  std::string detail;   // human explanation of `problem`
};

// ignore-file must sit in the first 10 lines.
inline constexpr uint32_t kFileDirectiveLines = 10;

// The reason text an editor's "suppress" action inserts: it counts as no
// reason (SL003), so the directive suppresses nothing until it is replaced.
inline constexpr std::string_view kReasonPlaceholder = "TODO: reason";

// Every directive in one file (a `seldon-lint` comment); quoted strings are skipped.
std::vector<Directive> scan_directives(const SourceFile& file);

}  // namespace seldon_lint
