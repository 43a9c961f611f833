#include <gtest/gtest.h>

TEST(QuoteDollarSpace, Runs) { SUCCEED(); }
