#include "cli/model/process_end.h"

#include <fmt/format.h>

#include "common/signal_name.h"

namespace kitty::cli {
namespace {

// ctest ends a test at its TIMEOUT; its measured time lands a little past.
constexpr double kTimeoutSlack = 0.05;

bool reached_timeout(const CtestView& ctest) {
  if (ctest.status.find("Timeout") != std::string::npos) return true;
  return ctest.ctest != nullptr && ctest.timeout > 0 &&
         ctest.ctest->seconds >= ctest.timeout - kTimeoutSlack;
}

std::string timed_out_text(const CtestView& ctest) {
  return ctest.timeout > 0
             ? fmt::format("timed out after {:g} s (its ctest TIMEOUT)", ctest.timeout)
             : std::string("timed out (ctest: Timeout)");
}

std::string signal_text(const ProcessEnd& end) {
  const std::string name =
      end.signal_name.empty() ? kitty::internal::signal_name(end.signal) : end.signal_name;
  return fmt::format("{} (signal {})", name, end.signal);
}

}  // namespace

ProcessEndText describe_end(const ProcessRecord* record, const CtestView& ctest) {
  ProcessEndText text;
  if (record != nullptr) {
    if (const RecordedTest* test = died_in(*record)) text.died_in = test->name;
  }
  text.timed_out = reached_timeout(ctest);
  if (record != nullptr && record->ended) {
    const ProcessEnd& end = *record->ended;
    switch (end.by) {
      case EndedBy::kExit:
        text.how =
            end.premature
                ? fmt::format("exited with code {} before GoogleTest's end of the run", end.code)
                : fmt::format("exited with code {}", end.code);
        text.crashed = end.premature;
        break;
      case EndedBy::kSignal:
        text.how = "died of " + signal_text(end);
        text.crashed = true;
        break;
      case EndedBy::kException:
        text.how = "died of " + end.signal_name;
        text.crashed = true;
        break;
      case EndedBy::kKilled:
        text.how = text.timed_out ? fmt::format("{}: the launcher ended it with {}",
                                                timed_out_text(ctest), signal_text(end))
                                  : fmt::format("killed with {} when the launcher was stopped",
                                                signal_text(end));
        text.crashed = true;
        break;
    }
  } else if (text.timed_out) {
    text.how = timed_out_text(ctest);
    text.crashed = true;
  } else if (record == nullptr) {
    text.how = "left no run record";
    text.crashed = ctest.ctest != nullptr && ctest.ctest->status == CtestStatus::kFailed;
  } else if (!record->exited) {
    text.how = "ended without a recorded end (a crash or a kill)";
    text.crashed = true;
  } else {
    text.how = record->failed ? "exited after a failure" : "exited";
  }
  if (!ctest.status.empty() && ctest.status != "Passed" &&
      text.how.find("ctest:") == std::string::npos) {
    text.how += fmt::format(" [ctest: {}]", ctest.status);
  }
  return text;
}

}  // namespace kitty::cli
