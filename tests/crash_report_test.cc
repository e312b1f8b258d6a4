#include "common/crash_report.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <new>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace tracuu {
namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;  // no signal handlers installed: the sanitizer's report is kept
#else
constexpr bool kSanitized = false;
#endif

// How a child process ended, and what it wrote to stderr.
struct Ending {
  int exit_code = -1;  // -signal when a signal ended it
  std::string stderr_text;
};

// Runs `body` in a child process that first calls ReportCrashes as
// tracuu-index does (with a made-up program name and consequence).
template <typename Body>
Ending InChild(Body body) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fds[0]);
    dup2(pipe_fds[1], STDERR_FILENO);
    ReportCrashes("tracuu-thu", "the database is as of its last commit", 4);
    body();
    _exit(0);
  }
  close(pipe_fds[1]);
  Ending ending;
  char buffer[4096];
  ssize_t got;
  while ((got = read(pipe_fds[0], buffer, sizeof buffer)) > 0) ending.stderr_text.append(buffer, static_cast<size_t>(got));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ending.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  return ending;
}

// An exception thrown where it cannot be passed on, as inside a noexcept
// function of a library (through a pointer: the compiler cannot see it).
void (*volatile throw_bad_alloc)() = [] { throw std::bad_alloc(); };
void (*volatile throw_runtime_error)() = [] { throw std::runtime_error("hỏng"); };
void CallWhereNothingMayEscape(void (*thrower)()) noexcept { thrower(); }

// Running out of memory where a library cannot report it (Xapian's commit) is
// an exit code and the program's usual words, not SIGABRT.
TEST(CrashReport, OutOfMemoryThatCannotBePassedOnExitsWithTheCode) {
  const Ending ending = InChild([] { CallWhereNothingMayEscape(throw_bad_alloc); });
  EXPECT_EQ(ending.exit_code, 4) << ending.stderr_text;
  EXPECT_EQ(ending.stderr_text,
            "tracuu-thu: stopped by an unexpected error: out of memory\n"
            "tracuu-thu: note: the database is as of its last commit\n");
}

// Any other std::terminate aborts as it did (the default handler's words
// first), and the abort is reported as a crash.
TEST(CrashReport, AnyOtherTerminateStillAborts) {
  const Ending ending = InChild([] { CallWhereNothingMayEscape(throw_runtime_error); });
  EXPECT_EQ(ending.exit_code, -SIGABRT) << ending.stderr_text;
  EXPECT_NE(ending.stderr_text.find("terminate called after throwing an instance of 'std::runtime_error'"),
            std::string::npos)
      << ending.stderr_text;
  if (!kSanitized) {
    EXPECT_NE(ending.stderr_text.find("tracuu-thu: crashed with SIGABRT; the database is as of its last commit. "
                                      "Backtrace, for a bug report:\n"),
              std::string::npos)
        << ending.stderr_text;
  }
}

// A crash is named, with a backtrace, and still ends the process by its
// signal (exit status and core dump as without the report).
TEST(CrashReport, ACrashIsNamedAndEndsTheProcessByItsSignal) {
  if (kSanitized) GTEST_SKIP() << "under a sanitizer, whose own report is kept";
  for (const int signal : {SIGSEGV, SIGBUS, SIGFPE}) {
    const Ending ending = InChild([signal] { raise(signal); });
    EXPECT_EQ(ending.exit_code, -signal) << ending.stderr_text;
    const std::string name = std::string("SIG") + sigabbrev_np(signal);
    EXPECT_NE(ending.stderr_text.find("tracuu-thu: crashed with " + name + ";"), std::string::npos)
        << ending.stderr_text;
    EXPECT_NE(ending.stderr_text.find("crash_report_test("), std::string::npos)
        << "a frame of the test binary:\n" << ending.stderr_text;
  }
}

}  // namespace
}  // namespace tracuu
