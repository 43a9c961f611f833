// Tests defined in a header: GoogleTest attributes them to this file, and so
// does kitty (a unit of its own).
#pragma once

#include <gtest/gtest.h>

TEST(FromHeader, Runs) { SUCCEED(); }
