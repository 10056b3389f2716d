// SELDON_LINT_TIMING=1 prints how long each phase took, to stderr: a
// developer's view of where the time goes (the benchmark measures the whole),
// with the page faults each phase took (on a big tree the kernel zeroing
// fresh pages is a visible part of a phase's time) and the peak RSS so far.
#pragma once

#include <sys/resource.h>

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
    rusage usage = usage_now();
    std::fprintf(stderr, "seldon-lint: %s%-12s %7.1f ms %8ld faults %6ld MB peak\n", indent_, phase,
                 std::chrono::duration<double, std::milli>(now - last_).count(),
                 usage.ru_minflt - last_faults_, usage.ru_maxrss / 1024);
    last_ = now;
    last_faults_ = usage.ru_minflt;
  }

 private:
  bool enabled_;
  const char* indent_;
  static rusage usage_now() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage;
  }

  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  long last_faults_ = enabled_ ? usage_now().ru_minflt : 0;
};

}  // namespace seldon_lint
