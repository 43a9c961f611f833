#pragma once

#include <gtest/gtest.h>

class Squares : public testing::TestWithParam<int> {};
