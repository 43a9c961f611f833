#include "runtime/misuse.h"

#include <gtest/gtest.h>

namespace kitty::internal {

void fail_at_call(const char* caller_file, int caller_line, const std::string& message) {
  const testing::TestInfo* test = testing::UnitTest::GetInstance()->current_test_info();
  if (caller_file == nullptr && test != nullptr) {
    caller_file = test->file();
    caller_line = test->line();
  }
  if (caller_file == nullptr) {
    ADD_FAILURE() << message;
  } else {
    ADD_FAILURE_AT(caller_file, caller_line) << message;
  }
}

}  // namespace kitty::internal
