// Runs f(index, worker) for index in [0, count) on `jobs` threads.  Results go
// into index-addressed slots, so output order never depends on scheduling.
#pragma once

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace seldon_lint {

inline unsigned default_jobs() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

template <typename F>
void parallel_for(size_t count, unsigned jobs, F&& f) {
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<size_t>(count, 1))));
  std::atomic<size_t> next{0};
  auto work = [&](unsigned worker) {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) f(i, worker);
  };
  if (jobs == 1) {
    work(0);
    return;
  }
  std::vector<std::thread> threads;
  threads.reserve(jobs - 1);
  for (unsigned w = 1; w < jobs; ++w) threads.emplace_back(work, w);
  work(0);
  for (auto& t : threads) t.join();
}

}  // namespace seldon_lint
