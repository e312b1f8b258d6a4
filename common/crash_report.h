// @brief A crash says so: on SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGABRT the
// program writes one line naming the signal, what it means for the operator,
// and a backtrace to stderr, then dies of the same signal as before (same
// exit status, same core dump). A cron log or a journal then holds what a bug
// report needs, where it used to hold nothing. Optionally, running out of
// memory where a library cannot report it ends with an exit code instead.
#pragma once

namespace tracuu {

// Installs the handlers; in the calling thread they run on a stack of their
// own (a stack overflow is a crash too). `program` names the program in the
// message ("tracuu-index"); `consequence`, if not null, is said after the
// signal ("the database is as of its last commit"). Both must outlive the
// process (string literals). Call once, early in main. The backtrace names
// functions of the program itself when it is linked with its symbols
// exported (ENABLE_EXPORTS). Under AddressSanitizer or ThreadSanitizer no
// signal handler is installed: theirs says more.
//
// With `out_of_memory_exit_code` >= 0, std::terminate because a
// std::bad_alloc could not be passed on (it came out of a destructor or a
// noexcept function inside a library: Xapian's commit has one) is running
// out of memory, not a crash: "<program>: stopped by an unexpected error: out
// of memory", then "<program>: note: <consequence>", and exit with that code
// at once (_exit: another thread may hold what an orderly exit needs). Any other std::terminate
// aborts as before, with the crash report.
void ReportCrashes(const char* program, const char* consequence, int out_of_memory_exit_code = -1);

}  // namespace tracuu
