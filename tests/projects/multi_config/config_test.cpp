// A test named after the configuration it was built in, so that the
// integration tests see which configuration's binary ran.
#include <gtest/gtest.h>

#ifdef NDEBUG
TEST(Config, IsOptimised) { SUCCEED(); }
#else
TEST(Config, IsDebug) { SUCCEED(); }
#endif
