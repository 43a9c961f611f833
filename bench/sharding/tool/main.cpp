// kitty-shard-bench: each way of splitting a registry over N jobs, and its
// makespan against the lower bound (bench/sharding/run.sh prints its tables
// into docs/sharding-benchmark.md).
//
//   kitty-shard-bench makespans --registry FILE --costs FILE --tests FILE --jobs N
//                               [--listed METHOD=FILE]... [--markdown]
//
//   --registry  ctest names, one a line, in ctest's test-number order
//   --costs     their recorded costs, CTest's cost-data format
//   --tests     "<binary> <Suite.Test> <units> <ctest name>" per GoogleTest
//               test, in each binary's run order (bench/sharding/suite.cmake)
//   --listed    a split made elsewhere ("<job> <ctest name>" lines), e.g.
//               gtest-kitty shard --list for each job
//
// Prints "total", "longest", "bound", one "<method> <makespan> <ratio>" line
// per way (the listed ones, then gtest-modulo, ctest-stride, fnv1a) and
// "lowest <method>..." (every way at the lowest makespan); --markdown prints
// the same as a table.
//
//   kitty-shard-bench time [--runs R] [--warmup W] [--log FILE] CMD... [:: CMD2...]
//
// Runs CMD (and CMD2 in turn with it, run by run) and prints "a <wall> <cpu>"
// (and "b ...", then "difference <wall> <cpu>": the medians of the paired
// differences a - b), medians in ms. A run that fails is an error.
//
// Bad input: one "gtest_kitty:" line, exit 2.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "common/cost_data.h"
#include "makespan.h"
#include "stopwatch.h"

