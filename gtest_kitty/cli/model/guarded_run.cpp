#include "cli/model/guarded_run.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "cli/adapters/process.h"
#include "cli/adapters/temp_dir.h"

namespace kitty::cli {
namespace {

constexpr size_t kMaxEntries = 200000;

}  // namespace

Expected<std::vector<Change>> guarded_run(const std::string& home,
                                          const std::vector<std::string>& paths, int depth,
                                          const std::set<std::string>& excluded,
                                          const std::vector<std::string>& command,
                                          int& command_exit) {
  const auto snapshot_all = [&]() -> Expected<Snapshot> {
    KITTY_TRY(Snapshot snapshot, take_snapshot({home}, depth, kMaxEntries, excluded));
    KITTY_TRY(const Snapshot chosen, take_snapshot(paths, kGuardFullDepth, kMaxEntries));
    snapshot.insert(chosen.begin(), chosen.end());
    return snapshot;
  };
  KITTY_TRY(const Snapshot before, snapshot_all());
  ProcessOptions passthrough;
  passthrough.capture = false;
  KITTY_TRY(const ProcessResult ran, run_program(command, passthrough));
  command_exit = ran.exit_code;
  KITTY_TRY(const Snapshot after, snapshot_all());
  return compare_snapshots(before, after);
}

Expected<int> guard_self_check(const std::string& temp_base) {
  const std::string prefix = "gtest-kitty-guard";
  const Expected<TempDir> made =
      temp_base.empty() ? TempDir::make(prefix) : TempDir::make_in(temp_base, prefix);
  if (!made) return fail("guard --self-check: " + made.error().message);
  const std::filesystem::path home = made->path();
  const std::filesystem::path settings = home / ".config" / "app" / "settings.ini";
  std::error_code error;
  std::filesystem::create_directories(settings.parent_path(), error);
  std::ofstream(settings) << "kept=1\n";
  if (error || !std::filesystem::is_regular_file(settings, error)) {
    return fail(
        fmt::format("guard --self-check: cannot make a throwaway home in {}", home.string()));
  }
  int exit_code = 0;
  KITTY_TRY(const std::vector<Change> quiet,
            guarded_run(home.string(), {}, 3, {}, {"true"}, exit_code));
  KITTY_TRY(const std::vector<Change> touched,
            guarded_run(home.string(), {}, 3, {},
                        {"sh", "-c", "echo planted >> '" + settings.string() + "'"}, exit_code));
  const bool ok = quiet.empty() && !touched.empty();
  fmt::print(
      "gtest-kitty guard --self-check: {} (a quiet command: {} changes; a planted write: "
      "{} changes)\n",
      ok ? "ok" : "FAILED", quiet.size(), touched.size());
  return ok ? 0 : 1;
}

}  // namespace kitty::cli
