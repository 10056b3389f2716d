// Runs f(index, worker) for index in [0, count) on `jobs` threads.  Results go
// into index-addressed slots, so output order never depends on scheduling.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <string>
#include <thread>
#include <vector>

namespace seldon_lint {

inline unsigned default_jobs() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

// An exception that escaped f for one index.  It is caught on the worker's
// own thread (one that escaped a std::thread would call std::terminate), the
// other indices still run, and the caller decides what it means: the input
// stage makes it SL002 for the file, the engine for the rule.
struct TaskFailure {
  size_t index = 0;
  std::string what;  // "std::bad_alloc", the exception's what(), or "unknown exception"
};

namespace detail {

inline std::string describe_current_exception() {
  try {
    throw;
  } catch (const std::exception& error) {
    std::string what = error.what();
    return what.empty() ? std::string("unnamed std::exception") : what;
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace detail

// Returns the failures sorted by index (deterministic under any `jobs`).
template <typename F>
[[nodiscard]] std::vector<TaskFailure> parallel_for(size_t count, unsigned jobs, F&& f) {
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<size_t>(count, 1))));
  std::atomic<size_t> next{0};
  std::vector<std::vector<TaskFailure>> failures(jobs);  // one list per worker: no lock
  auto work = [&](unsigned worker) {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
      try {
        f(i, worker);
      } catch (...) {
        failures[worker].push_back({i, detail::describe_current_exception()});
      }
    }
  };
  if (jobs == 1) {
    work(0);
  } else {
    std::vector<std::thread> threads;
    threads.reserve(jobs - 1);
    for (unsigned w = 1; w < jobs; ++w) threads.emplace_back(work, w);
    work(0);
    for (auto& t : threads) t.join();
  }
  std::vector<TaskFailure> all;
  for (auto& list : failures) all.insert(all.end(), list.begin(), list.end());
  std::sort(all.begin(), all.end(),
            [](const TaskFailure& a, const TaskFailure& b) { return a.index < b.index; });
  return all;
}

}  // namespace seldon_lint
