// A process killed from outside (ctest cancelled, Ctrl-C, a closed pipe)
// says where its isolated home is kept before it dies as it would have.
// POSIX: SIGTERM, SIGINT, SIGHUP and SIGPIPE, where the user's code left
// their default action; Windows: the console's Ctrl-C, Ctrl-Break and close
// events.
#pragma once

#include <string>

namespace kitty::internal {

// For a process that made its own isolation (a direct run): should it be
// killed so (`./tests | head`), say on stderr where its home stays. Signals
// with a handler of their own are left alone. An empty `process_dir` (the
// home is gone) stops that.
void name_home_if_killed(const std::string& process_dir);

}  // namespace kitty::internal
