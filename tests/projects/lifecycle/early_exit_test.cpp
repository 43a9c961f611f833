// A file whose second test ends the process: with exit() (kitty's exit
// handler sees it) or _exit() (only the launcher sees it, through
// GoogleTest's premature-exit file). The third test then never runs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "probe.h"

TEST(EarlyExit, Before) { SUCCEED(); }

TEST(EarlyExit, EndsTheProcess) {
  if (probe::asked("exit")) std::exit(0);
  if (probe::asked("_exit")) _exit(0);
}

TEST(EarlyExit, After) { SUCCEED(); }
