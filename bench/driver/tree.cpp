#include "tree.h"

#include <fmt/format.h>

#include <fmt/ranges.h>

#include <regex>

#include "failure.h"

namespace kitty_bench {

const nlohmann::json& Trees::list(const std::string& dir) {
  const auto found = lists_.find(dir);
  if (found != lists_.end()) return found->second;
  const Finished listed = run(plain({cli_, "list", "--json", "--test-dir", dir}), false);
  nlohmann::json document = nlohmann::json::parse(listed.output, nullptr, false);
  if (listed.exit_code != 0 || document.is_discarded() || !document.contains("tests")) {
    throw Failure(
        fmt::format("gtest-kitty list --json --test-dir {} failed: {}", dir, listed.output));
  }
  return lists_.emplace(dir, std::move(document)).first->second;
}

Launch Trees::test(const std::string& dir, const std::string& name) {
  for (const nlohmann::json& test : list(dir).at("tests")) {
    if (test.at("name") != name) continue;
    Launch launch;
    launch.argv = test.at("command").get<std::vector<std::string>>();
    launch.working_directory = test.at("working_directory").get<std::string>();
    if (launch.working_directory.empty()) launch.working_directory = dir;
    launch.environment = test.at("environment").get<std::vector<std::string>>();
    if (launch.argv.empty()) throw Failure(fmt::format("{} in {} has no command", name, dir));
    return launch;
  }
  throw Failure(fmt::format("no test named {} is registered in {}", name, dir));
}

long Trees::tests(const std::string& dir, const std::string& prefix) {
  long count = 0;
  for (const nlohmann::json& test : list(dir).at("tests")) {
    count += test.at("name").get<std::string>().starts_with(prefix);
  }
  return count;
}

long Trees::units(const std::string& dir, const std::string& prefix) {
  long count = 0;
  for (const nlohmann::json& test : list(dir).at("tests")) {
    count += test.at("name").get<std::string>().starts_with(prefix) && test.at("kitty").get<bool>();
  }
  return count;
}

std::string ctest_outcome(const Launch& ctest) {
  const Finished finished = run(ctest);
  std::smatch match;
  std::string last;
  const std::regex summary("tests passed, ([0-9]+) tests? failed out of ([0-9]+)");
  for (auto it = std::sregex_iterator(finished.output.begin(), finished.output.end(), summary);
       it != std::sregex_iterator(); ++it) {
    last = fmt::format("{} of {} failed", (*it)[1].str(), (*it)[2].str());
  }
  if (last.empty()) {
    throw Failure(
        fmt::format("{} printed no summary:\n{}", fmt::join(ctest.argv, " "), finished.output));
  }
  return last;
}

}  // namespace kitty_bench
