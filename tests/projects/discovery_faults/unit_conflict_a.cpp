#define KITTY_CONFLICT_SUITE ConflictA
#include "unit_conflict_tests.h"
