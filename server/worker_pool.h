// @brief WorkerPool: cpp-httplib's task queue with a bound, so an overloaded
// server answers 503 at once instead of letting connections wait without end.
//
// cpp-httplib (0.11, Debian 12) hands each accepted connection to the task
// queue as one task that serves the connection's requests (keep-alive) and
// closes it, so a thread here is a connection served, idle or not; the
// searches themselves run a few at a time (SearcherOptions::concurrent_calls). Its own ThreadPool queues without limit, and a task cannot be
// dropped: only running it closes the socket. So when `max_queued` tasks
// already wait, a new connection goes to one extra "shedding" thread instead,
// whose requests are answered 503 by the pre-routing hook (IsSheddingThread
// tells it where it runs). The shedding thread is quick per request, so
// rejection costs little even under a flood.
//
// Example:
//   server.new_task_queue = [&] { return new WorkerPool(64, 256); };
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace tracuu {

class WorkerPool : public httplib::TaskQueue {
 public:
  // `threads` workers (at least 1); at most `max_queued` connections wait for
  // one (0 = none wait: every connection beyond the busy workers is shed).
  WorkerPool(size_t threads, size_t max_queued);
  ~WorkerPool() override;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task` for a worker, or for the shedding thread when the queue
  // is full. Called by httplib's accept loop only.
  void enqueue(std::function<void()> task) override;

  // Lets the workers finish every queued task (each serves its connection's
  // current request; httplib has stopped listening), then joins them.
  void shutdown() override;

  // True inside the shedding thread: the request running there must be
  // answered 503.
  static bool IsSheddingThread();

 private:
  struct Queue {
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<std::function<void()>> tasks;
    size_t idle = 0;  // threads waiting for a task
    bool closing = false;
  };
  // Runs tasks from `queue` until it is closing and empty.
  static void Drain(Queue& queue, bool shedding);

  const size_t max_queued_;
  Queue work_;
  Queue shed_;  // unbounded: each task only answers 503 (see above)
  std::vector<std::thread> workers_;
  std::thread shedder_;
};

}  // namespace tracuu
