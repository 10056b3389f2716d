// .seldon-lint.yaml parsing: any bytes give a Config or a located error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "linter/cli/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  seldon_lint::Config config;
  seldon_lint::ConfigError error;
  if (!seldon_lint::parse_config(text, ".seldon-lint.yaml", config, error) && error.message.empty())
    __builtin_trap();  // a failure must say why
  return 0;
}
