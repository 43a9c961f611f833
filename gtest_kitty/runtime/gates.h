// Gates: switches a run reads from its environment. The volume gate
// (KITTY_VOLUME_FULL) picks the reduced or the full scale of a test;
// quarantine (KITTY_RUN_QUARANTINE) keeps quarantined files out of a run,
// reported Skipped, unless asked for.
#pragma once

#include "common/status.h"

namespace kitty::internal {

// A 0/1 switch: "1" is on; unset, "" and "0" are off; anything else is a
// kUsage failure (a mistake is reported, never guessed at).
Result<bool> switch_on(const char* name);

}  // namespace kitty::internal
