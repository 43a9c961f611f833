#include "cli/model/timeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "cli/counted.h"
#include "cli/model/process_end.h"

namespace kitty::cli {
namespace {

// ctest starts the next test as soon as a slot frees; a start this close
// after an end is taken as caused by it. A process's last record line comes
// a little before its real end (the launcher's clean-up), hence the skew.
constexpr long long kStartedByTolerance = 50'000;
constexpr long long kEndSkew = 2'000;

// Lanes from kitty's worker indexes, when every process has one and no two
// processes of a worker overlap; nullopt otherwise.
bool lanes_from_workers(Timeline& timeline) {
  std::map<int, int> lane_of_worker;
  std::map<int, long long> worker_end;
  for (const TimelineBar& bar : timeline.bars) {
    const ProcessRecord& process = *bar.process;
    if (process.worker < 0) return false;
    const auto end = worker_end.find(process.worker);
    // The worker is leased after launch: compare from the process's start.
    const long long start = bar.start_us + (process.start_us - process.launched_us);
    if (end != worker_end.end() && start < end->second) return false;
    worker_end[process.worker] = bar.end_us;
    lane_of_worker.emplace(process.worker, 0);
  }
  int lane = 0;
  for (auto& [worker, index] : lane_of_worker) index = lane++;
  for (TimelineBar& bar : timeline.bars) bar.lane = lane_of_worker.at(bar.process->worker);
  timeline.lanes = lane;
  return true;
}

// Lanes packed from the times: each process in the first lane free at its start.
void pack_lanes(Timeline& timeline) {
  std::vector<long long> lane_end;
  for (TimelineBar& bar : timeline.bars) {
    size_t lane = 0;
    while (lane < lane_end.size() && lane_end[lane] > bar.start_us) ++lane;
    if (lane == lane_end.size()) lane_end.push_back(0);
    lane_end[lane] = bar.end_us;
    bar.lane = static_cast<int>(lane);
  }
  timeline.lanes = static_cast<int>(lane_end.size());
}

// From the process that ended last, back through the process whose end
// started each one, for as long as one did.
void find_critical_path(Timeline& timeline) {
  if (timeline.bars.empty()) return;
  size_t current = 0;
  for (size_t i = 0; i < timeline.bars.size(); ++i) {
    if (timeline.bars[i].end_us > timeline.bars[current].end_us) current = i;
  }
  std::vector<size_t> path = {current};
  while (true) {
    const long long start = timeline.bars[current].start_us;
    std::optional<size_t> cause;
    for (size_t i = 0; i < timeline.bars.size(); ++i) {
      const TimelineBar& bar = timeline.bars[i];
      if (i == current || bar.end_us > start + kEndSkew) continue;
      if (bar.end_us < start - kStartedByTolerance) continue;
      if (!cause || bar.end_us > timeline.bars[*cause].end_us) cause = i;
    }
    if (!cause || std::find(path.begin(), path.end(), *cause) != path.end()) break;
    path.push_back(*cause);
    current = *cause;
  }
  std::reverse(path.begin(), path.end());
  for (const size_t index : path) timeline.bars[index].critical = true;
  timeline.critical_path = std::move(path);
}

}  // namespace

const char* end_source_note(EndSource source) {
  switch (source) {
    case EndSource::kRecord:
      return "";
    case EndSource::kCtest:
      return " (end: ctest's duration)";
    case EndSource::kLastLine:
      return " (end: its last record line; it may have run longer)";
  }
  return "";
}

const char* outcome_word(ProcessOutcome outcome) {
  switch (outcome) {
    case ProcessOutcome::kPassed:
      return "passed";
    case ProcessOutcome::kFailed:
      return "failed";
    case ProcessOutcome::kCrashed:
      return "crashed or killed";
    case ProcessOutcome::kSkipped:
      return "skipped";
  }
  return "";
}

std::string seconds_text(long long us) {
  return fmt::format("{:.3f} s", static_cast<double>(us) / 1e6);
}

ProcessOutcome outcome_of(const ProcessRecord& record) {
  if (!record.exited) return ProcessOutcome::kCrashed;
  if (record.ended && (record.ended->by != EndedBy::kExit || record.ended->premature)) {
    return ProcessOutcome::kCrashed;
  }
  bool any_ran = false;
  for (const RecordedTest& test : record.tests) {
    if (test.result == TestResult::kFailed || test.result == TestResult::kInterrupted) {
      return ProcessOutcome::kFailed;
    }
    any_ran |= test.result == TestResult::kPassed;
  }
  if (record.failed) return ProcessOutcome::kFailed;
  return any_ran ? ProcessOutcome::kPassed : ProcessOutcome::kSkipped;
}

Timeline lay_out(const std::vector<ProcessRecord>& records, const CtestTimes& ctest) {
  Timeline timeline;
  if (records.empty()) return timeline;
  long long first = records.front().launched_us;
  for (const ProcessRecord& record : records) first = std::min(first, record.launched_us);
  long long last = first;
  for (const ProcessRecord& record : records) {
    TimelineBar bar;
    bar.process = &record;
    bar.start_us = record.launched_us - first;
    const auto found = ctest.cases.find(record.name);
    const CtestCase* ctest_case = found == ctest.cases.end() ? nullptr : &found->second;
    long long end_us = record.end_us;
    if (record.ended) {
      end_us = std::max(end_us, record.ended->t);
    } else if (!record.exited && ctest_case != nullptr) {
      // ctest timed its test from the launch: where a killed process ended.
      end_us =
          std::max(end_us, record.launched_us + static_cast<long long>(ctest_case->seconds * 1e6));
      bar.end_source = EndSource::kCtest;
    } else if (!record.exited) {
      bar.end_source = EndSource::kLastLine;
    }
    bar.end_us = std::max(end_us, record.launched_us) - first;
    last = std::max(last, end_us);
    bar.outcome = outcome_of(record);
    if (bar.outcome == ProcessOutcome::kCrashed || bar.outcome == ProcessOutcome::kFailed) {
      const auto timeout = ctest.timeouts.find(record.name);
      const ProcessEndText end = describe_end(
          &record, {ctest_case, "", timeout == ctest.timeouts.end() ? 0 : timeout->second});
      bar.died_in = end.died_in;
      if (bar.outcome == ProcessOutcome::kCrashed || end.crashed) {
        bar.outcome = ProcessOutcome::kCrashed;
        bar.how = end.how + (end.died_in.empty() ? "" : " in " + end.died_in);
      } else {
        for (const RecordedTest& test : record.tests) {
          if (test.result == TestResult::kFailed) {
            bar.how = "failed: " + test.name;
            break;
          }
        }
      }
    }
    timeline.busy_us += bar.end_us - bar.start_us;
    timeline.bars.push_back(bar);
  }
  std::sort(timeline.bars.begin(), timeline.bars.end(),
            [](const TimelineBar& a, const TimelineBar& b) { return a.start_us < b.start_us; });
  timeline.wall_us = last - first;
  timeline.lanes_are_workers = lanes_from_workers(timeline);
  if (!timeline.lanes_are_workers) pack_lanes(timeline);
  find_critical_path(timeline);
  std::vector<UnitTime> units;
  for (const TimelineBar& bar : timeline.bars) {
    units.push_back(unit_times_of({*bar.process}).front());
    units.back().seconds = static_cast<double>(bar.end_us - bar.start_us) / 1e6;
  }
  timeline.bounding = find_bounding_unit(units, timeline.lanes);
  return timeline;
}

std::string lane_name(const Timeline& timeline, int lane) {
  const char* word = timeline.lanes_are_workers ? "worker" : "lane";
  for (const LaneGroup& group : timeline.groups) {
    if (lane >= group.first_lane && lane < group.first_lane + group.lanes) {
      return fmt::format("{} {} {}", group.label.substr(0, group.label.find(" of ")), word,
                         lane - group.first_lane);
    }
  }
  return fmt::format("{} {}", word, lane);
}

std::string describe(const Timeline& timeline) {
  // An empty share's lane is drawn, but no worker ran in it.
  int lanes = timeline.lanes;
  for (const LaneGroup& group : timeline.groups) lanes -= group.processes == 0 ? group.lanes : 0;
  const double busy = timeline.wall_us > 0 && lanes > 0
                          ? 100.0 * static_cast<double>(timeline.busy_us) /
                                static_cast<double>(timeline.wall_us * lanes)
                          : 0;
  std::string path;
  long long path_us = 0;
  for (const size_t index : timeline.critical_path) {
    const TimelineBar& bar = timeline.bars[index];
    path += (path.empty() ? "" : " -> ") + bar.process->name;
    path_us += bar.end_us - bar.start_us;
  }
  std::map<ProcessOutcome, int> counts;
  std::string not_passed;
  for (const TimelineBar& bar : timeline.bars) {
    ++counts[bar.outcome];
    if (bar.outcome == ProcessOutcome::kFailed || bar.outcome == ProcessOutcome::kCrashed) {
      not_passed += fmt::format(
          "  {} {} ({}, {} to {}{}){}\n",
          bar.outcome == ProcessOutcome::kFailed ? "FAILED " : "CRASHED", bar.process->name,
          lane_name(timeline, bar.lane), seconds_text(bar.start_us), seconds_text(bar.end_us),
          end_source_note(bar.end_source), bar.how.empty() ? "" : ": " + bar.how);
    }
  }
  std::string shards;
  for (const LaneGroup& group : timeline.groups) {
    shards += fmt::format("{}: {}, wall {}{}\n", group.label,
                          counted(static_cast<long long>(group.processes), "process", "processes"),
                          seconds_text(group.wall_us),
                          group.wall_us == timeline.wall_us ? " (the slowest job)" : "");
  }
  return fmt::format(
      "{} on {}, wall {}, lanes busy {:.0f}%; {} passed, {} failed, {} crashed, {} "
      "skipped\n{}critical path ({}): {}\n{}{}",
      counted(std::ssize(timeline.bars), "process", "processes"),
      counted(lanes, timeline.lanes_are_workers ? "worker" : "lane"),
      seconds_text(timeline.wall_us), busy, counts[ProcessOutcome::kPassed],
      counts[ProcessOutcome::kFailed], counts[ProcessOutcome::kCrashed],
      counts[ProcessOutcome::kSkipped], shards, seconds_text(path_us),
      path.empty() ? "(none)" : path, not_passed, describe_bounding(timeline.bounding));
}

}  // namespace kitty::cli
