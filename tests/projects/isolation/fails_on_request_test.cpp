// Fails when KITTY_PROBE_FAIL=1, leaving evidence in its home: kitty keeps
// the home of a failed process and names it.
#include <gtest/gtest.h>

#include <fstream>

#include "probe_log.h"

TEST(FailsOnRequest, WhenAsked) {
  probe_log("home", probe_env("HOME"));
  std::ofstream(probe_env("HOME") + "/evidence") << "left by a failing test\n";
  if (probe_env("KITTY_PROBE_FAIL") == "1") FAIL() << "failing on request";
}
