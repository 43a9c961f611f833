#include "report.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <regex>
#include <sstream>

#include "failure.h"

namespace kitty_bench {
namespace {

// A placeholder that needs a row the run skipped: its line is left out.
struct Skipped {};

std::string format_time(double seconds) {
  return seconds < 1 ? fmt::format("{:.2f} ms", seconds * 1000) : fmt::format("{:.2f} s", seconds);
}

const Result* find_row(const Results& results, const std::string& id) {
  for (const Result& row : results.rows) {
    if (row.id == id) return &row;
  }
  return nullptr;
}

// Recursive descent over + - * / ( ) < <= > >= with row ids and numeric variables.
class Expression {
 public:
  Expression(const std::string& text, const Results& results) : text_(text), results_(results) {}

  double evaluate() {
    const double value = comparison();
    skip_blanks();
    if (at_ < text_.size()) fail("unexpected '" + text_.substr(at_) + "'");
    return value;
  }

 private:
  double comparison() {
    const double left = sum();
    if (accept('<')) return (accept('=') ? left <= sum() : left < sum()) ? 1 : 0;
    if (accept('>')) return (accept('=') ? left >= sum() : left > sum()) ? 1 : 0;
    return left;
  }
  double sum() {
    double value = product();
    for (;;) {
      if (accept('+')) {
        value += product();
      } else if (accept('-')) {
        value -= product();
      } else {
        return value;
      }
    }
  }
  double product() {
    double value = factor();
    for (;;) {
      if (accept('*')) {
        value *= factor();
      } else if (accept('/')) {
        value /= factor();
      } else {
        return value;
      }
    }
  }
  double factor() {
    if (accept('(')) {
      const double value = comparison();
      if (!accept(')')) fail("missing ')'");
      return value;
    }
    skip_blanks();
    const size_t start = at_;
    while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) ||
                                  text_[at_] == '.' || text_[at_] == '_')) {
      ++at_;
    }
    const std::string word = text_.substr(start, at_ - start);
    if (word.empty()) fail("expected a number, row id or variable");
    if (std::isdigit(static_cast<unsigned char>(word[0]))) return std::stod(word);
    if (const Result* row = find_row(results_, word)) {
      if (!row->measured) throw Skipped{};
      return row->median;
    }
    const auto var = results_.vars.find(word);
    if (var == results_.vars.end()) fail("no row or variable " + word);
    char* end = nullptr;
    const double value = std::strtod(var->second.c_str(), &end);
    if (var->second.empty() || *end != '\0') fail("variable " + word + " is not a number");
    return value;
  }
  bool accept(char c) {
    skip_blanks();
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  void skip_blanks() {
    while (at_ < text_.size() && text_[at_] == ' ') ++at_;
  }
  [[noreturn]] void fail(const std::string& why) {
    throw Failure(fmt::format("in '{}': {}", text_, why));
  }

  std::string text_;
  const Results& results_;
  size_t at_ = 0;
};

std::string table(const Results& results, const std::string& prefix) {
  std::string out =
      "| id | measurement | median | min … max | runs | other load (cores) |\n"
      "| --- | --- | ---: | ---: | ---: | ---: |";
  for (const Result& row : results.rows) {
    if (!row.measured || !row.id.starts_with(prefix)) continue;
    out += fmt::format("\n| {} | {} | **{}** | {} … {} | {} | {:.2f} |", row.id, row.description,
                       format_time(row.median), format_time(row.min), format_time(row.max),
                       row.runs, row.other_load);
  }
  return out;
}

std::string commands(const Results& results, const std::string& prefix) {
  std::string out = "<details><summary>Commands</summary>\n\n```";
  for (const Result& row : results.rows) {
    if (row.measured && row.id.starts_with(prefix)) {
      out += fmt::format("\n{:<7} {}", row.id, row.command);
    }
  }
  return out + "\n```\n\n</details>";
}

const std::string& variable(const Results& results, const std::string& name) {
  const auto found = results.vars.find(name);
  if (found == results.vars.end()) throw Failure("no variable " + name);
  return found->second;
}

// "lines V REGEX" / "match V REGEX"
std::string search(const Results& results, const std::string& args, bool first_group) {
  const size_t blank = args.find(' ');
  if (blank == std::string::npos) throw Failure("expected a variable and a regular expression");
  const std::string& text = variable(results, args.substr(0, blank));
  const std::regex pattern(args.substr(blank + 1));
  std::istringstream lines(text);
  std::string out;
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (!std::regex_search(line, match, pattern)) continue;
    if (first_group) return match.size() > 1 ? match[1].str() : match[0].str();
    out += (out.empty() ? "" : "\n") + line;
  }
  if (first_group && results.dry) return "";
  if (first_group) throw Failure("nothing matches " + args.substr(blank + 1));
  return out;
}

std::string expand(const std::string& placeholder, const Results& results) {
  const size_t blank = placeholder.find(' ');
  const std::string word = placeholder.substr(0, blank);
  const std::string args = blank == std::string::npos ? "" : placeholder.substr(blank + 1);
  if (args.empty()) return variable(results, word);
  if (word == "table") return table(results, args);
  if (word == "commands") return commands(results, args);
  if (word == "lines" || word == "match") return search(results, args, word == "match");
  const double value = Expression(args, results).evaluate();
  if (word == "time") return format_time(value);
  if (word == "ms") return fmt::format("{:.2f}", value * 1000);
  if (word == "ms1") return fmt::format("{:.1f}", value * 1000);
  if (word == "us") return fmt::format("{:.1f}", value * 1e6);
  if (word == "x") return fmt::format("{:.1f}", value);
  if (word == "x3") return fmt::format("{:.3f}", value);
  if (word == "pct") return fmt::format("{:+.1f} %", value * 100);
  if (word == "met") return value != 0 ? "met" : "NOT met";
  throw Failure("unknown placeholder '" + word + "'");
}

}  // namespace

std::string render(const std::string& template_text, const std::string& template_name,
                   const Results& results) {
  std::istringstream in(template_text);
  std::string out;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    try {
      std::string rendered;
      size_t start = 0;
      for (size_t open = line.find("{{"); open != std::string::npos;
           open = line.find("{{", start)) {
        const size_t close = line.find("}}", open);
        if (close == std::string::npos) throw Failure("'{{' without '}}'");
        rendered += line.substr(start, open - start) +
                    expand(line.substr(open + 2, close - open - 2), results);
        start = close + 2;
      }
      out += rendered + line.substr(start) + "\n";
    } catch (const Skipped&) {
      continue;
    } catch (const Failure& failure) {
      throw Failure(fmt::format("{}:{}: {}", template_name, number, failure.what()));
    }
  }
  return out;
}

}  // namespace kitty_bench
