#include "timeline_command.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "registry.h"
#include "run_record.h"
#include "timeline.h"

namespace kitty::cli {

CLI::App* add_timeline_command(CLI::App& app, TimelineOptions& options) {
  CLI::App* timeline =
      app.add_subcommand("timeline", "Draw the last parallel run: lanes, outcomes, critical path");
  timeline->add_option("--test-dir", options.test_dir, "The build tree (default: .)")
      ->check(CLI::ExistingDirectory);
  timeline
      ->add_option("--record-dir", options.record_dir,
                   "A run's record directory (KITTY_RECORD_DIR of that run) instead")
      ->check(CLI::ExistingDirectory);
  timeline->add_option("-o,--output", options.output, "The picture: FILE.svg or FILE.html")
      ->required();
  return timeline;
}

Expected<int> run_timeline_command(const TimelineOptions& options) {
  const std::string extension = std::filesystem::path(options.output).extension().string();
  const bool html = extension == ".html" || extension == ".htm";
  if (!html && extension != ".svg") {
    return fail("-o " + options.output + ": the picture is written as .svg or .html");
  }
  std::string record_dir = options.record_dir;
  if (record_dir.empty()) {
    const Expected<Registry> registry = load_registry(options.test_dir);
    if (!registry) return Unexpected<Error>(registry.error());
    const Expected<std::string> latest = latest_record_dir(*registry);
    if (!latest) return Unexpected<Error>(latest.error());
    record_dir = *latest;
  }
  const Expected<std::vector<ProcessRecord>> records = read_run_records(record_dir);
  if (!records) return Unexpected<Error>(records.error());
  if (records->empty()) return fail("no test process recorded in " + record_dir);

  const Timeline timeline = lay_out(*records);
  const std::string title = "gtest-kitty timeline: run " + records->front().run_id;
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out << (html ? render_html(timeline, title) : render_svg(timeline, title));
  out.close();
  if (!out) return fail("cannot write " + options.output);
  fmt::print("gtest-kitty timeline: {} ({})\n{}", options.output, record_dir, describe(timeline));
  return 0;
}

}  // namespace kitty::cli
