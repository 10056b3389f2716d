// Base64 decoding for Kubernetes Secret `data` values.
#pragma once

#include <string>
#include <string_view>

namespace seldon_lint {

// Standard base64 as Kubernetes decodes Secret `data`: padded to a multiple
// of four, whitespace ignored; false when the text is not such base64.
bool decode_base64(std::string_view text, std::string& out);

}  // namespace seldon_lint
