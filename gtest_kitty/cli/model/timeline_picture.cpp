#include "cli/model/timeline_picture.h"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cli/counted.h"

namespace kitty::cli {
namespace {

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

// Coordinates to a tenth of a pixel: enough for the eye, short in the file.
std::string px(double value) { return fmt::format("{:.1f}", value); }

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
      ".bar{fill:#fff}.mark{fill:#b71c1c;font-weight:bold}.grid{stroke:#ddd}.shard{stroke:#555;"
      "stroke-dasharray:4 3}.critical{stroke:#"
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
    add_text(svg, 8, kTop + lane * kLaneHeight + 15, lane_name(timeline, lane), "lane");
  }
  // Each shard's lanes apart from the next one's, its wall at the end.
  for (const LaneGroup& group : timeline.groups) {
    const int y = kTop + group.first_lane * kLaneHeight - 4;
    if (group.first_lane > 0) {
      pugi::xml_node line = svg.append_child("line");
      line.append_attribute("class") = "shard";
      line.append_attribute("x1") = 4;
      line.append_attribute("x2") = kWidth - 4;
      line.append_attribute("y1") = y;
      line.append_attribute("y2") = y;
    }
    if (group.processes == 0) {
      add_text(svg, kPlotLeft + 4, y + 19, group.label + ": empty share, nothing ran", "axis");
    }
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
        fmt::format("{}\n{}, {}, {} to {}{}{}{}", process.name, outcome_word(bar.outcome),
                    counted(std::ssize(process.tests), "test"), seconds_text(bar.start_us),
                    seconds_text(bar.end_us), end_source_note(bar.end_source),
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
    add_text(svg, x + 16, legend_y, outcome_word(outcome));
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
  for (const char* column : {"ctest test", timeline.groups.empty() ? "lane" : "job lane", "start",
                             "duration", "tests", "outcome", "slowest test"}) {
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
        timeline.groups.empty() ? std::to_string(bar->lane) : lane_name(timeline, bar->lane),
        seconds_text(bar->start_us),
        seconds_text(bar->end_us - bar->start_us),
        std::to_string(bar->process->tests.size()),
        outcome_word(bar->outcome),
        slowest == nullptr ? "-"
                           : fmt::format("{} ({})", slowest->name,
                                         seconds_text(slowest->end_us - slowest->start_us))};
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
