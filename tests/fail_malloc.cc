// LD_PRELOAD library for tests/indexer_fault_injection_test.cc: running out
// of memory at a chosen moment of a real run. With FAIL_AT=N, malloc call N
// and every allocation after it fail (NULL, ENOMEM), in every thread, until
// FAIL_RELEASE bytes (default 1 MiB) have been freed since: memory that comes
// back once the work that ran out lets go of what it held. With FAIL_COUNT
// set, the number of calls is written to stderr at exit ("malloc calls N"),
// to choose N from.
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* pointer, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
void __libc_free(void* pointer);
}

namespace {

std::atomic<unsigned long> calls{0};
std::atomic<bool> failing{false};
std::atomic<unsigned long> freed{0};
unsigned long fail_at = 0;  // 0: never
unsigned long release = 1ul << 20;

__attribute__((constructor)) void ReadSettings() {
  if (const char* text = getenv("FAIL_AT")) fail_at = strtoul(text, nullptr, 10);
  if (const char* text = getenv("FAIL_RELEASE")) release = strtoul(text, nullptr, 10);
}

__attribute__((destructor)) void WriteCount() {
  if (getenv("FAIL_COUNT") == nullptr) return;
  char line[64];
  const int length = snprintf(line, sizeof line, "malloc calls %lu\n", calls.load());
  if (length > 0) (void)!write(STDERR_FILENO, line, static_cast<size_t>(length));
}

bool Fails() {
  const unsigned long call = calls.fetch_add(1) + 1;
  if (call == fail_at) {
    freed = 0;
    failing = true;
  }
  return failing.load();
}

}  // namespace

extern "C" {

void* malloc(size_t size) {
  if (Fails()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_malloc(size);
}

void* calloc(size_t count, size_t size) {
  if (Fails()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_calloc(count, size);
}

void* realloc(void* pointer, size_t size) {
  if (size != 0 && Fails()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_realloc(pointer, size);
}

void* memalign(size_t alignment, size_t size) {
  if (Fails()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_memalign(alignment, size);
}

void* aligned_alloc(size_t alignment, size_t size) { return memalign(alignment, size); }

int posix_memalign(void** result, size_t alignment, size_t size) {
  void* pointer = memalign(alignment, size);
  if (pointer == nullptr) return ENOMEM;
  *result = pointer;
  return 0;
}

void free(void* pointer) {
  if (pointer != nullptr && failing.load()) {
    const size_t size = malloc_usable_size(pointer);
    if (freed.fetch_add(size) + size >= release) failing = false;
  }
  __libc_free(pointer);
}

}  // extern "C"
