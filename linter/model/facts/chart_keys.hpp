// The setup chart's complete values key set (seldon-core-v2-setup, v2.x), as
// data: every key the chart reads, which subtrees are free-form (any sub-key is
// fine), and the misplacements seen in the wild.  SL501 reads it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seldon_lint::facts {

enum class KeyKind {
  Unknown,   // the chart does not define it
  Leaf,      // a value (scalar or list)
  Map,       // a map of defined keys
  FreeForm,  // a map or list passed through to Kubernetes: any sub-key is fine
};

// What the chart says about a dotted path ("security.kafka.sasl.client").
// Paths below a free-form key are FreeForm.
KeyKind setup_key_kind(std::string_view dotted_path);

// Defined child keys of a Map path ("" = the top level).
std::vector<std::string> setup_key_children(std::string_view dotted_path);

// Every defined path whose last key is `key` (for misnested keys).
std::vector<std::string> setup_paths_ending_in(std::string_view key);

// A known mistake's explanation ("opentelemetry.enable" → use `disable`), or empty.
std::string_view setup_key_mistake(std::string_view dotted_path);

}  // namespace seldon_lint::facts
