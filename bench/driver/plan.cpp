#include "plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>

#include "failure.h"

namespace kitty_bench {
namespace {

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// "| a | b |" -> {"a", "b"}
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  size_t start = line.find('|') + 1;
  for (size_t bar = line.find('|', start); bar != std::string::npos;
       start = bar + 1, bar = line.find('|', start)) {
    out.push_back(trim(line.substr(start, bar - start)));
  }
  if (!trim(line.substr(start)).empty()) out.push_back(trim(line.substr(start)));
  return out;
}

Runs parse_runs(const std::string& text, const std::string& where) {
  static const std::map<std::string, Runs> names = {
      {"slow", Runs::slow},   {"fast", Runs::fast},     {"once", Runs::once},
      {"count", Runs::count}, {"verify", Runs::verify}, {"output", Runs::output}};
  if (text.starts_with("pair ") || text == "pair") return Runs::pair;
  const auto found = names.find(text);
  if (found == names.end()) {
    throw Failure(
        fmt::format("{}: runs must be slow, fast, once, pair ID, count, verify or output, not '{}'",
                    where, text));
  }
  return found->second;
}

}  // namespace

bool is_timed(Runs runs) {
  return runs == Runs::slow || runs == Runs::fast || runs == Runs::once || runs == Runs::pair;
}

std::vector<Row> read_plan(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Failure(fmt::format("cannot read the plan {}", path));
  std::vector<Row> rows;
  std::set<std::string> ids;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string where = fmt::format("{}:{}", path, number);
    const std::string text = trim(line);
    // Comments, blank lines, and the table's heading and rule.
    if (text.empty() || text[0] == '#' || text.starts_with("| id ") || text.starts_with("| ---") ||
        text.starts_with("|---")) {
      continue;
    }
    if (text[0] != '|') throw Failure(fmt::format("{}: a row starts with '|'", where));
    const std::vector<std::string> fields = cells(text);
    if (fields.size() != 5) {
      throw Failure(
          fmt::format("{}: a row has 5 fields (id | runs | exit | command | measurement), "
                      "not {}",
                      where, fields.size()));
    }
    Row row;
    row.id = fields[0];
    row.where = where;
    if (!std::regex_match(row.id, std::regex("[A-Za-z0-9_.]+"))) {
      throw Failure(fmt::format("{}: id '{}' is not letters, digits, '_' and '.'", where, row.id));
    }
    if (!ids.insert(row.id).second) {
      throw Failure(fmt::format("{}: id '{}' is used twice", where, row.id));
    }
    row.runs = parse_runs(fields[1], where);
    if (row.runs == Runs::pair) {
      row.partner = trim(fields[1].substr(4));
      const auto partner = std::find_if(
          rows.begin(), rows.end(), [&](const Row& earlier) { return earlier.id == row.partner; });
      if (partner == rows.end() || !is_timed(partner->runs) || partner->runs == Runs::pair) {
        throw Failure(fmt::format("{}: pair {}: no earlier slow, fast or once row has that id",
                                  where, row.partner));
      }
    }
    if (is_timed(row.runs)) {
      if (fields[2] != "0" && fields[2] != "any") {
        throw Failure(fmt::format("{}: exit must be 0 or any, not '{}'", where, fields[2]));
      }
      row.any_exit = fields[2] == "any";
    } else if (fields[2] != "-") {
      throw Failure(
          fmt::format("{}: exit is '-' for a {} row, not '{}'", where, fields[1], fields[2]));
    }
    row.command = fields[3];
    row.description = fields[4];
    if (row.command.empty()) throw Failure(fmt::format("{}: the command is empty", where));
    rows.push_back(row);
  }
  if (rows.empty()) throw Failure(fmt::format("{}: the plan has no rows", path));
  return rows;
}

std::string substitute(const std::string& text, const std::map<std::string, std::string>& vars,
                       const std::string& where) {
  std::string out;
  size_t start = 0;
  for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', start)) {
    const size_t close = text.find('}', open);
    if (close == std::string::npos) throw Failure(fmt::format("{}: '{{' without '}}'", where));
    const std::string name = text.substr(open + 1, close - open - 1);
    const auto found = vars.find(name);
    if (found == vars.end()) throw Failure(fmt::format("{}: no variable {{{}}}", where, name));
    out += text.substr(start, open - start) + found->second;
    start = close + 1;
  }
  return out + text.substr(start);
}

std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') {
      quoted = !quoted;
      in_word = true;
    } else if ((c == ' ' || c == '\t') && !quoted) {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

}  // namespace kitty_bench
