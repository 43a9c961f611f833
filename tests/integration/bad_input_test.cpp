// Bad input to kitty_add_tests() stops configure, or the build (discovery),
// with one clear message, never with a silently wrong registration.
#include <gtest/gtest.h>

#include <cstdlib>

#include "projects.h"

namespace kitty_it {
namespace {

struct Mistake {
  std::string name;
  std::string message;    // what the error must say
  bool at_build = false;  // discovery finds it, not configure
};

// CMake wraps long messages over several indented lines.
std::string collapse_whitespace(const std::string& text) {
  std::string collapsed;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (space && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed += space ? ' ' : c;
  }
  return collapsed;
}

class BadInput : public testing::TestWithParam<Mistake> {};

TEST_P(BadInput, IsAClearError) {
  const Mistake& mistake = GetParam();
  const std::string build = scratch_dir("bad_input_" + mistake.name);
  const char* source = std::getenv("KITTY_IT_SOURCE_DIR");
  ASSERT_NE(source, nullptr);
  const ProcessResult configured = run_process(
      {"cmake", "-S", std::string(source) + "/tests/projects/bad_input", "-B", build, "-G", "Ninja",
       "-DCMAKE_PREFIX_PATH=" + work_path("install"), "-DMISTAKE=" + mistake.name});
  ProcessResult failed = configured;
  if (mistake.at_build) {
    ASSERT_EQ(configured.exit_code, 0) << configured.output;
    failed = run_process({"cmake", "--build", build});
  }
  EXPECT_NE(failed.exit_code, 0);
  EXPECT_NE(collapse_whitespace(failed.output).find(mistake.message), std::string::npos)
      << failed.output;
}

INSTANTIATE_TEST_SUITE_P(
    Mistakes, BadInput,
    testing::Values(
        Mistake{"unknown_argument", "kitty_add_tests(bad_tests): unknown argument(s): LABLES"},
        Mistake{"granularity", "GRANULARITY must be file, suite or test, not 'directory'"},
        Mistake{"timeout", "TIMEOUT must be a number of seconds, not 'soon'"},
        Mistake{"not_executable",
                "kitty_add_tests: 'not_an_executable' is a STATIC_LIBRARY, not an executable"},
        Mistake{"file_labels_syntax", "FILE_LABELS entry 'bad_test.cpp' is not"},
        Mistake{"file_labels_unknown_file",
                "FILE_LABELS of bad_tests names no_such_test.cpp, which has no tests", true}),
    [](const testing::TestParamInfo<Mistake>& param) { return param.param.name; });

}  // namespace
}  // namespace kitty_it
