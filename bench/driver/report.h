// The report (bench/report.md.in) rendered from the results: the template's
// text with each {{placeholder}} replaced.
//
//   {{name}}                 a variable (text: machine, settings, counts, outcomes)
//   {{time E}} {{ms E}} {{ms1 E}} {{us E}} {{x E}} {{x3 E}} {{pct E}}
//                            an expression of medians (a row id stands for its
//                            median in seconds) and numeric variables, with
//                            + - * / ( ): as "1.23 ms" or "4.56 s", as ms with
//                            two or one decimals, as µs, as a ratio with one
//                            or three decimals, as a signed percentage
//                            (0.012 -> "+1.2 %")
//   {{met E}}                "met" or "NOT met" for a comparison E (a < b,
//                            a <= b, a > b, a >= b)
//   {{table P}} {{commands P}}
//                            the rows whose id starts with P, as a Markdown
//                            table, and their commands
//   {{lines V REGEX}} {{match V REGEX}}
//                            the lines of variable V that match; the first
//                            group of the first match
//
// A line that needs a row the run skipped (--skip) is left out.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kitty_bench {

struct Result {
  std::string id;
  std::string description;
  std::string command;  // as shown: <build>, <results>, <kitty> for the paths
  bool measured = false;
  double median = 0, min = 0, max = 0, other_load = 0;
  int runs = 0;
};

struct Results {
  std::map<std::string, std::string> vars;
  std::vector<Result> rows;
  bool dry = false;  // checking a template: searches of empty outputs succeed
};

// Throws naming the template's line for an unknown placeholder, variable or
// row id.
std::string render(const std::string& template_text, const std::string& template_name,
                   const Results& results);

}  // namespace kitty_bench
