#include "server/call_gate.h"

namespace tracuu {

CallGate::CallGate(size_t places) : free_(places == 0 ? 1 : places) {}

void CallGate::Enter() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (free_ > 0 && waiters_.empty()) {
    --free_;
    return;
  }
  Waiter me;
  waiters_.push_back(&me);
  me.woken.wait(lock, [&me] { return me.admitted; });
}

void CallGate::Leave() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (waiters_.empty()) {
    ++free_;
    return;
  }
  // The place passes on without ever being free: a newcomer cannot take it
  // ahead of those already waiting.
  Waiter* next = waiters_.front();
  waiters_.pop_front();
  next->admitted = true;
  next->woken.notify_one();
}

}  // namespace tracuu
