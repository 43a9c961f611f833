// The timeline of a parallel run, from hand-made run records: lanes (kitty's
// workers, else packed), the critical path, outcomes, wall and busy time,
// and the SVG and HTML it is drawn as.
#include "cli/model/timeline.h"
#include "cli/model/timeline_picture.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <map>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace kitty::cli {
namespace {

using Strings = std::vector<std::string>;

// Times are in milliseconds after an arbitrary epoch: the records hold
// microseconds since the Unix epoch, as the test processes write them.
constexpr long long kEpoch = 1'700'000'000'000'000;
constexpr long long ms(long long value) { return value * 1000; }

// A process that ran one passing test from `from` to `to` (ms).
ProcessRecord process(const std::string& name, int worker, long long from, long long to) {
  ProcessRecord record;
  record.name = name;
  record.worker = worker;
  record.launched_us = kEpoch + ms(from);
  record.start_us = record.launched_us + 300;  // the binary starts a little after its launcher
  record.end_us = kEpoch + ms(to);
  record.exited = true;
  RecordedTest test;
  test.name = name + ".Works";
  test.result = TestResult::kPassed;
  test.start_us = record.start_us;
  test.end_us = record.end_us;
  record.tests.push_back(test);
  return record;
}

RecordedTest recorded(const std::string& name, TestResult result) {
  RecordedTest test;
  test.name = name;
  test.result = result;
  return test;
}

const TimelineBar& bar_of(const Timeline& timeline, const std::string& name) {
  for (const TimelineBar& bar : timeline.bars) {
    if (bar.process->name == name) return bar;
  }
  throw std::runtime_error("no bar for " + name);
}

Strings critical_names(const Timeline& timeline) {
  Strings names;
  for (const size_t index : timeline.critical_path) {
    names.push_back(timeline.bars.at(index).process->name);
  }
  return names;
}

// No two bars of one lane overlap (touching is fine), and every lane exists.
void expect_no_overlap_in_a_lane(const Timeline& timeline) {
  for (size_t i = 0; i < timeline.bars.size(); ++i) {
    const TimelineBar& a = timeline.bars[i];
    EXPECT_GE(a.lane, 0);
    EXPECT_LT(a.lane, timeline.lanes);
    for (size_t j = i + 1; j < timeline.bars.size(); ++j) {
      const TimelineBar& b = timeline.bars[j];
      if (a.lane != b.lane) continue;
      EXPECT_TRUE(a.end_us <= b.start_us || b.end_us <= a.start_us)
          << a.process->name << " and " << b.process->name << " overlap in lane " << a.lane;
    }
  }
}

TEST(LayOutLanes, KittyWorkersAreTheLanesWhenConsistent) {
  // Workers 3 and 7 (indexes of a run that has had more): compacted to 0 and 1
  // by index, not by which appears first.
  const std::vector<ProcessRecord> records = {process("b", 7, 0, 80), process("a", 3, 5, 100),
                                              process("d", 7, 90, 150), process("c", 3, 110, 200)};
  const Timeline timeline = lay_out(records);
  EXPECT_TRUE(timeline.lanes_are_workers);
  EXPECT_EQ(timeline.lanes, 2);
  EXPECT_EQ(bar_of(timeline, "a").lane, 0);
  EXPECT_EQ(bar_of(timeline, "c").lane, 0);
  EXPECT_EQ(bar_of(timeline, "b").lane, 1);
  EXPECT_EQ(bar_of(timeline, "d").lane, 1);
  expect_no_overlap_in_a_lane(timeline);
}

TEST(LayOutLanes, BarsAreOrderedByStart) {
  const std::vector<ProcessRecord> records = {process("late", 0, 50, 90),
                                              process("early", 1, 0, 40)};
  const Timeline timeline = lay_out(records);
  ASSERT_EQ(timeline.bars.size(), 2u);
  EXPECT_EQ(timeline.bars[0].process->name, "early");
  EXPECT_EQ(timeline.bars[1].process->name, "late");
}

TEST(LayOutLanes, OverlappingProcessesOfOneWorkerArePackedInstead) {
  const std::vector<ProcessRecord> records = {process("a", 0, 0, 100), process("b", 0, 50, 150),
                                              process("c", 1, 0, 40)};
  const Timeline timeline = lay_out(records);
  EXPECT_FALSE(timeline.lanes_are_workers);
  EXPECT_EQ(timeline.lanes, 2);
  expect_no_overlap_in_a_lane(timeline);
}

TEST(LayOutLanes, ProcessesWithoutWorkersArePackedIntoTheFewestLanes) {
  // At most three run at once (c, d and e at 110 ms): three lanes.
  const std::vector<ProcessRecord> records = {process("a", -1, 0, 100), process("b", -1, 10, 60),
                                              process("c", -1, 60, 120), process("d", -1, 100, 180),
                                              process("e", -1, 110, 130)};
  const Timeline timeline = lay_out(records);
  EXPECT_FALSE(timeline.lanes_are_workers);
  EXPECT_EQ(timeline.lanes, 3);
  expect_no_overlap_in_a_lane(timeline);
}

TEST(LayOutLanes, SerialProcessesWithoutWorkersShareOneLane) {
  const std::vector<ProcessRecord> records = {process("a", -1, 0, 100), process("b", -1, 100, 150),
                                              process("c", -1, 150, 160)};
  const Timeline timeline = lay_out(records);
  EXPECT_EQ(timeline.lanes, 1);
  expect_no_overlap_in_a_lane(timeline);
}

TEST(LayOutLanes, OneProcessWithoutAWorkerMeansPacking) {
  const std::vector<ProcessRecord> records = {process("a", 0, 0, 100), process("b", -1, 0, 100),
                                              process("c", 1, 0, 100)};
  const Timeline timeline = lay_out(records);
  EXPECT_FALSE(timeline.lanes_are_workers);
  EXPECT_EQ(timeline.lanes, 3);
  expect_no_overlap_in_a_lane(timeline);
}

TEST(LayOutCriticalPath, AChainStartedByEndsIsThePathAndAShorterParallelProcessIsNot) {
  // b starts 1 ms after a ends; c runs beside them and ends before b.
  const std::vector<ProcessRecord> records = {process("a", 0, 0, 100), process("b", 0, 101, 300),
                                              process("c", 1, 0, 150)};
  const Timeline timeline = lay_out(records);
  EXPECT_EQ(critical_names(timeline), (Strings{"a", "b"}));
  EXPECT_TRUE(bar_of(timeline, "a").critical);
  EXPECT_TRUE(bar_of(timeline, "b").critical);
  EXPECT_FALSE(bar_of(timeline, "c").critical);
  EXPECT_NE(describe(timeline).find("critical path (0.299 s): a -> b"), std::string::npos)
      << describe(timeline);
}

TEST(LayOutCriticalPath, TheChainStopsAtAProcessStartedLongAfterAnythingEnded) {
  // c started 200 ms after b ended: nothing's end started it.
  const std::vector<ProcessRecord> records = {process("a", 0, 0, 100), process("b", 0, 101, 200),
                                              process("c", 0, 400, 500)};
  const Timeline timeline = lay_out(records);
  EXPECT_EQ(critical_names(timeline), Strings{"c"});
  EXPECT_FALSE(bar_of(timeline, "a").critical);
  EXPECT_FALSE(bar_of(timeline, "b").critical);
}

TEST(LayOutCriticalPath, StartsFromTheProcessThatEndedLast) {
  const std::vector<ProcessRecord> records = {process("short", 0, 0, 50),
                                              process("long", 1, 0, 900)};
  EXPECT_EQ(critical_names(lay_out(records)), Strings{"long"});
}

TEST(LayOutCriticalPath, TheLatestEndBeforeAStartIsItsCause) {
  // Both a and c ended shortly before b started: c, which ended last, freed the slot.
  const std::vector<ProcessRecord> records = {process("a", 0, 0, 90), process("c", 1, 0, 99),
                                              process("b", 1, 100, 300)};
  EXPECT_EQ(critical_names(lay_out(records)), (Strings{"c", "b"}));
}

TEST(LayOutCriticalPath, AnEndRecordedJustAfterTheStartStillCounts) {
  // A process's last line comes before its launcher is done: an end 1 ms
  // after b's start is within the skew, one 10 ms after is not.
  const std::vector<ProcessRecord> within = {process("a", 0, 0, 101), process("b", 1, 100, 300)};
  EXPECT_EQ(critical_names(lay_out(within)), (Strings{"a", "b"}));
  const std::vector<ProcessRecord> beyond = {process("a", 0, 0, 110), process("b", 1, 100, 300)};
  EXPECT_EQ(critical_names(lay_out(beyond)), Strings{"b"});
}

TEST(ProcessOutcomes, NoExitLineIsACrash) {
  ProcessRecord record = process("a", 0, 0, 10);
  record.exited = false;
  EXPECT_EQ(outcome_of(record), ProcessOutcome::kCrashed);
  record.tests.push_back(recorded("T.Died", TestResult::kInterrupted));
  EXPECT_EQ(outcome_of(record), ProcessOutcome::kCrashed);
}

TEST(ProcessOutcomes, AFailedTestFailsTheProcess) {
  ProcessRecord record = process("a", 0, 0, 10);
  record.tests.push_back(recorded("T.Fails", TestResult::kFailed));
  record.tests.push_back(recorded("T.Passes", TestResult::kPassed));
  EXPECT_EQ(outcome_of(record), ProcessOutcome::kFailed);
}

TEST(ProcessOutcomes, AFailureOutsideTestsFailsTheProcess) {
  ProcessRecord record = process("a", 0, 0, 10);
  record.failed = true;
  EXPECT_EQ(outcome_of(record), ProcessOutcome::kFailed);
}

TEST(ProcessOutcomes, NoPassingTestIsSkipped) {
  ProcessRecord record = process("a", 0, 0, 10);
  record.tests = {recorded("T.One", TestResult::kSkipped), recorded("T.Two", TestResult::kSkipped)};
  EXPECT_EQ(outcome_of(record), ProcessOutcome::kSkipped);
  record.tests.clear();
  EXPECT_EQ(outcome_of(record), ProcessOutcome::kSkipped);
}

TEST(ProcessOutcomes, OnePassingTestAmongSkippedPasses) {
  ProcessRecord record = process("a", 0, 0, 10);
  record.tests.push_back(recorded("T.Skipped", TestResult::kSkipped));
  EXPECT_EQ(outcome_of(record), ProcessOutcome::kPassed);
}

TEST(ProcessOutcomes, BarsCarryTheirProcessOutcome) {
  std::vector<ProcessRecord> records = {process("passed", 0, 0, 10), process("crashed", 1, 0, 10)};
  records[1].exited = false;
  const Timeline timeline = lay_out(records);
  EXPECT_EQ(bar_of(timeline, "passed").outcome, ProcessOutcome::kPassed);
  EXPECT_EQ(bar_of(timeline, "crashed").outcome, ProcessOutcome::kCrashed);
}

TEST(LayOutTimes, WallIsFirstLaunchToLastEndAndBusyIsTheSumOfTheBars) {
  const std::vector<ProcessRecord> records = {process("a", 0, 10, 110), process("b", 1, 30, 60)};
  const Timeline timeline = lay_out(records);
  EXPECT_EQ(timeline.wall_us, ms(100));
  EXPECT_EQ(timeline.busy_us, ms(130));
  EXPECT_EQ(bar_of(timeline, "a").start_us, 0);
  EXPECT_EQ(bar_of(timeline, "a").end_us, ms(100));
  EXPECT_EQ(bar_of(timeline, "b").start_us, ms(20));
  EXPECT_EQ(bar_of(timeline, "b").end_us, ms(50));
  // 130 ms busy of 2 lanes x 100 ms.
  EXPECT_NE(describe(timeline).find("2 processes on 2 workers, wall 0.100 s, lanes busy 65%"),
            std::string::npos)
      << describe(timeline);
}

// A process killed at its ctest TIMEOUT after 2 s: its record stops at the
// start of the test it hung in, 5 ms after launch.
ProcessRecord hung(const std::string& name, int worker, long long from) {
  ProcessRecord record = process(name, worker, from, from + 5);
  record.exited = false;
  record.tests.front().result = TestResult::kInterrupted;
  record.tests.front().name = "Hang.WhenAsked";
  return record;
}

TEST(LayOutTimes, AProcessKilledAtItsTimeoutIsDrawnToTheKillByCtestsDuration) {
  const std::vector<ProcessRecord> records = {hung("hang", 0, 0), process("quick", 1, 0, 3),
                                              process("after", 1, 3, 100)};
  CtestTimes ctest;
  ctest.cases["hang"] = CtestCase{"hang", CtestStatus::kFailed, 2.0, ""};
  ctest.timeouts["hang"] = 2;
  const Timeline timeline = lay_out(records, ctest);
  const TimelineBar& bar = bar_of(timeline, "hang");
  EXPECT_EQ(bar.end_us, ms(2000));
  EXPECT_EQ(bar.end_source, EndSource::kCtest);
  EXPECT_EQ(bar.outcome, ProcessOutcome::kCrashed);
  EXPECT_EQ(bar.how, "timed out after 2 s (its ctest TIMEOUT) in Hang.WhenAsked");
  EXPECT_EQ(timeline.wall_us, ms(2000));
  // 2000 + 3 + 97 ms of 2 lanes x 2000 ms: the busy share counts the hang.
  const std::string text = describe(timeline);
  EXPECT_NE(text.find("lanes busy 52%; 2 passed, 0 failed, 1 crashed, 0 skipped"),
            std::string::npos)
      << text;
  // The run ended when the hang was killed: it alone is the critical path.
  EXPECT_EQ(critical_names(timeline), Strings{"hang"});
  EXPECT_NE(text.find("  CRASHED hang (worker 0, 0.000 s to 2.000 s (end: ctest's duration)): "
                      "timed out after 2 s (its ctest TIMEOUT) in Hang.WhenAsked\n"),
            std::string::npos)
      << text;
}

TEST(LayOutTimes, TheLaunchersEndedLineGivesTheEnd) {
  ProcessRecord record = hung("hang", 0, 0);
  record.ended = ProcessEnd{EndedBy::kKilled, 0, 9, "SIGKILL", false, 0, kEpoch + ms(2010)};
  const std::vector<ProcessRecord> records = {record};  // the bars point into it
  const Timeline timeline = lay_out(records);
  EXPECT_EQ(bar_of(timeline, "hang").end_us, ms(2010));
  EXPECT_EQ(bar_of(timeline, "hang").end_source, EndSource::kRecord);
}

TEST(LayOutTimes, WithoutAnEndTheLastLineIsLabelledAsSuch) {
  const std::vector<ProcessRecord> records = {hung("hang", 0, 0)};  // the bars point into it
  const Timeline timeline = lay_out(records);
  EXPECT_EQ(bar_of(timeline, "hang").end_us, ms(5));
  EXPECT_EQ(bar_of(timeline, "hang").end_source, EndSource::kLastLine);
  EXPECT_NE(describe(timeline).find("(end: its last record line; it may have run longer)"),
            std::string::npos)
      << describe(timeline);
  EXPECT_NE(render_svg(timeline, "t").find("its last record line"), std::string::npos);
}

TEST(RenderSvg, AShortFailedOrCrashedBarIsMarkedBesideIt) {
  ProcessRecord failed = process("faults_tests/broken_test.cpp", 0, 0, 1);
  failed.tests.front().result = TestResult::kFailed;
  failed.failed = true;
  const std::vector<ProcessRecord> records = {failed, process("long", 1, 0, 5000),
                                              hung("hang", 0, 10)};
  const Timeline timeline = lay_out(records);
  const std::string svg = render_svg(timeline, "marks");
  EXPECT_NE(svg.find(">✗ failed<"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">✗ crashed<"), std::string::npos) << svg;
  EXPECT_NE(describe(timeline).find("  FAILED  faults_tests/broken_test.cpp (worker 0, 0.000 s to "
                                    "0.001 s): failed: faults_tests/broken_test.cpp.Works\n"),
            std::string::npos)
      << describe(timeline);
}

TEST(LayOutTimes, NoRecordsMakeAnEmptyTimeline) {
  const Timeline timeline = lay_out({});
  EXPECT_TRUE(timeline.bars.empty());
  EXPECT_EQ(timeline.lanes, 0);
  EXPECT_EQ(timeline.wall_us, 0);
  EXPECT_TRUE(timeline.critical_path.empty());
}

// The bar groups of an SVG: each <g> holds a process's <rect> and <title>.
pugi::xpath_node_set bars_of(const pugi::xml_document& document) {
  return document.select_nodes("/svg/g[rect]");
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// a, then b started by a's end; c beside them, failed; d crashed.
std::vector<ProcessRecord> four_processes() {
  std::vector<ProcessRecord> records = {process("a", 0, 0, 100), process("b", 0, 101, 300),
                                        process("c", 1, 0, 150), process("d", 1, 151, 200)};
  records[2].tests.push_back(recorded("c.Fails", TestResult::kFailed));
  records[3].exited = false;
  return records;
}

TEST(RenderSvg, ParsesAsXmlWithOneBarPerProcessAndTheCriticalOnesMarked) {
  const std::vector<ProcessRecord> records = four_processes();
  const Timeline timeline = lay_out(records);
  ASSERT_EQ(critical_names(timeline), (Strings{"a", "b"}));
  const std::string svg = render_svg(timeline, "run 42");
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_string(svg.c_str());
  ASSERT_TRUE(parsed) << parsed.description() << "\n" << svg;
  ASSERT_TRUE(document.child("svg"));
  EXPECT_STREQ(document.child("svg").attribute("xmlns").value(), "http://www.w3.org/2000/svg");

  const pugi::xpath_node_set bars = bars_of(document);
  ASSERT_EQ(bars.size(), records.size()) << svg;
  std::set<std::string> critical;
  std::map<std::string, std::string> fill;
  for (const pugi::xpath_node& node : bars) {
    const pugi::xml_node group = node.node();
    EXPECT_EQ(group.select_nodes("rect").size(), 1u);
    const std::string name = first_line(group.child("title").text().get());
    fill[name] = group.child("rect").attribute("fill").value();
    if (std::string(group.child("rect").attribute("class").value()) == "critical") {
      critical.insert(name);
    }
  }
  EXPECT_EQ(critical, (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(fill, (std::map<std::string, std::string>{
                      {"a", "#43a047"}, {"b", "#43a047"}, {"c", "#e53935"}, {"d", "#6a1b9a"}}));
  EXPECT_NE(svg.find("run 42"), std::string::npos);
  EXPECT_NE(svg.find(">worker 1<"), std::string::npos) << svg;
}

TEST(RenderSvg, PackedLanesAreNotCalledWorkers) {
  const std::vector<ProcessRecord> records = {process("a", -1, 0, 100), process("b", -1, 0, 100)};
  const std::string svg = render_svg(lay_out(records), "packed");
  EXPECT_NE(svg.find(">lane 1<"), std::string::npos) << svg;
  EXPECT_EQ(svg.find(">worker "), std::string::npos) << svg;
}

TEST(RenderSvg, EscapesNamesAndTitle) {
  const std::string name = "odd/<name> & \"quoted\"";
  const std::vector<ProcessRecord> records = {process(name, 0, 0, 100)};
  const std::string title = "run <1> & \"two\"";
  const std::string svg = render_svg(lay_out(records), title);
  EXPECT_EQ(svg.find("<name>"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("<1>"), std::string::npos) << svg;
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_string(svg.c_str());
  ASSERT_TRUE(parsed) << parsed.description() << "\n" << svg;
  const pugi::xpath_node_set bars = bars_of(document);
  ASSERT_EQ(bars.size(), 1u);
  EXPECT_EQ(first_line(bars.first().node().child("title").text().get()), name);
  EXPECT_TRUE(document.select_node("//text[@class='title']"));
  EXPECT_EQ(std::string(document.select_node("//text[@class='title']").node().text().get()), title);
}

bool valid_utf8(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    if (i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
    }
    i += length;
  }
  return true;
}

TEST(RenderSvg, KeepsAUnicodeNameThatFitsWhole) {
  const std::string name =
      "features_tests/dir with space/\xC3\xBCn\xC3\xAF"
      "code test.cpp";
  const std::vector<ProcessRecord> records = {process(name, 0, 0, 1000)};
  const std::string svg = render_svg(lay_out(records), "utf-8");
  EXPECT_TRUE(valid_utf8(svg));
  EXPECT_NE(svg.find(">\xC3\xBCn\xC3\xAF"
                     "code test.cpp<"),
            std::string::npos)
      << svg;
}

// The label of a narrow bar is cut to a number of characters, never inside
// one: here the "ï" of a ctest name the features sample has. A cut byte
// sequence would leave the SVG invalid UTF-8, which a browser draws nothing of.
TEST(RenderSvg, CutsLabelsOnCharacterBoundaries) {
  // 40 ms of a 1 s run: a bar about 40 px wide, room for 5 characters.
  const std::vector<ProcessRecord> records = {
      process("features_tests/dir with space/\xC3\xBCn\xC3\xAF"
              "code test.cpp",
              0, 0, 40),
      process("long", 1, 0, 1000)};
  const std::string svg = render_svg(lay_out(records), "utf-8");
  EXPECT_TRUE(valid_utf8(svg)) << svg;
}

TEST(RenderSvg, AnEmptyTimelineStillParses) {
  const std::string svg = render_svg(lay_out({}), "nothing");
  pugi::xml_document document;
  EXPECT_TRUE(document.load_string(svg.c_str())) << svg;
  EXPECT_EQ(bars_of(document).size(), 0u);
}

// The HTML after its doctype, parsed as the XML it is written as.
pugi::xml_parse_result parse_html(const std::string& html, pugi::xml_document& document) {
  const std::string doctype = "<!DOCTYPE html>";
  return document.load_string(html.substr(html.find(doctype) + doctype.size()).c_str());
}

// "<td />" is read by a browser as an open <td>: only void elements (and
// SVG's, which are foreign content) may be written self-closed.
Strings self_closed_non_void_elements(const std::string& html) {
  static const std::set<std::string> allowed = {"area",   "base",  "br",    "col",  "embed",
                                                "hr",     "img",   "input", "link", "meta",
                                                "source", "track", "wbr",   "rect", "line"};
  Strings found;
  const std::regex self_closed(R"(<([A-Za-z][A-Za-z0-9-]*)[^<>]*/>)");
  for (auto match = std::sregex_iterator(html.begin(), html.end(), self_closed);
       match != std::sregex_iterator(); ++match) {
    if (allowed.count((*match)[1].str()) == 0) found.push_back((*match)[0].str());
  }
  return found;
}

TEST(RenderHtml, IsAnHtmlDocumentWithTheSvgAndATableRowPerProcess) {
  const std::vector<ProcessRecord> records = four_processes();
  const Timeline timeline = lay_out(records);
  const std::string html = render_html(timeline, "run 42");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u) << html.substr(0, 200);
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = parse_html(html, document);
  ASSERT_TRUE(parsed) << parsed.description() << "\n" << html;
  EXPECT_TRUE(document.select_node("/html/head/title"));
  EXPECT_EQ(document.select_nodes("/html/body/svg/g[rect]").size(), records.size());
  // The header and one row per process, the critical ones marked.
  EXPECT_EQ(document.select_nodes("//table/tr").size(), records.size() + 1);
  EXPECT_EQ(document.select_nodes("//table/tr[@class='critical']").size(), 2u);
  // Longest first: b (199 ms), c (150 ms), a (100 ms), d (49 ms).
  Strings order;
  for (const pugi::xpath_node& row : document.select_nodes("//table/tr[td]")) {
    order.push_back(row.node().child("td").text().get());
  }
  EXPECT_EQ(order, (Strings{"b", "c", "a", "d"}));
  EXPECT_EQ(self_closed_non_void_elements(html), Strings{});
}

TEST(RenderHtml, EmptyCellsAndTitlesAreNotSelfClosed) {
  // A process without a name and a run without a title leave elements empty.
  std::vector<ProcessRecord> records = {process("", 0, 0, 100), process("b", 1, 0, 50)};
  records[1].tests.clear();
  const std::string html = render_html(lay_out(records), "");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(self_closed_non_void_elements(html), Strings{}) << html;
  EXPECT_EQ(html.find("<td />"), std::string::npos);
  EXPECT_EQ(html.find("<div />"), std::string::npos);
  pugi::xml_document document;
  EXPECT_TRUE(parse_html(html, document)) << html;
}

TEST(RenderHtml, EscapesNames) {
  const std::string name = "a<b> & \"c\"";
  const std::vector<ProcessRecord> records = {process(name, 0, 0, 100)};
  const std::string html = render_html(lay_out(records), "run <x>");
  EXPECT_EQ(html.find("a<b>"), std::string::npos);
  EXPECT_EQ(html.find("<x>"), std::string::npos);
  pugi::xml_document document;
  ASSERT_TRUE(parse_html(html, document)) << html;
  EXPECT_EQ(std::string(document.select_node("//table/tr/td").node().text().get()), name);
}

}  // namespace
}  // namespace kitty::cli
