// CallGate (server/call_gate.h): how many are let in, and in which order.

#include "server/call_gate.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace tracuu {
namespace {

TEST(CallGate, NoMoreInsideThanPlaces) {
  CallGate gate(3);
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 12; ++i) {
    callers.emplace_back([&] {
      for (int round = 0; round < 50; ++round) {
        CallGate::Pass pass(&gate);
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        --inside;
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  EXPECT_EQ(most.load(), 3);
}

// Waiters go in the order they came: a search that has waited longest is
// served next, so none waits without end under load.
TEST(CallGate, WaitersGoInTheOrderTheyCame) {
  CallGate gate(1);
  gate.Enter();  // the place is taken
  std::mutex mutex;
  std::vector<int> order;
  std::vector<std::thread> waiters;
  for (int i = 0; i < 5; ++i) {
    waiters.emplace_back([&, i] {
      CallGate::Pass pass(&gate);
      std::lock_guard<std::mutex> lock(mutex);
      order.push_back(i);
    });
    // Let waiter i queue up before the next one arrives.
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  gate.Leave();
  for (std::thread& waiter : waiters) waiter.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace tracuu
