// The hand-over from the launcher to the binary (isolation/hand_over.h):
// what the launcher writes reads back whole; one for another process is
// none of this one's; a malformed or partial one is refused, never half
// adopted.
#include "isolation/hand_over.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace kitty::internal {
namespace {

constexpr pid_t kSelf = 4242;

Environment injected(const std::map<std::string, std::string>& values) {
  return [values](const char* name) -> const char* {
    const auto found = values.find(name);
    return found != values.end() ? found->second.c_str() : nullptr;
  };
}

std::map<std::string, std::string> as_map(const Variables& variables) {
  return std::map<std::string, std::string>(variables.begin(), variables.end());
}

// What the launcher hands process kSelf.
std::map<std::string, std::string> written() {
  Isolation isolation;
  isolation.run_id = "20261129T120000-17";
  isolation.worker_index = 3;
  isolation.process_dir = "/b/kitty-homes/20261129T120000-17/unit.Ab12Cd";
  isolation.variables =
      variables_for(isolation.process_dir + "/home", isolation.process_dir + "/tmp");
  return as_map(hand_over_variables(isolation, kSelf, 1700000000000000LL));
}

TEST(HandOver, WhatTheLauncherWritesReadsBackWhole) {
  const std::map<std::string, std::string> variables = written();
  const Result<std::optional<HandOver>> read = read_hand_over(kSelf, injected(variables));
  ASSERT_TRUE(read.ok()) << read.failure().message;
  ASSERT_TRUE(read->has_value());
  const HandOver& hand_over = **read;
  EXPECT_EQ(hand_over.pid, kSelf);
  EXPECT_EQ(hand_over.run_id, "20261129T120000-17");
  EXPECT_EQ(hand_over.worker_index, 3);
  EXPECT_EQ(hand_over.process_dir, "/b/kitty-homes/20261129T120000-17/unit.Ab12Cd");
  EXPECT_EQ(hand_over.launched_us, 1700000000000000LL);

  const Isolation adopted = adopted_isolation(hand_over, injected(variables));
  EXPECT_EQ(adopted.run_dir, "/b/kitty-homes/20261129T120000-17");
  EXPECT_EQ(adopted.home, "/b/kitty-homes/20261129T120000-17/unit.Ab12Cd/home");
  EXPECT_EQ(adopted.variables.size(), isolated_variable_names().size());
}

TEST(HandOver, NoneIsNone) {
  const Result<std::optional<HandOver>> read = read_hand_over(kSelf, injected({}));
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->has_value());
}

// A process a test starts inherits its parent's hand-over: not its own.
TEST(HandOver, AnotherProcesssIsNotThisOnes) {
  const Result<std::optional<HandOver>> read = read_hand_over(kSelf + 1, injected(written()));
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->has_value());
}

struct Fault {
  const char* name;
  const char* variable;
  const char* value;  // null: the variable is missing
  const char* said;
};

class HandOverFault : public testing::TestWithParam<Fault> {};

TEST_P(HandOverFault, IsRefusedAsAnIsolationFailure) {
  std::map<std::string, std::string> variables = written();
  if (GetParam().value == nullptr) {
    variables.erase(GetParam().variable);
  } else {
    variables[GetParam().variable] = GetParam().value;
  }
  const Result<std::optional<HandOver>> read = read_hand_over(kSelf, injected(variables));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.failure().category, Category::kIsolation);
  EXPECT_EQ(read.failure().message,
            std::string("the launcher's hand-over is unusable: ") + GetParam().said);
}

INSTANTIATE_TEST_SUITE_P(
    Faults, HandOverFault,
    testing::Values(
        Fault{"WorkerNotANumber", "KITTY_ISOLATION_WORKER", "abc",
              "KITTY_ISOLATION_WORKER is not a worker index: 'abc'"},
        Fault{"WorkerOutOfRange", "KITTY_ISOLATION_WORKER", "4096",
              "KITTY_ISOLATION_WORKER is not a worker index: '4096'"},
        Fault{"WorkerMissing", "KITTY_ISOLATION_WORKER", nullptr,
              "KITTY_ISOLATION_WORKER is missing"},
        Fault{"DirMissing", "KITTY_ISOLATION_DIR", nullptr, "KITTY_ISOLATION_DIR is missing"},
        Fault{"DirEmpty", "KITTY_ISOLATION_DIR", "", "KITTY_ISOLATION_DIR is missing"},
        Fault{"DirRelative", "KITTY_ISOLATION_DIR", "homes/x",
              "KITTY_ISOLATION_DIR is not an absolute path: 'homes/x'"},
        Fault{"RunIdMissing", "KITTY_ISOLATION_RUN_ID", nullptr,
              "KITTY_ISOLATION_RUN_ID is missing"},
        Fault{"LaunchedMissing", "KITTY_LAUNCHED_US", nullptr, "KITTY_LAUNCHED_US is missing"},
        Fault{"LaunchedNotATime", "KITTY_LAUNCHED_US", "soon",
              "KITTY_LAUNCHED_US is not a time: 'soon'"},
        Fault{"PidNotAPid", "KITTY_ISOLATION_PID", "me", "KITTY_ISOLATION_PID is not a pid: 'me'"},
        Fault{"PidMissing", "KITTY_ISOLATION_PID", nullptr,
              "KITTY_ISOLATION_PID is missing, the rest of it is set"}),
    [](const testing::TestParamInfo<Fault>& fault) { return std::string(fault.param.name); });

}  // namespace
}  // namespace kitty::internal
