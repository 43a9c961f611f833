// install(): the one place where kitty's flags, listing, selection and
// listener are wired into a GoogleTest program.
#pragma once

#include "runtime/outcome.h"

namespace kitty::internal {

struct Installation {
  const OutcomeListener* listener = nullptr;  // owned by GoogleTest's listener list
  bool selection = false;                     // a --kitty_file/suite/test is active
};

// `exit_on_skip`: let the listener end an all-skipped selected run itself
// (for mains we do not own); kitty's own mains pass false and return
// exit_code() instead.
Installation install(int* argc, char** argv, bool exit_on_skip);

// RUN_ALL_TESTS()'s result, translated for a selected run.
int exit_code(const Installation& installation, int gtest_result);

}  // namespace kitty::internal
