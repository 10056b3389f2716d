// libFuzzer entry point; the target's body is seldon_lint::fuzz::glob_one
// (fuzz/targets.hpp), which the test suite also replays.
#include <cstddef>
#include <cstdint>

#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  seldon_lint::fuzz::glob_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
