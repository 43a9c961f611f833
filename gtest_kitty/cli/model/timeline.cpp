#include "cli/model/timeline.h"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
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

constexpr int kWidth = 1200;
constexpr int kLabelWidth = 190;
constexpr int kPlotLeft = kLabelWidth;
constexpr int kPlotWidth = kWidth - kLabelWidth - 20;
constexpr int kTop = 56;
constexpr int kLaneHeight = 30;
constexpr int kBarHeight = 22;

const char* colour_of(ProcessOutcome outcome) {
  switch (outcome) {
    case ProcessOutcome::kPassed:
      return "#43a047";
    case ProcessOutcome::kFailed:
      return "#e53935";
    case ProcessOutcome::kCrashed:
      return "#6a1b9a";
    case ProcessOutcome::kSkipped:
      return "#9e9e9e";
  }
  return "#000";
}

const char* source_of(EndSource source) {
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

const char* word_of(ProcessOutcome outcome) {
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

// Coordinates to a tenth of a pixel: enough for the eye, short in the file.
std::string px(double value) { return fmt::format("{:.1f}", value); }

std::string seconds(long long us) { return fmt::format("{:.3f} s", static_cast<double>(us) / 1e6); }

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

double tick_step(double wall_seconds) {
  const double raw = std::max(wall_seconds, 1e-3) / 8;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 5.0}) {
    if (raw <= factor * power) return factor * power;
  }
  return 10 * power;
}

