#include "header_tests.h"

TEST(HeaderUser, Runs) { SUCCEED(); }
