// Processes as kitty names them: the current one, its parent, when one
// started (what a run id is made of), and the user a per-user directory is
// for. POSIX: platform/posix/process.cpp; Windows: platform/windows/process.cpp.
#pragma once

#include <ctime>
#include <string>

namespace kitty::internal {

// A process id: pid_t on POSIX, a DWORD on Windows.
using ProcessId = long long;

ProcessId current_process_id();

// The parent of this process; 0 when it cannot be known.
ProcessId parent_process_id();

// When process `pid` started, in seconds since the epoch; false when it
// cannot be known (gone, or a system that does not tell).
bool process_start_time(ProcessId pid, std::time_t& start);

// The program name of process `pid` ("ctest", "kvstore_test"); empty when
// it cannot be known.
std::string process_name(ProcessId pid);

// The path of this process's executable; empty when unknown.
std::string executable_path();

// Names this process's user in a shared directory's name ("1000", or the
// Windows user name made a plain file name): per-user directories in /tmp
// must not collide between users.
std::string user_key();

// The local time of `when`.
std::tm local_time(std::time_t when);

}  // namespace kitty::internal
