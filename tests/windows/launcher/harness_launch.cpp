// A stand-in for gtest-kitty-launch while the library does not build for
// Windows yet: the launcher's Windows process handling alone (the
// supervision, the exit code, the crash line), without isolation.
//
//   kitty_harness_launch -- PROGRAM [ARGS...]
//
// It ends the way launcher_main.cpp ends: the same calls, the same words.
#include <cstdio>
#include <string>
#include <vector>

#include "common/signal_name.h"
#include "launcher/supervisor.h"
#include "platform/launcher_process.h"

namespace {

void ignore_stop_request(int) {}

}  // namespace

int main(int argc, char** native_argv) {
  std::vector<std::string> words = kitty::internal::utf8_arguments(argc, native_argv);
  std::vector<char*> program;
  bool after_dashes = false;
  for (std::vector<std::string>::size_type i = 1; i < words.size(); ++i) {
    if (after_dashes) program.push_back(&words[i][0]);
    after_dashes = after_dashes || words[i] == "--";
  }
  if (program.empty()) {
    std::fprintf(stderr, "gtest_kitty: no program to launch after --\n");
    return 64;
  }
  program.push_back(nullptr);
  kitty::internal::catch_stop_requests(ignore_stop_request);
  kitty::internal::SupervisorPlan plan;
  plan.program = program.data();
  std::string error;
  const kitty::internal::SupervisionHandle supervision =
      kitty::internal::start_supervised(plan, error);
  if (!supervision) {
    std::fprintf(stderr, "gtest_kitty: %s\n", error.c_str());
    return 70;
  }
  const kitty::internal::SupervisedEnd end = kitty::internal::wait_supervised(*supervision);
  if (end.status.is_crash()) {
    std::fprintf(stderr, "gtest_kitty: the test process died of %s\n",
                 kitty::internal::death_text(end.status).c_str());
    return kitty::internal::end_like(end.status);
  }
  return kitty::internal::launcher_exit_code(end.status);
}
