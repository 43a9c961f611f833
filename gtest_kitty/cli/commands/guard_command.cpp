#include "cli/commands/guard_command.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "cli/adapters/process.h"
#include "cli/model/guarded_run.h"
#include "cli/model/home_snapshot.h"
#include "common/settings.h"

namespace kitty::cli {
namespace {

constexpr size_t kChangesShown = 50;

}  // namespace

CLI::App* add_guard_command(CLI::App& app, GuardOptions& options) {
  CLI::App* guard =
      app.add_subcommand("guard", "Run a command; fail if the real home changed meanwhile");
  guard->add_option("--home", options.home, "The home to guard (default: $HOME)");
  guard->add_option("--path", options.paths, "More paths to guard, to full depth");
  guard->add_option("--exclude", options.excluded,
                    "A tree inside the home the command may change (say, the build tree)");
  guard->add_option("--depth", options.depth, "Levels of the home guarded (default: 3)")
      ->check(CLI::Range(0, kGuardFullDepth));
  guard->footer("The command follows --: gtest-kitty guard [OPTIONS] -- COMMAND [ARGS...]");
  guard->add_flag("--self-check", options.self_check,
                  "Show the guard catches a planted change, then exit");
  return guard;
}

Expected<int> run_guard_command(const GuardOptions& options) {
  if (options.self_check) return guard_self_check();
  if (options.command.empty()) return fail("guard needs a command: gtest-kitty guard -- CMD...");
  std::string home = options.home;
  if (home.empty()) {
    const char* env_home = kitty::internal::read_setting("HOME");
    if (env_home == nullptr || *env_home == '\0') return fail("HOME is not set: give --home");
    home = env_home;
  }
  // Excluded trees, spelled as the walk from `home` reaches them.
  std::set<std::string> excluded;
  std::error_code error;
  const std::filesystem::path canonical_home = std::filesystem::weakly_canonical(home, error);
  if (error) return fail(fmt::format("cannot resolve the home {}: {}", home, error.message()));
  for (const std::string& path : options.excluded) {
    const std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
    if (error) return fail(fmt::format("--exclude {}: {}", path, error.message()));
    const std::filesystem::path relative = canonical.lexically_relative(canonical_home);
    if (relative.empty() || relative == ".") {
      return fail("--exclude " + path + " is the guarded home itself: nothing would be guarded");
    }
    if (*relative.begin() == "..") continue;  // outside the home: nothing to leave out
    excluded.insert(home + "/" + relative.string());
  }
  int command_exit = 0;
  KITTY_TRY(
      const std::vector<Change> changes,
      guarded_run(home, options.paths, options.depth, excluded, options.command, command_exit));
  for (size_t i = 0; i < changes.size() && i < kChangesShown; ++i) {
    fmt::print("gtest-kitty guard: {} {}\n", changes[i].what, changes[i].path);
  }
  if (changes.size() > kChangesShown) {
    fmt::print("gtest-kitty guard: ... and {} more\n", changes.size() - kChangesShown);
  }
  if (!changes.empty()) {
    fmt::print("gtest-kitty guard: FAILED: the real home {} changed ({} entries)\n", home,
               changes.size());
    return 1;
  }
  fmt::print("gtest-kitty guard: the real home {} is unchanged\n", home);
  if (command_exit != 0) {
    fmt::print("gtest-kitty guard: FAILED: the command exited {}\n", command_exit);
    return 1;
  }
  return 0;
}

}  // namespace kitty::cli
