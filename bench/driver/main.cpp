// kitty-bench: the benchmark's driver (bench/run.sh builds and starts it).
//
//   kitty-bench run --plan FILE --results DIR --cli GTEST_KITTY [--template FILE]
//                   [--runs N] [--fast-runs N] [--quiet-wait SECONDS] [--var NAME=VALUE]...
//                   [--skip ID]... [--check]
//   kitty-bench render --results DIR --template FILE --out FILE [--var NAME=VALUE]...
//
// `run` carries out the plan's rows in order and writes DIR/results.json
// (a --skip row is not run: a timed one is left out of the report, a
// count, verify or output row's value is "skipped");
// --check only reads the plan and the template and substitutes every
// variable (nothing runs). `render` writes the report from results.json.
// Any error: one `gtest_kitty:` line, exit 2.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "failure.h"
#include "plan.h"
#include "report.h"
#include "timing.h"
#include "tree.h"

namespace kitty_bench {
namespace {

struct Options {
  std::string mode, plan, results, cli, template_file, out;
  int runs = 5;
  int quiet_wait = 0;
  int fast_runs = 30;
  bool check = false;
  std::map<std::string, std::string> vars;
  std::set<std::string> skip;
};

Options parse(int argc, char** argv) {
  Options options;
  if (argc < 2) throw Failure("usage: kitty-bench run|render ... (see bench/driver/main.cpp)");
  options.mode = argv[1];
  if (options.mode != "run" && options.mode != "render") {
    throw Failure(fmt::format("unknown mode '{}': run or render", options.mode));
  }
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--check") {
      options.check = true;
      continue;
    }
    if (i + 1 >= argc) throw Failure(fmt::format("{} needs a value", flag));
    const std::string value = argv[++i];
    if (flag == "--plan") {
      options.plan = value;
    } else if (flag == "--results") {
      options.results = value;
    } else if (flag == "--cli") {
      options.cli = value;
    } else if (flag == "--template") {
      options.template_file = value;
    } else if (flag == "--out") {
      options.out = value;
    } else if (flag == "--skip") {
      options.skip.insert(value);
    } else if (flag == "--runs" || flag == "--quiet-wait" || flag == "--fast-runs") {
      const bool number = !value.empty() && std::all_of(value.begin(), value.end(), ::isdigit);
      if (!number || value.size() > 6) {
        throw Failure(fmt::format("{} takes a non-negative integer, not '{}'", flag, value));
      }
      (flag == "--runs"        ? options.runs
       : flag == "--fast-runs" ? options.fast_runs
                               : options.quiet_wait) = std::stoi(value);
    } else if (flag == "--var") {
      const size_t equals = value.find('=');
      if (equals == std::string::npos || equals == 0) {
        throw Failure(fmt::format("--var takes NAME=VALUE, not '{}'", value));
      }
      options.vars[value.substr(0, equals)] = value.substr(equals + 1);
    } else {
      throw Failure(fmt::format("unknown option {}", flag));
    }
  }
  if (options.results.empty()) throw Failure("--results DIR is required");
  return options;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Failure(fmt::format("cannot read {}", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The command as the report shows it: the build and kitty trees by name.
std::string shown(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [name, label] : {std::pair<std::string, std::string>{"results", "<results>"},
                                    {"build", "<build>"},
                                    {"kitty", "<kitty>"}}) {
    const auto found = vars.find(name);
    if (found == vars.end() || found->second.empty()) continue;
    for (size_t at = text.find(found->second); at != std::string::npos;
         at = text.find(found->second, at + label.size())) {
      text.replace(at, found->second.size(), label);
    }
  }
  return text;
}

// "units DIR [PREFIX] [= N]" or "tests DIR [PREFIX] [= N]"
std::string count(const std::vector<std::string>& words, Trees& trees, const Row& row) {
  std::vector<std::string> args = words;
  std::string expected;
  if (args.size() >= 2 && args[args.size() - 2] == "=") {
    expected = args.back();
    args.resize(args.size() - 2);
  }
  if (args.size() < 2 || args.size() > 3 || (args[0] != "units" && args[0] != "tests")) {
    throw Failure(fmt::format("{}: a count is 'units|tests DIR [PREFIX] [= N]'", row.where));
  }
  const std::string prefix = args.size() == 3 ? args[2] : "";
  const long n = args[0] == "units" ? trees.units(args[1], prefix) : trees.tests(args[1], prefix);
  if (!expected.empty() && std::to_string(n) != expected) {
    throw Failure(fmt::format("{} ({}): {} {} registered in {}, not {}", row.id, row.description, n,
                              args[0], args[1], expected));
  }
  return std::to_string(n);
}

const Row* find_row(const std::vector<Row>& plan, const std::string& id) {
  const auto found =
      std::find_if(plan.begin(), plan.end(), [&](const Row& row) { return row.id == id; });
  return found == plan.end() ? nullptr : &*found;
}

// Rows timed alternately: each `pair ID` row with row ID and every other
// row paired with it (ID first, then plan order), keyed by each member's id.
// A skipped row leaves its group; a group of one is timed on its own.
std::map<std::string, std::vector<std::string>> alternation_groups(
    const std::vector<Row>& plan, const std::set<std::string>& skip) {
  std::map<std::string, std::vector<std::string>> by_base;
  for (const Row& row : plan) {
    if (row.runs != Runs::pair || skip.count(row.id)) continue;
    std::vector<std::string>& group = by_base[row.partner];
    if (group.empty() && !skip.count(row.partner)) group.push_back(row.partner);
    group.push_back(row.id);
  }
  std::map<std::string, std::vector<std::string>> groups;
  for (const auto& [base, group] : by_base) {
    if (group.size() < 2) continue;
    for (const std::string& id : group) groups[id] = group;
  }
  return groups;
}

// How a timed row's command starts: as written, or (ctest-test DIR NAME
// [ARGS]) as ctest starts that registered test, which `result` then shows.
// A leading `env NAME=value...` is the driver's own: it sets the variables,
// so that no row pays for env's exec (S.d9 is timed against S.d1 without it).
Launch launch_for(std::vector<std::string> words, Trees& trees, const Row& row,
                  const std::map<std::string, std::string>& vars, Result& result) {
  std::vector<std::string> variables;
  if (!words.empty() && words[0] == "env") {
    size_t first = 1;
    while (first < words.size() && words[first].find('=') != std::string::npos) {
      variables.push_back(words[first++]);
    }
    if (first == words.size()) throw Failure(fmt::format("{}: env with no command", row.where));
    words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(first));
  }
  if (words.empty() || words[0] != "ctest-test") {
    Launch launch = plain(words);
    launch.environment = variables;
    return launch;
  }
  if (words.size() < 3) throw Failure(fmt::format("{}: ctest-test DIR NAME [ARGS...]", row.where));
  Launch launch = trees.test(words[1], words[2]);
  launch.environment.insert(launch.environment.end(), variables.begin(), variables.end());
  launch.argv.insert(launch.argv.end(), words.begin() + 3, words.end());
  std::string shown_command;
  for (const std::string& word : launch.argv) {
    shown_command += (shown_command.empty() ? "" : " ") + word;
  }
  result.command = shown(shown_command, vars);
  std::string environment;
  for (const std::string& pair : launch.environment) environment += " " + pair;
  if (!environment.empty()) result.command = "(ENVIRONMENT" + environment + ") " + result.command;
  return launch;
}

void record(Result& result, const Timing& timing) {
  result.measured = true;
  result.median = timing.median;
  result.min = timing.min;
  result.max = timing.max;
  result.runs = timing.runs;
  result.other_load = timing.other_load;
}

nlohmann::json to_json(const Results& results) {
  nlohmann::json rows = nlohmann::json::array();
  for (const Result& row : results.rows) {
    rows.push_back({{"id", row.id},
                    {"description", row.description},
                    {"command", row.command},
                    {"measured", row.measured},
                    {"median", row.median},
                    {"min", row.min},
                    {"max", row.max},
                    {"runs", row.runs},
                    {"other_load", row.other_load}});
  }
  return {{"vars", results.vars}, {"rows", rows}};
}

Results from_json(const nlohmann::json& document) {
  Results results;
  results.vars = document.at("vars").get<std::map<std::string, std::string>>();
  for (const nlohmann::json& row : document.at("rows")) {
    results.rows.push_back({row.at("id"), row.at("description"), row.at("command"),
                            row.at("measured"), row.at("median"), row.at("min"), row.at("max"),
                            row.at("other_load"), row.at("runs")});
  }
  return results;
}

// Every placeholder of the template resolved against a plan's rows and
// variables, before anything runs (an error after an hour of timing helps
// nobody).
void check_template(const std::string& path, const std::vector<Row>& plan, Results results) {
  for (const Row& row : plan) {
    if (is_timed(row.runs)) {
      results.rows.push_back({row.id, row.description, row.command, true, 1, 1, 1, 0, 1});
    } else {
      results.vars[row.id] = row.runs == Runs::output ? "" : "1";
    }
  }
  for (const char* later : {"date", "total_seconds", "waited", "timer"}) {
    results.vars.emplace(later, "1");
  }
  results.dry = true;
  render(read_text(path), path, results);
}

int run_plan(const Options& options) {
  const std::vector<Row> plan = read_plan(options.plan);
  Results results;
  results.vars = options.vars;
  results.vars["results"] = options.results;
  if (!options.template_file.empty()) check_template(options.template_file, plan, results);
  for (const std::string& id : options.skip) {
    if (std::none_of(plan.begin(), plan.end(), [&](const Row& row) { return row.id == id; })) {
      throw Failure(fmt::format("--skip {}: the plan has no such row", id));
    }
  }
  if (!options.check) {
    std::filesystem::create_directories(options.results);
    results.vars["timer"] = Timer::describe();
  }
  Timer timer(options.quiet_wait, options.results);
  Trees trees(options.cli);
  const std::map<std::string, std::vector<std::string>> groups =
      alternation_groups(plan, options.skip);
  std::map<std::string, Launch> launches;
  const int fast_runs = std::max(options.runs, options.fast_runs);
  for (const Row& row : plan) {
    const std::string command = substitute(row.command, results.vars, row.where);
    const std::string description = substitute(row.description, results.vars, row.where);
    std::vector<std::string> words = split_words(command);
    if (!is_timed(row.runs)) {
      std::string value = "0";
      if (!options.check && options.skip.count(row.id)) {
        value = "skipped";
      } else if (!options.check && row.runs == Runs::count) {
        value = count(words, trees, row);
      } else if (!options.check && row.runs == Runs::verify) {
        value = ctest_outcome(plain(words));
        fmt::print("  verification: {}: {}\n", command, value);
      } else if (!options.check) {
        const Finished finished = run(plain(words));
        if (finished.exit_code != 0) {
          throw Failure(fmt::format("{}: {} failed:\n{}", row.id, command, finished.output));
        }
        value = finished.output;
      }
      results.vars[row.id] = value;
      continue;
    }
    Result result{row.id, description, shown(command, results.vars)};
    if (options.check || options.skip.count(row.id)) {
      results.rows.push_back(result);
      continue;
    }
    launches[row.id] = launch_for(words, trees, row, results.vars, result);
    const auto group = groups.find(row.id);
    if (group != groups.end() && group->second.back() != row.id) {
      // Timed with the rest of its group, at the group's last row.
      results.rows.push_back(result);
      continue;
    }
    // A group's counts are its first row's; a pair whose partner was skipped keeps the partner's.
    const Row& base = group != groups.end()    ? *find_row(plan, group->second.front())
                      : row.runs == Runs::pair ? *find_row(plan, row.partner)
                                               : row;
    const int runs = base.runs == Runs::slow   ? options.runs
                     : base.runs == Runs::fast ? fast_runs
                                               : 1;
    const int warmup = base.runs == Runs::slow ? 1 : base.runs == Runs::fast ? 3 : 0;
    results.rows.push_back(result);
    if (group == groups.end()) {
      fmt::print("  {:<7} {} ({} runs) ... ", row.id, description, runs);
      std::fflush(stdout);
      const Timing timing = timer.time(row.id, launches[row.id], runs, warmup, row.any_exit);
      fmt::print("median {:.2f} ms\n", timing.median * 1000);
      record(results.rows.back(), timing);
      continue;
    }
    std::vector<Timer::Entrant> entrants;
    std::vector<Result*> members;
    for (const std::string& id : group->second) {
      members.push_back(&*std::find_if(results.rows.begin(), results.rows.end(),
                                       [&](const Result& done) { return done.id == id; }));
      entrants.push_back({id, launches[id], find_row(plan, id)->any_exit});
    }
    fmt::print("  {} alternately ({} runs each) ... ", fmt::join(group->second, ", "), runs);
    std::fflush(stdout);
    const std::vector<Timing> timings = timer.time_alternately(entrants, runs, warmup);
    for (size_t i = 0; i < members.size(); ++i) {
      record(*members[i], timings[i]);
      fmt::print("{}{} {:.2f} ms", i == 0 ? "medians " : ", ", members[i]->id,
                 timings[i].median * 1000);
    }
    fmt::print("\n");
  }
  if (options.check) {
    fmt::print("{}: {} rows, all variables known\n", options.plan, plan.size());
    return 0;
  }
  results.vars["waited"] = std::to_string(timer.waited_seconds());
  std::ofstream(options.results + "/results.json") << to_json(results).dump(2) << "\n";
  return 0;
}

int render_report(const Options& options) {
  if (options.template_file.empty() || options.out.empty()) {
    throw Failure("render needs --template FILE and --out FILE");
  }
  const std::string path = options.results + "/results.json";
  const nlohmann::json document = nlohmann::json::parse(read_text(path), nullptr, false);
  if (document.is_discarded()) throw Failure(fmt::format("{} is not JSON", path));
  Results results = from_json(document);
  for (const auto& [name, value] : options.vars) results.vars[name] = value;
  const std::string text = render(read_text(options.template_file), options.template_file, results);
  std::filesystem::create_directories(std::filesystem::absolute(options.out).parent_path());
  std::ofstream(options.out) << text;
  return 0;
}

}  // namespace
}  // namespace kitty_bench

int main(int argc, char** argv) {
  try {
    const kitty_bench::Options options = kitty_bench::parse(argc, argv);
    return options.mode == "run" ? kitty_bench::run_plan(options)
                                 : kitty_bench::render_report(options);
  } catch (const std::exception& error) {
    fmt::print(stderr, "gtest_kitty: {}\n", error.what());
    return 2;
  }
}
