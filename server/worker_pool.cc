#include "server/worker_pool.h"

namespace tracuu {
namespace {

thread_local bool t_shedding = false;

}  // namespace

WorkerPool::WorkerPool(size_t threads, size_t max_queued) : max_queued_(max_queued) {
  if (threads == 0) threads = 1;
  workers_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { Drain(work_, false); });
  shedder_ = std::thread([this] { Drain(shed_, true); });
}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::enqueue(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(work_.mutex);
    // Tasks an idle worker is about to take do not wait.
    if (work_.tasks.size() < work_.idle + max_queued_) {
      work_.tasks.push_back(std::move(task));
      work_.ready.notify_one();
      return;
    }
  }
  std::lock_guard<std::mutex> lock(shed_.mutex);
  shed_.tasks.push_back(std::move(task));
  shed_.ready.notify_one();
}

void WorkerPool::shutdown() {
  for (Queue* queue : {&work_, &shed_}) {
    std::lock_guard<std::mutex> lock(queue->mutex);
    queue->closing = true;
    queue->ready.notify_all();
  }
  for (std::thread& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
  if (shedder_.joinable()) shedder_.join();
}

bool WorkerPool::IsSheddingThread() { return t_shedding; }

void WorkerPool::Drain(Queue& queue, bool shedding) {
  t_shedding = shedding;
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(queue.mutex);
      ++queue.idle;
      queue.ready.wait(lock, [&] { return queue.closing || !queue.tasks.empty(); });
      --queue.idle;
      if (queue.tasks.empty()) return;  // closing, and nothing left to serve
      task = std::move(queue.tasks.front());
      queue.tasks.pop_front();
    }
    task();  // httplib's tasks catch their own exceptions
  }
}

}  // namespace tracuu
