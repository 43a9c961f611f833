// A file name with [ ] ; $ ' and spaces: registered, run and reported.
#include <gtest/gtest.h>

namespace {

TEST(OddName, Passes) { SUCCEED(); }

}  // namespace
