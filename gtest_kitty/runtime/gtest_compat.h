// GoogleTest 1.12 reads flags through GTEST_FLAG_GET/SET; 1.11 only has the
// GTEST_FLAG variables. kitty supports both.
#pragma once

#include <gtest/gtest.h>

#ifdef GTEST_FLAG_GET
#define KITTY_GTEST_FLAG_GET(name) GTEST_FLAG_GET(name)
#define KITTY_GTEST_FLAG_SET(name, value) GTEST_FLAG_SET(name, value)
#else
#define KITTY_GTEST_FLAG_GET(name) ::testing::GTEST_FLAG(name)
#define KITTY_GTEST_FLAG_SET(name, value) (void)(::testing::GTEST_FLAG(name) = value)
#endif
