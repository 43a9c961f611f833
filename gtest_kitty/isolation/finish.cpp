#include "isolation/finish.h"

#include <gtest_kitty/kitty.h>

#include "isolation/retention.h"
#include "isolation/skeleton.h"
#include "isolation/tree_removal.h"

namespace kitty::internal {

Ending exit_ending(int exit_code) {
  Ending ending;
  ending.exit_code = exit_code;
  return ending;
}

Ending verdict_ending(bool failed) { return exit_ending(failed ? 1 : 0); }

bool passed(const Ending& ending) {
  return ending.known && ending.exited && !ending.premature && !ending.stopped &&
         (ending.exit_code == 0 || ending.exit_code == kExitSkipped);
}

Finished finish_process(const Isolation& isolation, const Ending& ending) {
  Finished finished;
  finished.passed = passed(ending);
  finished.said = retire_process(isolation, finished.passed);
  return finished;
}

Finished finish_test_scope(const std::string& test_dir, const Ending& ending) {
  Finished finished;
  finished.passed = passed(ending);
  if (finished.passed && !remove_bare_skeleton(test_dir)) finished.said = remove_tree(test_dir);
  return finished;
}

}  // namespace kitty::internal
