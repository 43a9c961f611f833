#include "registry.h"

#include <nlohmann/json.hpp>

#include "process.h"

namespace kitty::cli {

Expected<Registry> parse_registry(const std::string& test_dir, const std::string& json_text) {
  const nlohmann::json document = nlohmann::json::parse(json_text, nullptr, false);
  if (document.is_discarded() || !document.is_object() || !document.contains("tests")) {
    return fail("ctest did not describe the tests of " + test_dir + " (is it a build tree?)");
  }
  Registry registry{test_dir, {}};
  for (const nlohmann::json& entry : document.at("tests")) {
    RegisteredTest test;
    test.name = entry.value("name", "");
    if (entry.contains("command")) {
      for (const nlohmann::json& word : entry.at("command")) {
        test.command.push_back(word.get<std::string>());
        if (test.command.back().rfind("--kitty_", 0) == 0 && !test.kitty_selector) {
          test.kitty_selector = test.command.back();
        }
      }
    }
    for (const nlohmann::json& property : entry.value("properties", nlohmann::json::array())) {
      const std::string name = property.value("name", "");
      const nlohmann::json& value = property.at("value");
      if (name == "LABELS") {
        for (const nlohmann::json& label : value) test.labels.push_back(label.get<std::string>());
      } else if (name == "DISABLED") {
        test.disabled = value.is_boolean() ? value.get<bool>() : value.dump() != "\"FALSE\"";
      } else if (name == "COST" && value.is_number()) {
        test.cost = value.get<double>();
      } else if (name == "TIMEOUT" && value.is_number()) {
        test.timeout = value.get<double>();
      } else if (name == "WORKING_DIRECTORY" && value.is_string()) {
        test.working_directory = value.get<std::string>();
      } else if (name == "ENVIRONMENT" && value.is_array()) {
        for (const nlohmann::json& word : value)
          test.environment.push_back(word.get<std::string>());
      }
    }
    registry.tests.push_back(std::move(test));
  }
  return registry;
}

ProgramCommand split_command(const RegisteredTest& test) {
  ProgramCommand split;
  size_t first = 0;
  const bool launched =
      !test.command.empty() && test.command.front().find("gtest-kitty-launch") != std::string::npos;
  if (launched) {
    while (first < test.command.size() && test.command[first] != "--") ++first;
    ++first;
  }
  for (size_t i = first; i < test.command.size(); ++i) {
    const std::string& word = test.command[i];
    const bool unit_flag = word.rfind("--kitty_", 0) == 0 || word.rfind("--gtest_output=", 0) == 0;
    (unit_flag ? split.unit_flags : split.program).push_back(word);
  }
  return split;
}

Expected<Registry> load_registry(const std::string& test_dir) {
  ProcessOptions options;
  options.merge_stderr = false;  // keep warnings out of the JSON
  const ProcessResult shown =
      run_process({"ctest", "--test-dir", test_dir, "--show-only=json-v1"}, options);
  if (shown.exit_code == 127) return fail("ctest not found: install CMake and put ctest on PATH");
  if (shown.exit_code != 0) {
    return fail("ctest --show-only failed in " + test_dir + " (exit " +
                std::to_string(shown.exit_code) + ")");
  }
  return parse_registry(test_dir, shown.output);
}

}  // namespace kitty::cli
