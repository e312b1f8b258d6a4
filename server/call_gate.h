// @brief CallGate: at most N callers inside at once; the others wait their
// turn, first come first served.
//
// The server runs many connection threads (a browser keeps several
// connections open and mostly idle) but only a few searches at once, near the
// cores' count (SearcherOptions::concurrent_calls). A leaving caller hands its
// place straight to the longest waiter, whose own condition variable wakes
// it: no waiter starves, and a release wakes one thread, not all of them.
// At 64 connections on 8 places (benchmarks/http_benchmark, cache off) the
// p99 fell from about 650 ms to 230 ms against a std::counting_semaphore,
// which lets any waiter in, at the same throughput.
//
// Example:
//   CallGate gate(8);
//   { CallGate::Pass pass(gate); RunSearch(); }  // waits for a place if 8 are in
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace tracuu {

class CallGate {
 public:
  // `places` callers at once (at least 1).
  explicit CallGate(size_t places);
  CallGate(const CallGate&) = delete;
  CallGate& operator=(const CallGate&) = delete;

  // Blocks until the caller has a place.
  void Enter();
  // Gives the place to the longest waiter, or back to the gate.
  void Leave();

  // Enter() for the lifetime of the object; a null gate lets everyone in.
  class Pass {
   public:
    explicit Pass(CallGate* gate) : gate_(gate) {
      if (gate_) gate_->Enter();
    }
    ~Pass() {
      if (gate_) gate_->Leave();
    }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    CallGate* gate_;
  };

 private:
  struct Waiter {
    std::condition_variable woken;
    bool admitted = false;
  };

  std::mutex mutex_;
  size_t free_;                  // places nobody holds
  std::deque<Waiter*> waiters_;  // in arrival order; each lives on its caller's stack
};

}  // namespace tracuu
