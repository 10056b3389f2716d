// SELDON_LINT_TIMING=1 prints how long each phase took, to stderr: a
// developer's view of where the time goes (the benchmark measures the whole).
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace seldon_lint {

class PhaseTimer {
 public:
  explicit PhaseTimer(const char* indent = "")
      : enabled_(std::getenv("SELDON_LINT_TIMING") != nullptr), indent_(indent) {}
  void mark(const char* phase) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "seldon-lint: %s%-12s %7.1f ms\n", indent_, phase,
                 std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  bool enabled_;
  const char* indent_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace seldon_lint
