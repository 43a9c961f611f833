// The benchmark plan (bench/plan.txt): one row per measurement,
//
//   | id | runs | exit | command | measurement |
//
// runs: slow (the --runs count, 1 warm-up), fast (max(--runs, --fast-runs), 3
// warm-ups), once (1 run, no warm-up) are timed; `pair ID` is timed with
// the earlier timed row ID, alternately (ID, this, ID, this, ... with ID's
// counts; several rows may pair with one ID: round robin), so that both
// medians see the same machine; count, verify and output
// rows are run once before or between them and define a value named by the
// id (see run_row in main.cpp). exit: 0 (a timed command must succeed) or
// any (its exit code is not checked); `-` for rows that are not timed.
// {name} in a command or a measurement is a variable (--var, or a count or
// verify row above it).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kitty_bench {

enum class Runs { slow, fast, once, pair, count, verify, output };

struct Row {
  std::string id;
  Runs runs = Runs::slow;
  bool any_exit = false;
  std::string partner;      // runs == pair: the row it alternates with
  std::string command;      // as written: {variables} are substituted when it runs
  std::string description;  // the same
  std::string where;        // "plan.txt:12", for messages
};

bool is_timed(Runs runs);

// Reads a plan; a row that is not five fields, an unknown runs or exit
// value, an id that is not [A-Za-z0-9_.]+ or that repeats, a pair whose
// partner is not an earlier slow, fast or once row throws one line naming
// the file and line.
std::vector<Row> read_plan(const std::string& path);

// `text` with each {name} replaced by vars[name]; an unknown name throws,
// naming `where`.
std::string substitute(const std::string& text, const std::map<std::string, std::string>& vars,
                       const std::string& where);

// A command line split into words on blanks; "double quotes" group.
std::vector<std::string> split_words(const std::string& line);

}  // namespace kitty_bench
