// The timeline of a parallel run, from its run records: which process ran
// when, in which worker lane, how it ended, and the critical path (the chain
// of processes, each started by the end of the one before, that decided when
// the run finished). Rendered as a self-contained SVG, or HTML around it.
#pragma once

#include <string>
#include <vector>

#include "run_record.h"

namespace kitty::cli {

enum class ProcessOutcome { kPassed, kFailed, kCrashed, kSkipped };

struct TimelineBar {
  const ProcessRecord* process = nullptr;
  int lane = 0;
  long long start_us = 0;  // from the run's first launch
  long long end_us = 0;
  ProcessOutcome outcome = ProcessOutcome::kPassed;
  bool critical = false;
};

struct Timeline {
  std::vector<TimelineBar> bars;  // ordered by start
  int lanes = 0;
  bool lanes_are_workers = false;     // kitty's worker indexes, else packed from the times
  long long wall_us = 0;              // first launch to last end
  long long busy_us = 0;              // sum of the bars
  std::vector<size_t> critical_path;  // indexes into bars, first to last
};

ProcessOutcome outcome_of(const ProcessRecord& record);

Timeline lay_out(const std::vector<ProcessRecord>& records);

std::string render_svg(const Timeline& timeline, const std::string& title);
std::string render_html(const Timeline& timeline, const std::string& title);

// Two lines for the terminal: lanes, wall time, busy share, critical path.
std::string describe(const Timeline& timeline);

}  // namespace kitty::cli
