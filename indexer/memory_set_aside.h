// @brief Memory set aside when a run starts, for the end of a run that ran
// out: its error, its summary and its report. Without it, a run whose memory
// never came back (it ran out while merging, say, with nothing left to let
// go of) could not even format its error, and its report kept saying
// "running", as if it had been killed. Found by tests/fail_malloc.cc.
#pragma once

#include <cstddef>

namespace tracuu {

// Sets `bytes` aside (allocated, never touched: address space, not RAM).
// Call once, when the run starts.
void SetMemoryAside(size_t bytes);

// From now on the first allocation through operator new that fails frees
// what was set aside and is tried again; the next failure throws
// std::bad_alloc as usual. Call as soon as the run stops on an error (inside
// the handler, before any message is made) and when it ends: not while it
// runs, or the first failure in any thread would use it up.
void UseMemorySetAside() noexcept;

}  // namespace tracuu
