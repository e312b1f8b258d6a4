#include "common/crash_report.h"

#include <execinfo.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <cxxabi.h>

#include <cstdlib>
#include <exception>
#include <initializer_list>
#include <new>
#include <typeinfo>

namespace tracuu {
namespace {

const char* crash_program = "";
const char* crash_consequence = nullptr;
int out_of_memory_exit_code = -1;
std::terminate_handler previous_terminate = nullptr;
// The handlers' own stack: a crash from a stack overflow has none left.
alignas(16) char crash_stack[64 * 1024];

void WriteText(const char* text) {
  size_t left = strlen(text);
  while (left > 0) {
    const ssize_t written = write(STDERR_FILENO, text, left);
    if (written <= 0) return;
    text += written;
    left -= static_cast<size_t>(written);
  }
}

// Only async-signal-safe calls: write, backtrace (loaded beforehand, see
// ReportCrashes), backtrace_symbols_fd, raise.
void OnCrash(int signal) {
  WriteText("\n");
  WriteText(crash_program);
  WriteText(": crashed with SIG");
  const char* name = sigabbrev_np(signal);
  WriteText(name != nullptr ? name : "?");
  if (crash_consequence != nullptr) {
    WriteText("; ");
    WriteText(crash_consequence);
  }
  WriteText(". Backtrace, for a bug report:\n");
  void* frames[64];
  const int count = backtrace(frames, 64);
  backtrace_symbols_fd(frames, count, STDERR_FILENO);
  // SA_RESETHAND put the default action back: the process now dies of the
  // signal as it would have without this handler.
  raise(signal);
}

// std::terminate: a std::bad_alloc that could not be passed on is running
// out of memory (allocates nothing to find out: the exception's type is read
// from the C++ runtime, not rethrown); anything else goes on as before.
[[noreturn]] void OnTerminate() {
  const std::type_info* type = abi::__cxa_current_exception_type();
  if (type != nullptr && *type == typeid(std::bad_alloc)) {
    WriteText(crash_program);
    WriteText(": stopped by an unexpected error: out of memory\n");
    if (crash_consequence != nullptr) {
      WriteText(crash_program);
      WriteText(": note: ");
      WriteText(crash_consequence);
      WriteText("\n");
    }
    _exit(out_of_memory_exit_code);
  }
  if (previous_terminate != nullptr) previous_terminate();
  std::abort();
}

}  // namespace

void ReportCrashes(const char* program, const char* consequence, int out_of_memory_exit_code_arg) {
  crash_program = program;
  crash_consequence = consequence;
  if (out_of_memory_exit_code_arg >= 0) {
    out_of_memory_exit_code = out_of_memory_exit_code_arg;
    previous_terminate = std::set_terminate(OnTerminate);
  }
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return;  // the sanitizer's own report of a crash says more
#endif
  // backtrace() loads libgcc on its first call, which allocates: not in a
  // signal handler.
  void* warm_up[1];
  backtrace(warm_up, 1);
  stack_t stack{};
  stack.ss_sp = crash_stack;
  stack.ss_size = sizeof crash_stack;
  sigaltstack(&stack, nullptr);
  for (const int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) {
    struct sigaction action {};
    action.sa_handler = OnCrash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
    sigaction(signal, &action, nullptr);
  }
}

}  // namespace tracuu
