#include "indexer/memory_set_aside.h"

#include <new>

namespace tracuu {
namespace {

char* set_aside = nullptr;

// The new_handler: frees what was set aside, so that operator new tries
// again; with nothing left, steps aside, and operator new throws.
void GiveBackMemorySetAside() {
  if (set_aside == nullptr) {
    std::set_new_handler(nullptr);
    return;
  }
  delete[] set_aside;
  set_aside = nullptr;
}

}  // namespace

void SetMemoryAside(size_t bytes) {
  delete[] set_aside;
  set_aside = new char[bytes];
}

void UseMemorySetAside() noexcept {
  if (set_aside != nullptr) std::set_new_handler(GiveBackMemorySetAside);
}

}  // namespace tracuu
