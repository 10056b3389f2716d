#include "linter/base/base64.hpp"

#include <cstdint>

namespace seldon_lint {

bool decode_base64(std::string_view text, std::string& out) {
  out.clear();
  uint32_t buffer = 0;
  int bits = 0;
  size_t padding = 0;
  size_t symbols = 0;  // alphabet characters
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z') {
      value = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      value = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      value = c - '0' + 52;
    } else if (c == '+') {
      value = 62;
    } else if (c == '/') {
      value = 63;
    } else if (c == '=') {
      ++padding;
      continue;
    } else if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
      continue;
    } else {
      return false;
    }
    if (padding > 0) return false;  // data after padding
    ++symbols;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (padding > 2) return false;
  // Kubernetes decodes Secret `data` as Go's padded StdEncoding: the padding
  // completes the last group of four ("QQ==", not "QQ" or "QQ=").
  if ((symbols + padding) % 4 != 0) return false;
  return bits < 6;  // a lone 6-bit tail is not valid base64
}

}  // namespace seldon_lint