namespace {

using shard_bench::Registry;
using shard_bench::Split;

[[noreturn]] void fail(const std::string& message) {
  std::cerr << "gtest_kitty: kitty-shard-bench: " << message << "\n";
  std::exit(2);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

Registry read_registry(const std::string& registry_path, const std::string& costs_path,
                       const std::string& tests_path) {
  Registry registry;
  registry.names = lines_of(read_text(registry_path));
  if (registry.names.empty()) fail(registry_path + " names no ctest test");
  auto costs = kitty::internal::read_cost_data(costs_path);
  if (!costs) fail(costs.failure().message);
  for (const std::string& name : registry.names) {
    const auto cost = costs->seconds.find(name);
    if (cost == costs->seconds.end()) fail(costs_path + " has no cost for '" + name + "'");
    registry.seconds[name] = cost->second;
  }
  if (tests_path.empty()) return registry;
  for (const std::string& line : lines_of(read_text(tests_path))) {
    std::istringstream fields(line);
    shard_bench::GtestTest test;
    fields >> test.binary >> test.name >> test.units;
    std::getline(fields >> std::ws, test.ctest_name);
    if (!fields && !fields.eof())
      fail(tests_path + ": '" + line +
           "' is not "
           "'<binary> <Suite.Test> <units> <ctest name>'");
    if (test.ctest_name.empty() || test.units < 0) {
      fail(tests_path + ": '" + line + "' is not '<binary> <Suite.Test> <units> <ctest name>'");
    }
    registry.tests.push_back(test);
  }
  return registry;
}

std::string described(const std::string& method) {
  if (method == "kitty-costs")
    return "kitty: `gtest-kitty shard --costs` (longest first onto the least loaded job)";
  if (method == "kitty-count") return "kitty: `gtest-kitty shard` without costs";
  if (method == "gtest-modulo")
    return "GoogleTest's split (`GTEST_TOTAL_SHARDS`): test k of each binary to job k mod N";
  if (method == "ctest-stride") return "ctest `-I j,,N`: test numbers j, j+N, j+2N, ...";
  if (method == "fnv1a") return "hash of the ctest name (32-bit FNV-1a) mod N";
  return method;
}

std::string fixed(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

int count_of(const std::string& flag, const std::string& text, int least) {
  if (text.empty() || text.size() > 6 ||
      text.find_first_not_of("0123456789") != std::string::npos || std::stoi(text) < least) {
    fail(flag + " must be an integer of at least " + std::to_string(least) + ", not '" + text +
         "'");
  }
  return std::stoi(text);
}

std::vector<double> column(const std::vector<shard_bench::Timing>& timings,
                           double shard_bench::Timing::*field) {
  std::vector<double> values;
  for (const shard_bench::Timing& timing : timings) values.push_back(timing.*field);
  return values;
}

int run_time(const std::vector<std::string>& args) {
  int runs = 1;
  int warmup = 0;
  std::string log;
  std::size_t i = 1;
  for (; i + 1 < args.size() && args[i].rfind("--", 0) == 0; i += 2) {
    if (args[i] == "--runs") {
      runs = count_of("--runs", args[i + 1], 1);
    } else if (args[i] == "--warmup") {
      warmup = count_of("--warmup", args[i + 1], 0);
    } else if (args[i] == "--log") {
      log = args[i + 1];
    } else {
      fail("unknown argument '" + args[i] + "'");
    }
  }
  std::vector<std::vector<std::string>> commands(1);
  for (; i < args.size(); ++i) {
    if (args[i] == "::") {
      commands.emplace_back();
    } else {
      commands.back().push_back(args[i]);
    }
  }
  if (commands.size() > 2 || commands.front().empty() || commands.back().empty()) {
    fail("time needs one command, or two separated by '::'");
  }
  std::vector<std::vector<shard_bench::Timing>> timings(commands.size());
  for (int run = 0; run < warmup + runs; ++run) {
    for (std::size_t c = 0; c < commands.size(); ++c) {
      const shard_bench::Timing timing = shard_bench::time_command(commands[c], log);
      if (timing.exit_code != 0) {
        fail("'" + commands[c].front() + "' exited with " + std::to_string(timing.exit_code) +
             (log.empty() ? "" : " (log: " + log + ")"));
      }
      if (run >= warmup) timings[c].push_back(timing);
    }
  }
  const char* names[] = {"a", "b"};
  for (std::size_t c = 0; c < commands.size(); ++c) {
    std::cout << names[c] << " "
              << fixed(shard_bench::median(column(timings[c], &shard_bench::Timing::wall_ms)), 2)
              << " "
              << fixed(shard_bench::median(column(timings[c], &shard_bench::Timing::cpu_ms)), 2)
              << "\n";
  }
  if (commands.size() == 2) {
    std::vector<double> wall;
    std::vector<double> cpu;
    for (std::size_t run = 0; run < timings[0].size(); ++run) {
      wall.push_back(timings[0][run].wall_ms - timings[1][run].wall_ms);
      cpu.push_back(timings[0][run].cpu_ms - timings[1][run].cpu_ms);
    }
    std::cout << "difference " << fixed(shard_bench::median(wall), 2) << " "
              << fixed(shard_bench::median(cpu), 2) << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "time") return run_time(args);
  if (args.empty() || args[0] != "makespans") {
    fail(
        "usage: kitty-shard-bench makespans --registry FILE --costs FILE --tests FILE "
        "--jobs N [--listed METHOD=FILE]... [--markdown], or kitty-shard-bench time "
        "[--runs R] [--warmup W] [--log FILE] CMD... [:: CMD2...]");
  }
  std::string registry_path, costs_path, tests_path, jobs_text;
  std::vector<std::pair<std::string, std::string>> listed;
  bool markdown = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--markdown") {
      markdown = true;
      continue;
    }
    if (i + 1 >= args.size()) fail(flag + " needs a value");
    const std::string& value = args[++i];
    if (flag == "--registry") {
      registry_path = value;
    } else if (flag == "--costs") {
      costs_path = value;
    } else if (flag == "--tests") {
      tests_path = value;
    } else if (flag == "--jobs") {
      jobs_text = value;
    } else if (flag == "--listed") {
      const std::size_t equals = value.find('=');
      if (equals == std::string::npos || equals == 0)
        fail("--listed needs METHOD=FILE, not '" + value + "'");
      listed.emplace_back(value.substr(0, equals), value.substr(equals + 1));
    } else {
      fail("unknown argument '" + flag + "'");
    }
  }
  if (registry_path.empty() || costs_path.empty() || tests_path.empty()) {
    fail("--registry, --costs and --tests are required");
  }
  const int jobs = count_of("--jobs", jobs_text, 1);
  const Registry registry = read_registry(registry_path, costs_path, tests_path);

  std::vector<Split> splits;
  std::string error;
  for (const auto& [method, path] : listed) {
    splits.push_back(shard_bench::listed_split(registry, jobs, method, read_text(path), error));
    if (!error.empty()) fail(error);
  }
  splits.push_back(shard_bench::modulo_split(registry, jobs, error));
  if (!error.empty()) fail(error);
  splits.push_back(shard_bench::stride_split(registry, jobs));
  splits.push_back(shard_bench::hash_split(registry, jobs));

  const shard_bench::Bound bound = shard_bench::bound_of(registry);
  const double lower = bound.value(jobs);
  double lowest = splits.front().makespan();
  for (const Split& split : splits) lowest = std::min(lowest, split.makespan());
  // Costs are read to the millisecond: makespans within a microsecond tie.
  const auto is_lowest = [&](const Split& split) { return split.makespan() <= lowest + 1e-6; };

  if (!markdown) {
    std::cout << "total " << fixed(bound.total, 3) << "\nlongest " << fixed(bound.longest, 3) << " "
              << bound.longest_name << "\nbound " << fixed(lower, 3) << "\n";
    for (const Split& split : splits) {
      std::cout << split.method << " " << fixed(split.makespan(), 3) << " "
                << fixed(split.makespan() / lower, 3) << "\n";
    }
    std::cout << "lowest";
    for (const Split& split : splits) {
      if (is_lowest(split)) std::cout << " " << split.method;
    }
    std::cout << "\n";
    return 0;
  }
  std::cout << "Lower bound max(total / " << jobs << ", longest file) = max("
            << fixed(bound.total, 2) << " s / " << jobs << ", " << fixed(bound.longest, 2)
            << " s) = **" << fixed(lower, 2) << " s**"
            << (bound.longest >= bound.total / jobs ? " (the longest file)" : "") << ".\n\n"
            << "| way of splitting | makespan | ÷ bound | lightest job |\n"
            << "| --- | ---: | ---: | ---: |\n";
  for (const Split& split : splits) {
    const double lightest = *std::min_element(split.loads.begin(), split.loads.end());
    const std::string star = is_lowest(split) ? "**" : "";
    std::cout << "| " << described(split.method) << " | " << star << fixed(split.makespan(), 2)
              << " s" << star << " | " << fixed(split.makespan() / lower, 3) << " | "
              << fixed(lightest, 2) << " s |\n";
  }
  return 0;
}
