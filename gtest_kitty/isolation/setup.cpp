#include "isolation/setup.h"

#include <utility>

#include "isolation/retention.h"
#include "isolation/scratch.h"

namespace kitty::internal {

Result<IsolationChoice> isolation_choice(const Environment& environment) {
  IsolationChoice choice;
  const char* mode = read_setting("KITTY_ISOLATION", environment);
  const std::string isolation = mode != nullptr ? mode : "";
  if (isolation == "off") {
    choice.enabled = false;
    return choice;
  }
  if (!isolation.empty() && isolation != "on") {
    return usage_error("KITTY_ISOLATION must be on or off, not '" + isolation + "'");
  }
  const char* scope_text = read_setting("KITTY_HOME_SCOPE", environment);
  const std::string scope = scope_text != nullptr ? scope_text : "";
  if (scope == "test") {
    choice.scope = HomeScope::kTest;
  } else if (!scope.empty() && scope != "process") {
    return usage_error("KITTY_HOME_SCOPE must be process or test, not '" + scope + "'");
  }
  return choice;
}

Result<Isolation> set_up_process(const SetupRequest& request, const Environment& environment) {
  std::string error;
  const RetentionPolicy policy = retention_policy(error, environment);
  if (!error.empty()) return usage_error(error);
  IsolationSettings settings = settings_from_environment(
      request.fallback_base, request.default_run_id, request.default_kind, environment);
  settings.unit_name = request.unit_name;
  if (request.scratch) {
    const Scratch scratch = scratch_from_environment(environment);
    if (!scratch.error.empty()) return usage_error(scratch.error);
    settings.scratch_root = scratch.root;
  }
  IsolationResult made = create_isolation(settings);
  if (!made.error.empty()) {
    return Failure{Category::kIsolation, "cannot isolate HOME: " + made.error};
  }
  // Once per run, by the process that made its directory: the runs before
  // it do not change while it runs, and every later start would only
  // repeat the scan (a walk of the whole base, per process).
  if (request.prune && made.isolation.made_run) {
    prune_runs(settings.base, settings.run_id, policy);
    if (!settings.scratch_root.empty()) {
      prune_scratch(settings.scratch_root, settings.base, settings.run_id);
    }
  }
  return std::move(made.isolation);
}

}  // namespace kitty::internal
