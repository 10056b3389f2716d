// Suppression comments: scanning directives in every file kind.  The first
// byte picks the kind (YAML, Terraform, Bicep, ARM JSON); the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "linter/base/text.hpp"
#include "linter/engine/suppressions.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seldon_lint;
  if (size == 0) return 0;
  static constexpr FileKind kKinds[] = {FileKind::Yaml, FileKind::Terraform, FileKind::Bicep,
                                        FileKind::ArmJson};
  SourceFile file;
  file.path = "values.yaml";
  file.kind = kKinds[data[0] % 4];
  file.text.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  file.line_starts = compute_line_starts(file.text);
  for (const auto& directive : scan_directives(file)) {
    if (directive.range.end.offset > file.text.size()) __builtin_trap();
  }
  return 0;
}
