#include "cli/model/critical_path.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace kitty::cli {
namespace {

std::string after_prefix(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : std::string();
}

// The target and file of a whole-file unit: its ctest name is
// <TEST_PREFIX><target>/<file> and its selector --kitty_file=<file>; a
// target's name has no "/", so it is what precedes the file back to the
// last "/".
void name_target_and_file(BoundingUnit& bounding) {
  const std::string& name = bounding.unit.name;
  const std::string& selector = bounding.unit.selector;
  if (!after_prefix(selector, "--kitty_test=").empty()) {
    bounding.split = BoundingUnit::Split::kTestPiece;
    return;
  }
  if (!after_prefix(selector, "--kitty_suite=").empty()) {
    bounding.split = BoundingUnit::Split::kSuitePiece;
    return;
  }
  const std::string file = after_prefix(selector, "--kitty_file=");
  if (file.empty()) return;
  bounding.file = file;
  const std::string tail = "/" + file;
  if (name.size() <= tail.size() ||
      name.compare(name.size() - tail.size(), tail.size(), tail) != 0) {
    return;
  }
  const std::string head = name.substr(0, name.size() - tail.size());
  bounding.target = head.substr(head.rfind('/') + 1);  // npos + 1: all of it
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

}  // namespace

bool BoundingUnit::splittable() const { return split != Split::kTestPiece && unit.tests != 1; }

std::vector<UnitTime> unit_times_of(const std::vector<ProcessRecord>& records) {
  std::vector<UnitTime> units;
  for (const ProcessRecord& record : records) {
    std::set<std::string> tests;
    for (const RecordedTest& test : record.tests) {
      if (test.iteration == 0) tests.insert(test.name);
    }
    const long long from = record.launched_us > 0 ? record.launched_us : record.start_us;
    units.push_back({record.name, record.selector,
                     static_cast<double>(std::max(0LL, record.end_us - from)) / 1e6,
                     static_cast<int>(tests.size())});
  }
  return units;
}

std::vector<UnitTime> median_unit_times(const std::vector<std::vector<UnitTime>>& runs) {
  std::map<std::string, std::vector<double>> seconds;
  std::map<std::string, UnitTime> first;
  std::vector<std::string> order;
  for (const std::vector<UnitTime>& run : runs) {
    for (const UnitTime& unit : run) {
      if (!first.contains(unit.name)) {
        first[unit.name] = unit;
        order.push_back(unit.name);
      }
      seconds[unit.name].push_back(unit.seconds);
      first[unit.name].tests = std::max(first[unit.name].tests, unit.tests);
    }
  }
  std::vector<UnitTime> merged;
  for (const std::string& name : order) {
    UnitTime unit = first[name];
    unit.seconds = median(seconds[name]);
    merged.push_back(unit);
  }
  return merged;
}

std::optional<BoundingUnit> find_bounding_unit(const std::vector<UnitTime>& units, int jobs) {
  if (units.empty() || jobs < 1) return std::nullopt;
  double total = 0;
  const UnitTime* longest = &units.front();
  for (const UnitTime& unit : units) {
    total += unit.seconds;
    if (unit.seconds > longest->seconds) longest = &unit;
  }
  // Even a perfect schedule over `jobs` lanes takes total / jobs; the
  // longest unit bounds the run only when it alone takes longer.
  if (total <= 0 || longest->seconds <= total / jobs) return std::nullopt;
  BoundingUnit bounding;
  bounding.unit = *longest;
  bounding.jobs = jobs;
  bounding.total_seconds = total;
  bounding.share = longest->seconds / total;
  bounding.bound = total / longest->seconds;
  name_target_and_file(bounding);
  return bounding;
}

std::string describe_bounding(const std::optional<BoundingUnit>& bounding) {
  if (!bounding) return {};
  const BoundingUnit& b = *bounding;
  std::string text = fmt::format(
      "bounding unit: {} takes {:.0f}% of the {:.3f} s all units take together ({:.3f} s): at -j{} "
      "the run can be at most {:.2f}x faster than serial (ideal {}x)\n",
      b.unit.name, 100 * b.share, b.total_seconds, b.unit.seconds, b.jobs, b.bound, b.jobs);
  if (b.split == BoundingUnit::Split::kTestPiece) {
    return text + "  it is a single test of a split file: it cannot be split further\n";
  }
  if (b.unit.tests == 1) {
    return text + "  it holds a single test: it cannot be split further\n";
  }
  if (b.split == BoundingUnit::Split::kSuitePiece) {
    return text +
           "  it is one suite of a file split by suite: give that file as <file>=test in "
           "SPLIT_FILES to split it by test (check it first: gtest-kitty split-check)\n";
  }
  if (b.file.empty()) return text;
  const std::string target = b.target.empty() ? "<target>" : b.target;
  return text + fmt::format(
                    "  to split it: kitty_add_tests({} ... SPLIT_FILES {}); check first that its "
                    "tests pass alone: gtest-kitty split-check {} {}\n",
                    target, b.file, target, b.file);
}

}  // namespace kitty::cli
