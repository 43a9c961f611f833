#include "cli/commands/timeline_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

#include "cli/adapters/ctest_log.h"
#include "cli/model/record_reader.h"
#include "cli/model/registry.h"
#include "cli/model/shard_outputs.h"
#include "cli/model/timeline.h"
#include "cli/model/timeline_picture.h"

namespace kitty::cli {
namespace {

// ctest's log of the tree's last run, and when it was written. Read before
// the registry: asking ctest for that rewrites the log.
struct CtestLog {
  std::vector<CtestCase> cases;
  long long written_us = 0;
};

CtestLog read_ctest_log(const std::string& test_dir) {
  CtestLog log;
  std::error_code error;
  const auto written = std::filesystem::last_write_time(last_ctest_log_path(test_dir), error);
  if (error) return log;
  log.written_us = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::file_clock::to_sys(written).time_since_epoch())
                       .count();
  Expected<std::vector<CtestCase>> cases = read_last_ctest_log(test_dir);
  if (cases) log.cases = std::move(*cases);
  return log;
}

// ctest's durations of the drawn run (its log, when written after the run
// began: the same run) and the registered TIMEOUTs.
CtestTimes ctest_times(const Registry& registry, const CtestLog& log,
                       const std::vector<ProcessRecord>& records) {
  CtestTimes times;
  for (const RegisteredTest& test : registry.tests) {
    if (test.timeout > 0) times.timeouts[test.name] = test.timeout;
  }
  long long first_launch = records.front().launched_us;
  for (const ProcessRecord& record : records) {
    first_launch = std::min(first_launch, record.launched_us);
  }
  if (log.written_us < first_launch) return times;  // an earlier run's log
  for (const CtestCase& test : log.cases) times.cases[test.name] = test;
  return times;
}

// The records of every shard, laid out shard by shard and joined. A shard
// that recorded nothing (an empty share, or no kitty tests in it) is an
// empty group; ctest's report of the shard gives a killed process its end.
Expected<int> draw_shards(const TimelineOptions& options, bool html) {
  KITTY_TRY(const ShardSet set, read_whole_shard_set(options.shards));
  std::vector<std::pair<std::string, Timeline>> shards;
  size_t processes = 0;
  for (const ShardOutput& shard : set.shards) {
    CtestTimes times;
    for (const CtestCase& test : shard.ctest_cases) times.cases[test.name] = test;
    processes += shard.records.size();
    // The bars point into the set's records, which outlive the picture.
    shards.emplace_back(shard_job_name(shard.manifest.index, set.total),
                        lay_out(shard.records, times));
  }
  if (processes == 0) {
    return fail(
        fmt::format("no test process recorded in the records/ of the {} shards given", set.total));
  }
  const Timeline timeline = join_shards(std::move(shards));
  const std::string title = fmt::format("gtest-kitty timeline: {} jobs", set.total);
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out << (html ? render_html(timeline, title) : render_svg(timeline, title));
  out.close();
  if (!out) return fail("cannot write " + options.output);
  fmt::print("gtest-kitty timeline: {} ({} jobs)\n{}", options.output, set.total,
             describe(timeline));
  return 0;
}

}  // namespace

CLI::App* add_timeline_command(CLI::App& app, TimelineOptions& options) {
  CLI::App* timeline =
      app.add_subcommand("timeline", "Draw the last parallel run: lanes, outcomes, critical path");
  add_build_tree_options(*timeline, options.test_dir, options.config);
  timeline
      ->add_option("--record-dir", options.record_dir,
                   "A run's record directory (KITTY_RECORD_DIR of that run) instead")
      ->check(CLI::ExistingDirectory);
  timeline->add_option("-o,--output", options.output, "The picture: FILE.svg or FILE.html")
      ->required();
  timeline
      ->add_option("--shards", options.shards,
                   "The output directories of every `gtest-kitty shard` job of one run: one "
                   "group of lanes per job")
      ->excludes("--record-dir")
      ->excludes("--test-dir");
  return timeline;
}

Expected<int> run_timeline_command(const TimelineOptions& options) {
  const std::string extension = std::filesystem::path(options.output).extension().string();
  const bool html = extension == ".html" || extension == ".htm";
  if (!html && extension != ".svg") {
    return fail("-o " + options.output + ": the picture is written as .svg or .html");
  }
  if (!options.shards.empty()) return draw_shards(options, html);
  std::string record_dir = options.record_dir;
  std::optional<Registry> registry;
  CtestLog log;
  if (record_dir.empty()) {
    log = read_ctest_log(options.test_dir);
    KITTY_TRY(registry, load_registry(options.test_dir, options.config));
    announce_config("timeline", *registry);
    KITTY_TRY(record_dir, latest_record_dir(*registry));
  }
  KITTY_TRY(const std::vector<ProcessRecord> records, read_run_records(record_dir));
  if (records.empty()) return fail("no test process recorded in " + record_dir);

  const Timeline timeline =
      lay_out(records, registry ? ctest_times(*registry, log, records) : CtestTimes{});
  const std::string title = "gtest-kitty timeline: run " + records.front().run_id;
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out << (html ? render_html(timeline, title) : render_svg(timeline, title));
  out.close();
  if (!out) return fail("cannot write " + options.output);
  fmt::print("gtest-kitty timeline: {} ({})\n{}", options.output, record_dir, describe(timeline));
  return 0;
}

}  // namespace kitty::cli
