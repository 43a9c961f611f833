// What the launcher does to its own process that differs by system: stop
// requests, dying with its parent, becoming the test binary, ending the way
// the test ended. POSIX: platform/posix/launcher_process.cpp; Windows:
// platform/windows/launcher_process.cpp.
#pragma once

#include <string>
#include <vector>

#include "platform/process.h"
#include "platform/process_status.h"

namespace kitty::internal {

// The launcher's arguments in UTF-8: argv as it is on POSIX; on Windows
// from GetCommandLineW (the narrow argv speaks the ANSI code page, where a
// `ü` would not survive).
std::vector<std::string> utf8_arguments(int argc, char** argv);

// Sends the stop requests the launcher can be sent (POSIX: SIGTERM, SIGINT,
// SIGHUP, SIGQUIT) to `handler`. Windows: the console's Ctrl-C and
// Ctrl-Break reach the test too; the launcher only ignores them and waits
// for the test to end.
void catch_stop_requests(void (*handler)(int));

// Makes the launcher end when its parent (ctest) does (Linux: SIGTERM by
// PR_SET_PDEATHSIG); false when that parent is gone already. Elsewhere only
// the check: the supervision still ends the test when the launcher dies.
bool die_with_parent(ProcessId parent);

// Whether become_program() replaces the launcher's process (POSIX: exec)
// rather than running the program as its child (Windows).
bool replaces_process();

// Runs `program` (a null-terminated argv, UTF-8) in place of the launcher:
// POSIX exec, so that a debugger of the launcher lands in the test; returns
// only when it cannot (127, said on stderr). Windows, which has no exec:
// runs it as a child, in a job that ends with the launcher, and returns the
// code to exit with (launcher_exit_code of how it ended).
int become_program(char* const* program);

// Ends the launcher the way the test ended when it did not exit by itself,
// so that ctest reports a crash as a crash: POSIX dies of the same signal
// (without a core file of its own). Where that returns (Windows, or a
// signal that does not end a process) it returns the code to exit with
// instead (launcher_exit_code).
int end_like(const ProcessStatus& status);

// The code the launcher exits with for a test that ended so: its exit code;
// 1 for a signal; the NTSTATUS for an exception. A non-zero code whose low
// 8 bits are 0 gets 0xFF there: wine hands only the low byte to a POSIX
// parent, and 0xC0000100 or an exit(256) must not arrive as 0, a pass.
int launcher_exit_code(const ProcessStatus& status);

}  // namespace kitty::internal
