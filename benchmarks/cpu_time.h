// @brief CPU time of the calling thread, the clock the benchmarks time work
// by: on a shared machine the wall clock also counts the time other
// processes held the core.
#pragma once

#include <ctime>

namespace tracuu::bench {

// Seconds of CPU this thread has used (CLOCK_THREAD_CPUTIME_ID).
inline double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

}  // namespace tracuu::bench
