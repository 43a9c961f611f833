#include "timing.h"

#include <fmt/format.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "failure.h"

namespace kitty_bench {
namespace {

struct Jiffies {
  long long busy = 0;
  long long total = 0;
};

// All cores' CPU time from /proc/stat.
Jiffies cpu_jiffies() {
  std::ifstream stat("/proc/stat");
  std::string cpu;
  long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  stat >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
  const long long busy = user + nice + system + irq + softirq + steal;
  return {busy, busy + idle + iowait};
}

double cores_busy(const Jiffies& before, const Jiffies& after) {
  const long long total = after.total - before.total;
  const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  return total > 0 ? static_cast<double>(after.busy - before.busy) / total * cpus : 0;
}

// One word as hyperfine's -N splitter (POSIX shell words) reads it back.
std::string quoted(const std::string& word) {
  if (!word.empty() && word.find_first_of(" \t\n'\"\\$`*?[]#~;&|<>(){}") == std::string::npos) {
    return word;
  }
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Cores kept busy by processes other than the measured ones (whose CPU
// time is `own_cpu` seconds) over `wall` seconds.
double other_load(const Jiffies& before, const Jiffies& after, double own_cpu, double wall) {
  const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double other = (static_cast<double>(after.busy - before.busy) / hz - own_cpu) / wall;
  return other < 0 ? 0 : other;
}

}  // namespace

Timer::Timer(int quiet_wait_seconds, std::string results_dir)
    : quiet_budget_(quiet_wait_seconds * 2),
      quiet_left_(quiet_budget_),
      results_dir_(std::move(results_dir)) {}

std::string Timer::describe() {
  const Finished version = run(plain({"hyperfine", "--version"}));
  if (version.exit_code != 0) {
    throw Failure("hyperfine is not installed (.ci/install-deps installs it): it times every row");
  }
  std::string text = version.output;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

void Timer::wait_quiet() {
  bool said = false;
  while (quiet_left_ > 0) {
    const Jiffies before = cpu_jiffies();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const double busy = cores_busy(before, cpu_jiffies());
    if (busy < 0.25) return;
    --quiet_left_;
    if (!said) {
      fmt::print("  (other processes use {:.2f} cores: waiting for them, {}s of waiting left)\n",
                 busy, quiet_left_ / 2);
      said = true;
    }
  }
}

Timer::Measured Timer::measure(const std::string& id, const Launch& launch, int runs, int warmup,
                               bool any_exit) {
  std::string line;
  for (const std::string& word : launch.argv) line += (line.empty() ? "" : " ") + quoted(word);
  const std::string json_path = fmt::format("{}/{}.json", results_dir_, id);
  Launch hyperfine = launch;
  hyperfine.argv = {"hyperfine",
                    "-N",
                    "--style",
                    "none",
                    "--runs",
                    std::to_string(runs),
                    "--warmup",
                    std::to_string(warmup),
                    "--export-json",
                    json_path,
                    "-n",
                    id};
  if (any_exit) hyperfine.argv.push_back("-i");
  hyperfine.argv.insert(hyperfine.argv.end(), {"--", line});
  const Finished finished = run(hyperfine);
  if (finished.exit_code != 0) {
    throw Failure(fmt::format("measuring {} failed: {}\n{}", id, line, finished.output));
  }
  std::ifstream in(json_path);
  const nlohmann::json document = nlohmann::json::parse(in, nullptr, false);
  if (document.is_discarded() || !document.contains("results") || document["results"].empty()) {
    throw Failure(fmt::format("hyperfine wrote no results for {} ({})", id, json_path));
  }
  Measured measured;
  measured.result = document["results"][0];
  measured.own_cpu =
      (measured.result.at("user").get<double>() + measured.result.at("system").get<double>()) *
      (runs + warmup);
  return measured;
}

Timing Timer::time(const std::string& id, const Launch& launch, int runs, int warmup,
                   bool any_exit) {
  wait_quiet();
  const Jiffies before = cpu_jiffies();
  const auto start = std::chrono::steady_clock::now();
  const Measured measured = measure(id, launch, runs, warmup, any_exit);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Timing timing;
  timing.median = measured.result.at("median").get<double>();
  timing.min = measured.result.at("min").get<double>();
  timing.max = measured.result.at("max").get<double>();
  timing.runs = runs;
  // The measured command's own CPU time is not "other" load.
  timing.other_load = other_load(before, cpu_jiffies(), measured.own_cpu, wall);
  return timing;
}

std::vector<Timing> Timer::time_alternately(const std::vector<Entrant>& entrants, int runs,
                                            int warmup) {
  wait_quiet();
  const Jiffies before = cpu_jiffies();
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::vector<double>> times(entrants.size());
  double own_cpu = 0;
  for (int round = 0; round < warmup + runs; ++round) {
    for (size_t i = 0; i < entrants.size(); ++i) {
      const Entrant& entrant = entrants[i];
      const Measured measured = measure(entrant.id, entrant.launch, 1, 0, entrant.any_exit);
      own_cpu += measured.own_cpu;
      if (round >= warmup) times[i].push_back(measured.result.at("times").at(0).get<double>());
    }
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double other = other_load(before, cpu_jiffies(), own_cpu, wall);
  std::vector<Timing> timings;
  for (std::vector<double>& samples : times) {
    std::sort(samples.begin(), samples.end());
    const size_t n = samples.size();
    Timing timing;
    timing.median = n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    timing.min = samples.front();
    timing.max = samples.back();
    timing.runs = runs;
    timing.other_load = other;
    timings.push_back(timing);
  }
  return timings;
}

}  // namespace kitty_bench
