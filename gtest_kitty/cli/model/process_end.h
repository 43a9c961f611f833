// How a test process ended, in one sentence, and the GoogleTest test it
// died in: from the launcher's "ended" line when the record has one, else
// from ctest's view of the same process (its status word, or a duration
// that reached the registered TIMEOUT). merge-junit, the ratchet and the
// timeline all say it the same way.
#pragma once

#include <string>

#include "cli/adapters/ctest_junit.h"
#include "cli/model/record_reader.h"

namespace kitty::cli {

// What ctest knew of the process; every field optional.
struct CtestView {
  const CtestCase* ctest = nullptr;  // its case in ctest's JUnit or log
  std::string status;                // ctest's console word ("***Timeout"), when seen
  double timeout = 0;                // the registered TIMEOUT, seconds
};

struct ProcessEndText {
  std::string died_in;  // Suite.Name, empty when no test was left running
  std::string how;      // "died of SIGSEGV (signal 11)", "timed out after 4 s", ...
  bool timed_out = false;
  bool crashed = false;  // it did not exit by itself: a signal, a kill or a timeout
};

// `record` may be null (the process left none).
ProcessEndText describe_end(const ProcessRecord* record, const CtestView& ctest);

}  // namespace kitty::cli
