// The timeline of a parallel run, from its run records: which process ran
// when, in which worker lane, how it ended, and the critical path (the chain
// of processes, each started by the end of the one before, that decided when
// the run finished). Drawn by timeline_picture.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/adapters/ctest_junit.h"
#include "cli/model/critical_path.h"
#include "cli/model/record_reader.h"

namespace kitty::cli {

enum class ProcessOutcome { kPassed, kFailed, kCrashed, kSkipped };

// Where a bar's end comes from: the launcher's "ended" line or the exit line
// (exact), ctest's duration of the test (a process killed at its TIMEOUT
// writes nothing at its end), else the last line the process wrote (a
// lower bound, labelled so).
enum class EndSource { kRecord, kCtest, kLastLine };

// What ctest knew of the same run: each test's case (duration, status) and
// registered TIMEOUT, by ctest name; either may be empty.
struct CtestTimes {
  std::map<std::string, CtestCase> cases;
  std::map<std::string, double> timeouts;
};

struct TimelineBar {
  const ProcessRecord* process = nullptr;
  int lane = 0;
  long long start_us = 0;  // from the run's first launch
  long long end_us = 0;
  ProcessOutcome outcome = ProcessOutcome::kPassed;
  EndSource end_source = EndSource::kRecord;
  std::string how;      // how it ended, for one that did not pass ("timed out after 2 s")
  std::string died_in;  // the test it died in, when it did
  bool critical = false;
};

// A run split over CI jobs (timeline --shards) is drawn as one group of
// lanes per shard, each from its own first launch: the jobs ran on machines
// of their own, each started when a runner took it.
struct LaneGroup {
  std::string label;  // "job 2 of 3 (--index 1)"
  int first_lane = 0;
  int lanes = 0;  // an empty share still gets one (empty) lane
  long long wall_us = 0;
  size_t processes = 0;
};

struct Timeline {
  std::vector<TimelineBar> bars;  // ordered by start (by group first, when grouped)
  int lanes = 0;
  bool lanes_are_workers = false;        // kitty's worker indexes, else packed from the times
  long long wall_us = 0;                 // first launch to last end
  long long busy_us = 0;                 // sum of the bars
  std::vector<size_t> critical_path;     // indexes into bars, first to last
  std::optional<BoundingUnit> bounding;  // the unit that bounds the run at -j lanes, if one does
  std::vector<LaneGroup> groups;         // empty: one run on one machine
};

ProcessOutcome outcome_of(const ProcessRecord& record);

// The bars point into `records`, which must outlive the timeline.
Timeline lay_out(const std::vector<ProcessRecord>& records, const CtestTimes& ctest = {});

// The shards of one run as one timeline: each shard's lanes after the ones
// before, its bars (and critical path) as laid out alone; the critical path
// of the whole is the slowest shard's. `shards` pairs a label with a shard's
// own timeline; the bars keep pointing into the records those were laid out from.
Timeline join_shards(std::vector<std::pair<std::string, Timeline>> shards);

// A lane's name: "worker 2", "lane 0", or "job 2 worker 0" when grouped.
std::string lane_name(const Timeline& timeline, int lane);

// Words shared by the text and the picture: "1.234 s"; how a bar's end was
// known, when not from the record (" (end: ctest's duration)"); an outcome.
std::string seconds_text(long long us);
const char* end_source_note(EndSource source);
const char* outcome_word(ProcessOutcome outcome);

// For the terminal: lanes, wall time, busy share, outcome counts, the
// critical path, then one line per process that failed or crashed, then the
// unit that bounds the run, when one does (critical_path.h).
std::string describe(const Timeline& timeline);

}  // namespace kitty::cli
