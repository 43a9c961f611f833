// Setting a process up: the one place that reads and validates the
// isolation settings, makes the isolated directories and prunes old runs.
// The launcher uses it before it starts the test binary; install() uses it
// for a binary run directly (one the launcher did not start). Both refuse a
// bad setting the same way: Category::kUsage, exit 64.
#pragma once

#include <string>

#include "common/settings.h"
#include "common/status.h"
#include "isolation/isolation.h"

namespace kitty::internal {

enum class HomeScope { kProcess, kTest };

// What KITTY_ISOLATION and KITTY_HOME_SCOPE ask for.
struct IsolationChoice {
  bool enabled = true;                    // KITTY_ISOLATION: on (or unset, empty) or off
  HomeScope scope = HomeScope::kProcess;  // KITTY_HOME_SCOPE: process (or unset, empty) or test
};

// The choice, or a usage failure naming the bad value. With isolation off,
// nothing else is read.
Result<IsolationChoice> isolation_choice(const Environment& environment = process_variable);

// Where and as what a process sets its isolation up when nothing overrides
// it (KITTY_HOME_BASE, TEST_TMPDIR, KITTY_RUN_ID, KITTY_RUN_KIND: see
// settings_from_environment).
struct SetupRequest {
  std::string fallback_base;
  std::string default_run_id;
  const char* default_kind = kRunKindUser;
  std::string unit_name;  // the readable part of the process directory's name
  bool prune = true;      // a discovery prunes nothing: it is no run of the user's
  // Homes in the scratch (isolation/scratch.h): only where a launcher stays
  // to move a failed one to the base (not for a binary run by hand, nor a
  // debugging session, whose home is kept where it was made).
  bool scratch = false;
};

// Validates the retention settings (a usage failure), makes the process's
// isolation (an isolation failure), then prunes the runs retention does not
// keep. The variables are not set: the caller sets them where they must
// hold (the launcher in the child it starts).
Result<Isolation> set_up_process(const SetupRequest& request,
                                 const Environment& environment = process_variable);

}  // namespace kitty::internal
