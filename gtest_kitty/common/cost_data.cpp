#include "common/cost_data.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/number_in_range.h"
#include "common/small_file.h"

namespace kitty::internal {
namespace {

Failure bad_line(const std::string& origin, int number, const std::string& why) {
  return {Category::kUsage, origin + ":" + std::to_string(number) + ": " + why +
                                " (a cost file has lines \"<test name> <runs> <seconds>\")"};
}

bool all_digits(const std::string& text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<CostData> parse_cost_data(const std::string& text, const std::string& origin) {
  CostData data;
  size_t at = 0;
  int number = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    at = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line == "---") break;  // the failed tests of the last run follow
    if (line.empty()) continue;
    const size_t cost_space = line.rfind(' ');
    const size_t runs_space = cost_space == std::string::npos || cost_space == 0
                                  ? std::string::npos
                                  : line.rfind(' ', cost_space - 1);
    if (runs_space == std::string::npos || runs_space == 0) {
      return bad_line(origin, number, "not a cost line");
    }
    const std::string name = line.substr(0, runs_space);
    const std::string runs = line.substr(runs_space + 1, cost_space - runs_space - 1);
    const std::string cost = line.substr(cost_space + 1);
    long long run_count = 0;
    if (!all_digits(runs) || !number_in_range(runs.c_str(), 0, 1000000000, run_count)) {
      return bad_line(origin, number, "'" + runs + "' is not a run count");
    }
    char* cost_end = nullptr;
    errno = 0;
    const double seconds = std::strtod(cost.c_str(), &cost_end);
    if (cost.empty() || *cost_end != '\0' || errno != 0 || !std::isfinite(seconds) || seconds < 0) {
      return bad_line(origin, number, "'" + cost + "' is not a duration in seconds");
    }
    data.seconds[name] = seconds;
    data.runs[name] = run_count;
  }
  return data;
}

Result<CostData> read_cost_data(const std::string& path) {
  std::string text;
  if (!read_small_file(path, text, size_t{64} << 20)) {
    return Failure{Category::kUsage, "cannot read the cost file " + path};
  }
  return parse_cost_data(text, path);
}

std::string format_cost_data(const CostData& data) {
  std::string text;
  for (const auto& [name, seconds] : data.seconds) {
    const auto runs = data.runs.find(name);
    char numbers[64];
    std::snprintf(numbers, sizeof numbers, " %lld %.3f",
                  runs == data.runs.end() ? 1LL : std::max(1LL, runs->second), seconds);
    text += name + numbers + "\n";
  }
  return text;
}

std::optional<double> cost_of_unit(const CostData& data, const std::string& executable,
                                   const std::string& file) {
  if (const auto exact = data.seconds.find(executable + "/" + file); exact != data.seconds.end()) {
    return exact->second;
  }
  std::optional<double> found;
  const std::string tail = "/" + file;
  for (const auto& [name, seconds] : data.seconds) {
    const bool ends_in_file =
        name == file || (name.size() > tail.size() &&
                         name.compare(name.size() - tail.size(), tail.size(), tail) == 0);
    if (!ends_in_file) continue;
    if (found) return std::nullopt;  // two targets with this file: which is ours is unknown
    found = seconds;
  }
  return found;
}

}  // namespace kitty::internal