// The part of a ctest name a bar has room for: its file, cut to fit.
// Room is counted in characters, and a cut never splits one (the SVG must
// stay valid UTF-8).
std::string bar_label(const std::string& name, double width) {
  const std::string label = name.substr(name.find_last_of('/') + 1);
  const size_t room = width > 12 ? static_cast<size_t>((width - 6) / 6.5) : 0;
  std::vector<size_t> starts;  // byte offset of each character
  for (size_t i = 0; i < label.size(); ++i) {
    if ((static_cast<unsigned char>(label[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  if (starts.size() <= room) return label;
  return room > 3 ? label.substr(0, starts[room - 1]) + "…" : "";
}

void add_text(pugi::xml_node parent, double x, double y, const std::string& text,
              const char* extra_class = nullptr) {
  pugi::xml_node node = parent.append_child("text");
  node.append_attribute("x") = px(x).c_str();
  node.append_attribute("y") = px(y).c_str();
  if (extra_class != nullptr) node.append_attribute("class") = extra_class;
  node.text() = text.c_str();
}

void build_svg(pugi::xml_node parent, const Timeline& timeline, const std::string& title) {
  const int height =
      kTop + std::max(timeline.lanes, 1) * kLaneHeight + (timeline.bounding ? 70 : 50);
  pugi::xml_node svg = parent.append_child("svg");
  svg.append_attribute("xmlns") = "http://www.w3.org/2000/svg";
  svg.append_attribute("width") = kWidth;
  svg.append_attribute("height") = height;
  svg.append_attribute("viewBox") = fmt::format("0 0 {} {}", kWidth, height).c_str();
  svg.append_attribute("font-family") = "sans-serif";
  svg.append_attribute("font-size") = 11;
  svg.append_child("style").text() =
      ".title{font-size:14px;font-weight:bold}.axis{fill:#555}.lane{fill:#333}"
      ".bar{fill:#fff}.mark{fill:#b71c1c;font-weight:bold}.grid{stroke:#ddd}.critical{stroke:#"
      "ff9800;stroke-width:3}";
  add_text(svg, 8, 20, title, "title");
  add_text(svg, 8, 38, describe(timeline).substr(0, describe(timeline).find('\n')), "axis");

  const double wall = std::max<double>(static_cast<double>(timeline.wall_us), 1);
  const auto x_of = [wall](long long us) {
    return kPlotLeft + static_cast<double>(us) / wall * kPlotWidth;
  };
  const double step = tick_step(wall / 1e6);
  const int lanes_bottom = kTop + timeline.lanes * kLaneHeight;
  for (double t = 0; t * 1e6 <= wall + 1; t += step) {
    const double x = x_of(static_cast<long long>(t * 1e6));
    pugi::xml_node line = svg.append_child("line");
    line.append_attribute("class") = "grid";
    line.append_attribute("x1") = px(x).c_str();
    line.append_attribute("x2") = px(x).c_str();
    line.append_attribute("y1") = kTop - 4;
    line.append_attribute("y2") = lanes_bottom;
    add_text(svg, x - 8, lanes_bottom + 14, fmt::format("{:g} s", t), "axis");
  }
  for (int lane = 0; lane < timeline.lanes; ++lane) {
    add_text(svg, 8, kTop + lane * kLaneHeight + 15,
             fmt::format("{} {}", timeline.lanes_are_workers ? "worker" : "lane", lane), "lane");
  }
  for (const TimelineBar& bar : timeline.bars) {
    const ProcessRecord& process = *bar.process;
    const double x = x_of(bar.start_us);
    const double width = std::max(x_of(bar.end_us) - x, 1.5);
    const double y = kTop + bar.lane * kLaneHeight;
    pugi::xml_node group = svg.append_child("g");
    pugi::xml_node rect = group.append_child("rect");
    rect.append_attribute("x") = px(x).c_str();
    rect.append_attribute("y") = y;
    rect.append_attribute("width") = px(width).c_str();
    rect.append_attribute("height") = kBarHeight;
    rect.append_attribute("rx") = 3;
    rect.append_attribute("fill") = colour_of(bar.outcome);
    if (bar.critical) rect.append_attribute("class") = "critical";
    group.append_child("title").text() =
        fmt::format("{}\n{}, {}, {} to {}{}{}{}", process.name, word_of(bar.outcome),
                    counted(std::ssize(process.tests), "test"), seconds(bar.start_us),
                    seconds(bar.end_us), source_of(bar.end_source),
                    bar.how.empty() ? "" : "\n" + bar.how,
                    bar.critical ? "\non the critical path" : "")
            .c_str();
    const std::string label = bar_label(process.name, width);
    if (!label.empty()) {
      add_text(group, x + 4, y + 15, label, "bar");
    } else if (bar.outcome == ProcessOutcome::kFailed || bar.outcome == ProcessOutcome::kCrashed) {
      // Too short for its name: a mark beside it, so that it is found.
      add_text(group, x + width + 2, y + 15,
               bar.outcome == ProcessOutcome::kFailed ? "✗ failed" : "✗ crashed", "mark");
    }
  }
  double x = kPlotLeft;
  const double legend_y = lanes_bottom + 34;
  for (const ProcessOutcome outcome : {ProcessOutcome::kPassed, ProcessOutcome::kFailed,
                                       ProcessOutcome::kCrashed, ProcessOutcome::kSkipped}) {
    pugi::xml_node swatch = svg.append_child("rect");
    swatch.append_attribute("x") = px(x).c_str();
    swatch.append_attribute("y") = legend_y - 10;
    swatch.append_attribute("width") = 12;
    swatch.append_attribute("height") = 12;
    swatch.append_attribute("fill") = colour_of(outcome);
    add_text(svg, x + 16, legend_y, word_of(outcome));
    x += 130;
  }
  pugi::xml_node swatch = svg.append_child("rect");
  swatch.append_attribute("x") = px(x).c_str();
  swatch.append_attribute("y") = legend_y - 10;
  swatch.append_attribute("width") = 12;
  swatch.append_attribute("height") = 12;
  swatch.append_attribute("fill") = "#fff";
  swatch.append_attribute("class") = "critical";
  add_text(svg, x + 16, legend_y, "critical path");
  const std::string bounding = describe_bounding(timeline.bounding);
  if (!bounding.empty()) {
    add_text(svg, 8, legend_y + 20, bounding.substr(0, bounding.find('\n')), "mark");
  }
}

std::string to_text(const pugi::xml_document& document, unsigned flags) {
  std::ostringstream out;
  document.save(out, "  ", flags | pugi::format_indent | pugi::format_no_empty_element_tags);
  return out.str();
}

}  // namespace

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

std::string describe(const Timeline& timeline) {
  const double busy = timeline.wall_us > 0 && timeline.lanes > 0
                          ? 100.0 * static_cast<double>(timeline.busy_us) /
                                static_cast<double>(timeline.wall_us * timeline.lanes)
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
      not_passed += fmt::format("  {} {} ({} {}, {} to {}{}){}\n",
                                bar.outcome == ProcessOutcome::kFailed ? "FAILED " : "CRASHED",
                                bar.process->name, timeline.lanes_are_workers ? "worker" : "lane",
                                bar.lane, seconds(bar.start_us), seconds(bar.end_us),
                                source_of(bar.end_source), bar.how.empty() ? "" : ": " + bar.how);
    }
  }
  return fmt::format(
      "{} on {}, wall {}, lanes busy {:.0f}%; {} passed, {} failed, {} crashed, {} "
      "skipped\ncritical path ({}): {}\n{}{}",
      counted(std::ssize(timeline.bars), "process", "processes"),
      counted(timeline.lanes, timeline.lanes_are_workers ? "worker" : "lane"),
      seconds(timeline.wall_us), busy, counts[ProcessOutcome::kPassed],
      counts[ProcessOutcome::kFailed], counts[ProcessOutcome::kCrashed],
      counts[ProcessOutcome::kSkipped], seconds(path_us), path.empty() ? "(none)" : path,
      not_passed, describe_bounding(timeline.bounding));
}

std::string render_svg(const Timeline& timeline, const std::string& title) {
  pugi::xml_document document;
  build_svg(document, timeline, title);
  return to_text(document, 0);
}

std::string render_html(const Timeline& timeline, const std::string& title) {
  pugi::xml_document document;
  pugi::xml_node html = document.append_child("html");
  html.append_attribute("lang") = "en";
  pugi::xml_node head = html.append_child("head");
  head.append_child("meta").append_attribute("charset") = "utf-8";
  head.append_child("title").text() = title.c_str();
  head.append_child("style").text() =
      "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
      "td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #ddd}"
      "td.n{text-align:right}tr.critical{background:#fff3e0}";
  pugi::xml_node body = html.append_child("body");
  body.append_child("h1").text() = title.c_str();
  body.append_child("pre").text() = describe(timeline).c_str();
  build_svg(body, timeline, title);
  body.append_child("h2").text() = "Processes, longest first";
  pugi::xml_node table = body.append_child("table");
  pugi::xml_node header = table.append_child("tr");
  for (const char* column :
       {"ctest test", "lane", "start", "duration", "tests", "outcome", "slowest test"}) {
    header.append_child("th").text() = column;
  }
  std::vector<const TimelineBar*> longest;
  for (const TimelineBar& bar : timeline.bars) longest.push_back(&bar);
  std::stable_sort(longest.begin(), longest.end(), [](const TimelineBar* a, const TimelineBar* b) {
    return a->end_us - a->start_us > b->end_us - b->start_us;
  });
  for (const TimelineBar* bar : longest) {
    pugi::xml_node row = table.append_child("tr");
    if (bar->critical) row.append_attribute("class") = "critical";
    const RecordedTest* slowest = nullptr;
    for (const RecordedTest& test : bar->process->tests) {
      if (slowest == nullptr || test.end_us - test.start_us > slowest->end_us - slowest->start_us) {
        slowest = &test;
      }
    }
    const std::string cells[] = {
        bar->process->name,
        std::to_string(bar->lane),
        seconds(bar->start_us),
        seconds(bar->end_us - bar->start_us),
        std::to_string(bar->process->tests.size()),
        word_of(bar->outcome),
        slowest == nullptr
            ? "-"
            : fmt::format("{} ({})", slowest->name, seconds(slowest->end_us - slowest->start_us))};
    for (size_t i = 0; i < std::size(cells); ++i) {
      pugi::xml_node cell = row.append_child("td");
      if (i >= 1 && i <= 4) cell.append_attribute("class") = "n";
      cell.text() = cells[i].c_str();
    }
  }
  // <meta> is a void element: no end tag in HTML (a self-closing one is
  // fine there, and keeps the page well-formed XML too).
  std::string text = to_text(document, pugi::format_no_declaration);
  const std::string meta = "<meta charset=\"utf-8\"></meta>";
  text.replace(text.find(meta), meta.size(), "<meta charset=\"utf-8\" />");
  return "<!DOCTYPE html>\n" + text;
}

}  // namespace kitty::cli
