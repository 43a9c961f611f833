// A quarantined file (QUARANTINE_FILES): skipped in a normal run, and its
// test fails when the tools run it anyway (KITTY_RUN_QUARANTINE=1), as the
// test that got it quarantined would.
#include <gtest/gtest.h>

namespace {

TEST(Quarantined, FailsWhenRun) { ADD_FAILURE() << "planted: the reason it is quarantined"; }

TEST(Quarantined, Passes) { SUCCEED(); }

}  // namespace
