#include "isolation/hand_over.h"

#include "common/number_in_range.h"
#include "common/utf8_path.h"

namespace kitty::internal {
namespace {

// The names, declared in isolation.h (rerun.h leaves them out of a rerun).
constexpr const char* kPid = kIsolationPid;
constexpr const char* kParentPid = kIsolationParentPid;
constexpr const char* kRunId = kIsolationRunId;
constexpr const char* kWorker = kIsolationWorker;
constexpr const char* kDir = kIsolationDir;
constexpr const char* kLaunched = kLaunchedVariable;

Failure refused(const std::string& why) {
  return {Category::kIsolation, "the launcher's hand-over is unusable: " + why};
}

}  // namespace

Variables hand_over_variables(const Isolation& isolation, ProcessId pid, long long launched_us,
                              HandOverTo to) {
  Variables variables = isolation.variables;
  variables.emplace_back(to == HandOverTo::kProcess ? kPid : kParentPid, std::to_string(pid));
  variables.emplace_back(kRunId, isolation.run_id);
  variables.emplace_back(kWorker, std::to_string(isolation.worker_index));
  variables.emplace_back(kDir, isolation.process_dir);
  variables.emplace_back(kIsolationKeptDir, kept_path(isolation));
  variables.emplace_back(kLaunched, std::to_string(launched_us));
  return variables;
}

Result<std::optional<HandOver>> read_hand_over(ProcessId self, const Environment& environment) {
  const char* pid = read_setting(kPid, environment);
  const char* parent = read_setting(kParentPid, environment);
  const char* run_id = read_setting(kRunId, environment);
  const char* worker = read_setting(kWorker, environment);
  const char* dir = read_setting(kDir, environment);
  const char* launched = read_setting(kLaunched, environment);
  const char* kept = read_setting(kIsolationKeptDir, environment);
  if (pid == nullptr && parent == nullptr) {
    if (run_id != nullptr || worker != nullptr || dir != nullptr) {
      return refused(std::string(kPid) + " is missing, the rest of it is set");
    }
    return std::optional<HandOver>();
  }
  const char* named = pid != nullptr ? kPid : kParentPid;
  long long number = 0;
  if (!number_in_range(pid != nullptr ? pid : parent, 1, 0x7fffffff, number)) {
    return refused(std::string(named) + " is not a pid: '" + (pid != nullptr ? pid : parent) + "'");
  }
  // The parent is looked up only when asked for: on Windows that costs a
  // snapshot of the process table.
  if (number != (pid != nullptr ? self : parent_process_id())) {
    return std::optional<HandOver>();  // another's
  }
  HandOver hand_over;
  hand_over.pid = self;
  for (const auto& [name, value] : {std::pair{kRunId, run_id}, std::pair{kWorker, worker},
                                    std::pair{kDir, dir}, std::pair{kLaunched, launched}}) {
    if (value == nullptr || *value == '\0') return refused(std::string(name) + " is missing");
  }
  hand_over.run_id = run_id;
  if (!number_in_range(worker, 0, 4095, number)) {
    return refused(std::string(kWorker) + " is not a worker index: '" + worker + "'");
  }
  hand_over.worker_index = static_cast<int>(number);
  hand_over.process_dir = dir;
  // From a root: on Windows "/b/homes" has no drive, yet names one place.
  if (!path_of_utf8(hand_over.process_dir).has_root_directory()) {
    return refused(std::string(kDir) + " is not an absolute path: '" + dir + "'");
  }
  if (!number_in_range(launched, 0, 0x7fffffffffffffffLL, number)) {
    return refused(std::string(kLaunched) + " is not a time: '" + launched + "'");
  }
  hand_over.launched_us = number;
  hand_over.kept_dir =
      kept != nullptr && path_of_utf8(kept).has_root_directory() ? kept : hand_over.process_dir;
  return std::optional<HandOver>(std::move(hand_over));
}

Isolation adopted_isolation(const HandOver& hand_over, const Environment& environment) {
  Isolation isolation;
  isolation.run_id = hand_over.run_id;
  isolation.worker_index = hand_over.worker_index;
  isolation.process_dir = hand_over.process_dir;
  isolation.kept_dir = hand_over.kept_dir;
  // The run is where the kept directory goes: the process directory itself
  // may be in the scratch.
  const std::string& kept = kept_path(isolation);
  const std::string::size_type slash = kept.rfind('/');
  isolation.run_dir = slash == 0 ? "/" : kept.substr(0, slash);
  for (const std::string& name : isolated_variable_names()) {
    const char* value = read_setting(name, environment);
    if (value != nullptr) isolation.variables.emplace_back(name, value);
  }
  const char* home = read_setting("HOME", environment);
  isolation.home = home != nullptr ? home : "";
  return isolation;
}

}  // namespace kitty::internal
