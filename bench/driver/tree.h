// What a build tree registers, asked of `gtest-kitty list --json` (never of
// kitty's generated files), and ctest's verdict on a run of it.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "process.h"

namespace kitty_bench {

class Trees {
 public:
  explicit Trees(std::string cli) : cli_(std::move(cli)) {}

  // A registered test exactly as ctest starts it: its command, ENVIRONMENT
  // and WORKING_DIRECTORY.
  Launch test(const std::string& dir, const std::string& name);

  // How many tests `dir` registers (whose names start with `prefix`), and
  // how many of them are kitty units.
  long tests(const std::string& dir, const std::string& prefix = "");
  long units(const std::string& dir, const std::string& prefix = "");

 private:
  const nlohmann::json& list(const std::string& dir);
  std::string cli_;
  std::map<std::string, nlohmann::json> lists_;
};

// Runs a ctest command; "N of M failed" from its summary line.
std::string ctest_outcome(const Launch& ctest);

}  // namespace kitty_bench
