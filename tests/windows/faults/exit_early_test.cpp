// exit(0) in the middle of the run: the tests after it never ran, so the
// process must fail, though its exit code says success.
#include <gtest/gtest.h>

#include <cstdlib>

namespace {

TEST(ExitEarly, AFirstTestPasses) { SUCCEED(); }

TEST(ExitEarly, ThenTheProcessExitsWithZero) { std::exit(0); }

TEST(ExitEarly, ThisOneNeverRuns) { SUCCEED(); }

}  // namespace
