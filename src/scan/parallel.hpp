#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace guardrail::scan {

/// Number of worker threads for `--jobs 0` (all cores).
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

/// Calls `work(i)` for every i in [0, n) on up to `jobs` threads. Work items
/// write only to their own slot, so results do not depend on `jobs`.
template <typename Work>
void parallel_for(size_t n, unsigned jobs, Work&& work) {
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(n)));
  if (jobs <= 1) {
    for (size_t i = 0; i < n; ++i) work(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) work(i);
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs - 1);
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
}

}  // namespace guardrail::scan
