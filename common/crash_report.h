// @brief A crash says so: on SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGABRT the
// program writes one line naming the signal, what it means for the operator,
// and a backtrace to stderr, then dies of the same signal as before (same
// exit status, same core dump). A cron log or a journal then holds what a bug
// report needs, where it used to hold nothing.
#pragma once

namespace tracuu {

// Installs the handlers; in the calling thread they run on a stack of their
// own (a stack overflow is a crash too). `program` names the program in the
// message ("tracuu-index"); `consequence`, if not null, is said after the signal ("the database is as
// of its last commit"). Both must outlive the process (string literals).
// Call once, early in main. The backtrace names functions of the program
// itself when it is linked with its symbols exported (ENABLE_EXPORTS). Under
// AddressSanitizer or ThreadSanitizer nothing is installed: theirs says more.
void ReportCrashes(const char* program, const char* consequence);

}  // namespace tracuu
