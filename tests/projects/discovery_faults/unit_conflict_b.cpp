#define KITTY_CONFLICT_SUITE ConflictB
#include "./unit_conflict_tests.h"
