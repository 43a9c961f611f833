// The hand-over from the launcher to the test binary it starts: the
// launcher made the isolation, the binary adopts it. One format, written by
// hand_over_variables() and read by read_hand_over(), nowhere else.
//
// The binary trusts a hand-over only when KITTY_ISOLATION_PID is its own pid
// (or KITTY_ISOLATION_PARENT_PID its parent's: a launcher that cannot know
// its child's pid before it starts, as on Windows, hands over to its
// children): a process a test starts inherits the variables, and must not
// take them for its own. A hand-over that is for this process but malformed or partial is
// refused (Category::kIsolation), never half adopted.
#pragma once

#include <optional>
#include <string>

#include "common/settings.h"
#include "common/status.h"
#include "isolation/isolation.h"
#include "platform/process.h"

namespace kitty::internal {

struct HandOver {
  ProcessId pid = 0;        // the process it is for
  std::string run_id;       // KITTY_ISOLATION_RUN_ID
  int worker_index = -1;    // KITTY_ISOLATION_WORKER
  std::string process_dir;  // KITTY_ISOLATION_DIR: <base>/<run-id>/<process-key>, or in the scratch
  std::string kept_dir;     // KITTY_ISOLATION_KEPT_DIR: where the launcher keeps a failed one
                            // (unset by an older launcher: process_dir)
  long long launched_us = 0;  // KITTY_LAUNCHED_US: the launcher's start, the record's start
};

// Whom a hand-over is for: the process `pid`, or the children of `pid`.
enum class HandOverTo { kProcess, kChildrenOf };

// The variables that hand `isolation` over, with the isolated variables
// themselves.
Variables hand_over_variables(const Isolation& isolation, ProcessId pid, long long launched_us,
                              HandOverTo to = HandOverTo::kProcess);

// The hand-over for process `self`: none when there is none or it is
// another process's; a failure when it is malformed or partial.
Result<std::optional<HandOver>> read_hand_over(ProcessId self,
                                               const Environment& environment = process_variable);

// The isolation a hand-over describes, with the isolated variables as they
// are in `environment`.
Isolation adopted_isolation(const HandOver& hand_over,
                            const Environment& environment = process_variable);

}  // namespace kitty::internal
