#include "cli/commands/guard_command.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli/adapters/process.h"
#include "cli/model/home_snapshot.h"
#include "common/settings.h"

namespace kitty::cli {
namespace {

constexpr size_t kMaxEntries = 200000;
constexpr int kFullDepth = 64;
constexpr size_t kChangesShown = 50;

// The changes to `home` (and `paths`) while `command` ran; the command's
// exit code through `command_exit`.
Expected<std::vector<Change>> guarded_run(const std::string& home,
                                          const std::vector<std::string>& paths, int depth,
                                          const std::set<std::string>& excluded,
                                          const std::vector<std::string>& command,
                                          int& command_exit) {
  const auto snapshot_all = [&]() -> Expected<Snapshot> {
    Expected<Snapshot> snapshot = take_snapshot({home}, depth, kMaxEntries, excluded);
    if (!snapshot) return snapshot;
    Expected<Snapshot> chosen = take_snapshot(paths, kFullDepth, kMaxEntries);
    if (!chosen) return chosen;
    snapshot->insert(chosen->begin(), chosen->end());
    return snapshot;
  };
  const Expected<Snapshot> before = snapshot_all();
  if (!before) return Unexpected<Error>(before.error());
  ProcessOptions passthrough;
  passthrough.capture = false;
  command_exit = run_process(command, passthrough).exit_code;
  if (command_exit == 127) return fail("cannot run " + command.front());
  const Expected<Snapshot> after = snapshot_all();
  if (!after) return Unexpected<Error>(after.error());
  return compare_snapshots(*before, *after);
}

// Anti-vacuity: in a throwaway home, a command that writes must be caught
// and one that does not must pass.
Expected<int> self_check() {
  const std::filesystem::path home =
      std::filesystem::temp_directory_path() / fmt::format("gtest-kitty-guard-{}", getpid());
  std::filesystem::remove_all(home);
  std::filesystem::create_directories(home / ".config" / "app");
  std::ofstream(home / ".config" / "app" / "settings.ini") << "kept=1\n";
  int exit_code = 0;
  const auto quiet = guarded_run(home.string(), {}, 3, {}, {"true"}, exit_code);
  const auto touched = guarded_run(
      home.string(), {}, 3, {},
      {"sh", "-c",
       "echo planted >> '" + (home / ".config" / "app" / "settings.ini").string() + "'"},
      exit_code);
  std::filesystem::remove_all(home);
  if (!quiet || !touched) return fail("the self-check could not run its commands");
  const bool ok = quiet->empty() && !touched->empty();
  fmt::print(
      "gtest-kitty guard --self-check: {} (a quiet command: {} changes; a planted write: "
      "{} changes)\n",
      ok ? "ok" : "FAILED", quiet->size(), touched->size());
  return ok ? 0 : 1;
}

}  // namespace

CLI::App* add_guard_command(CLI::App& app, GuardOptions& options) {
  CLI::App* guard =
      app.add_subcommand("guard", "Run a command; fail if the real home changed meanwhile");
  guard->add_option("--home", options.home, "The home to guard (default: $HOME)");
  guard->add_option("--path", options.paths, "More paths to guard, to full depth");
  guard->add_option("--exclude", options.excluded,
                    "A tree inside the home the command may change (say, the build tree)");
  guard->add_option("--depth", options.depth, "Levels of the home guarded (default: 3)")
      ->check(CLI::Range(0, kFullDepth));
  guard->footer("The command follows --: gtest-kitty guard [OPTIONS] -- COMMAND [ARGS...]");
  guard->add_flag("--self-check", options.self_check,
                  "Show the guard catches a planted change, then exit");
  return guard;
}

Expected<int> run_guard_command(const GuardOptions& options) {
  if (options.self_check) return self_check();
  if (options.command.empty()) return fail("guard needs a command: gtest-kitty guard -- CMD...");
  std::string home = options.home;
  if (home.empty()) {
    const char* env_home = kitty::internal::read_setting("HOME");
    if (env_home == nullptr || *env_home == '\0') return fail("HOME is not set: give --home");
    home = env_home;
  }
  // Excluded trees, spelled as the walk from `home` reaches them.
  std::set<std::string> excluded;
  const std::filesystem::path canonical_home = std::filesystem::weakly_canonical(home);
  for (const std::string& path : options.excluded) {
    const std::filesystem::path relative =
        std::filesystem::weakly_canonical(path).lexically_relative(canonical_home);
    if (relative.empty() || relative == ".") {
      return fail("--exclude " + path + " is the guarded home itself: nothing would be guarded");
    }
    if (*relative.begin() == "..") continue;  // outside the home: nothing to leave out
    excluded.insert(home + "/" + relative.string());
  }
  int command_exit = 0;
  const Expected<std::vector<Change>> changes =
      guarded_run(home, options.paths, options.depth, excluded, options.command, command_exit);
  if (!changes) return Unexpected<Error>(changes.error());
  for (size_t i = 0; i < changes->size() && i < kChangesShown; ++i) {
    fmt::print("gtest-kitty guard: {} {}\n", (*changes)[i].what, (*changes)[i].path);
  }
  if (changes->size() > kChangesShown) {
    fmt::print("gtest-kitty guard: ... and {} more\n", changes->size() - kChangesShown);
  }
  if (!changes->empty()) {
    fmt::print("gtest-kitty guard: FAILED: the real home {} changed ({} entries)\n", home,
               changes->size());
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
