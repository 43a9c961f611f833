#include "cli/model/registry.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "cli/adapters/json_reader.h"
#include "cli/adapters/process.h"
#include "common/kitty_flag.h"

namespace kitty::cli {

namespace {

Expected<Registry> parse_document(const std::string& test_dir, const std::string& json_text) {
  const nlohmann::json document = nlohmann::json::parse(json_text, nullptr, false);
  if (document.is_discarded() || !document.is_object() || !document.contains("tests")) {
    return fail("ctest did not describe the tests of " + test_dir + " (is it a build tree?)");
  }
  Registry registry{test_dir, {}, {}, {}};
  for (const nlohmann::json& entry : document.at("tests")) {
    RegisteredTest test;
    test.name = entry.value("name", "");
    if (entry.contains("command")) {
      for (const nlohmann::json& word : entry.at("command")) {
        test.command.push_back(word.get<std::string>());
        if (internal::is_kitty_flag(test.command.back()) && !test.kitty_selector) {
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
        for (const nlohmann::json& word : value) {
          test.environment.push_back(word.get<std::string>());
          const std::string_view split_prefix = "KITTY_SPLIT_FILE=";
          if (test.environment.back().starts_with(split_prefix)) {
            test.split_file = test.environment.back().substr(split_prefix.size());
          }
        }
      }
    }
    registry.tests.push_back(std::move(test));
  }
  return registry;
}

}  // namespace

Expected<Registry> parse_registry(const std::string& test_dir, const std::string& json_text) {
  return read_json([&] { return parse_document(test_dir, json_text); },
                   [&](const std::string& what) {
                     return fmt::format("ctest's description of {}'s tests is malformed ({})",
                                        test_dir, what);
                   });
}

std::string xml_report_of(const RegisteredTest& test) {
  const std::string_view flag = "--gtest_output=xml:";
  for (const std::string& word : test.command) {
    if (word.starts_with(flag)) return word.substr(flag.size());
  }
  return {};
}

bool quarantined_unit(const RegisteredTest& test) {
  return std::find(test.environment.begin(), test.environment.end(), "KITTY_QUARANTINED_UNIT=1") !=
         test.environment.end();
}

std::string unit_file(const RegisteredTest& test) {
  if (!test.kitty_selector) return {};
  if (!test.split_file.empty()) return test.split_file;
  return std::string(
      internal::kitty_flag_value(*test.kitty_selector, protocol::kFlagFile).value_or(""));
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
    const bool unit_flag = internal::is_kitty_flag(word) || word.rfind("--gtest_output=", 0) == 0;
    (unit_flag ? split.unit_flags : split.program).push_back(word);
  }
  return split;
}

namespace {

// ctest --show-only of `test_dir`, with -C `config` when given.
Expected<Registry> show_registry(const std::string& test_dir, const std::string& config) {
  ProcessOptions options;
  options.merge_stderr = false;  // keep warnings out of the JSON
  std::vector<std::string> argv = {"ctest", "--test-dir", test_dir, "--show-only=json-v1"};
  if (!config.empty()) argv.insert(argv.end(), {"-C", config});
  const Expected<ProcessResult> started = run_program(argv, options);
  if (!started) return fail(started.error().message + ": install CMake and put ctest on PATH");
  const ProcessResult& shown = *started;
  if (shown.exit_code != 0) {
    return fail("ctest --show-only failed in " + test_dir + " (exit " +
                std::to_string(shown.exit_code) + ")");
  }
  Expected<Registry> registry = parse_registry(test_dir, shown.output);
  if (registry) registry->config = config;
  return registry;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A kitty test registered in this configuration: its binary was built.
bool has_kitty_units(const Registry& registry) {
  return std::any_of(registry.tests.begin(), registry.tests.end(),
                     [](const RegisteredTest& test) { return test.kitty_selector.has_value(); });
}

// kitty's stand-in for a target not built in this configuration.
bool has_not_built_stand_in(const Registry& registry) {
  const std::string suffix = "/NOT_BUILT";
  for (const RegisteredTest& test : registry.tests) {
    const bool named = test.name.ends_with(suffix);
    const bool kitty = std::any_of(
        test.command.begin(), test.command.end(),
        [](const std::string& word) { return word.rfind("-DKITTY_FAIL_MESSAGE=", 0) == 0; });
    if (named && kitty) return true;
  }
  return false;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

BuildConfigurations read_build_configurations(const std::string& test_dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::path dir = fs::absolute(test_dir, error).lexically_normal();
  if (error) return {};
  // Up from a subdirectory of the build tree (ctest --test-dir works there),
  // never out of it: every directory of a tree with tests has a CTestTestfile.
  while (!fs::exists(dir / "CMakeCache.txt", error)) {
    if (!fs::exists(dir / "CTestTestfile.cmake", error) || !dir.has_relative_path()) return {};
    dir = dir.parent_path();
  }
  std::map<std::string, std::string> cache;
  std::ifstream in(dir / "CMakeCache.txt");
  for (std::string line; std::getline(in, line);) {
    const size_t colon = line.find(':');
    const size_t equals = line.find('=');
    if (line.empty() || line[0] == '#' || line[0] == '/' || colon == std::string::npos ||
        equals == std::string::npos || colon > equals) {
      continue;
    }
    cache[line.substr(0, colon)] = line.substr(equals + 1);
  }
  const std::string& generator = cache["CMAKE_GENERATOR"];
  BuildConfigurations tree;
  tree.multi_config = generator == "Ninja Multi-Config" ||
                      generator.rfind("Visual Studio", 0) == 0 || generator == "Xcode";
  if (!tree.multi_config) return tree;
  tree.names = split(cache["CMAKE_CONFIGURATION_TYPES"], ';');
  tree.default_build_type = cache["CMAKE_DEFAULT_BUILD_TYPE"];
  return tree;
}

Expected<std::string> known_config(const BuildConfigurations& tree, const std::string& requested,
                                   const std::string& test_dir) {
  for (const std::string& name : tree.names) {
    if (lower(name) == lower(requested)) return name;
  }
  return fail(fmt::format("-C {}: {} has no such configuration (it has {})", requested, test_dir,
                          fmt::join(tree.names, ", ")));
}

Expected<void> default_config(const BuildConfigurations& tree,
                              const std::vector<std::string>& built, Registry& registry) {
  const auto is_built = [&built](const std::string& name) {
    return std::find(built.begin(), built.end(), name) != built.end();
  };
  if (!tree.default_build_type.empty() && is_built(tree.default_build_type)) {
    registry.config = tree.default_build_type;
    registry.config_reason = "CMAKE_DEFAULT_BUILD_TYPE";
  } else if (built.size() == 1) {
    registry.config = built.front();
    registry.config_reason = "the only configuration built";
  } else if (built.empty()) {
    return fail(fmt::format(
        "no configuration of the multi-config tree {} has kitty tests built (it has {}): build "
        "one (cmake --build {} --config {}) or pass -C <config>",
        registry.test_dir, fmt::join(tree.names, ", "), registry.test_dir,
        tree.names.empty() ? std::string("Debug") : tree.names.front()));
  } else {
    return fail(
        fmt::format("{} is a multi-config tree with {} built: pass -C <config>, as ctest needs",
                    registry.test_dir, fmt::join(built, " and ")));
  }
  return {};
}

Expected<Registry> load_registry(const std::string& test_dir, const std::string& config) {
  const BuildConfigurations tree = read_build_configurations(test_dir);
  if (!tree.multi_config) return show_registry(test_dir, config);  // ctest ignores a -C there
  if (!config.empty()) {
    KITTY_TRY(const std::string name, known_config(tree, config, test_dir));
    KITTY_TRY(Registry registry, show_registry(test_dir, name));
    if (!has_kitty_units(registry) && has_not_built_stand_in(registry)) {
      return fail(
          fmt::format("-C {}: not built in {}: build it (cmake --build {} --config {}) or "
                      "pass the -C of a built configuration",
                      name, test_dir, test_dir, name));
    }
    return registry;
  }
  // No -C: ask ctest for each configuration, as it would list it.
  std::vector<Registry> registries;
  std::vector<std::string> built;
  for (const std::string& name : tree.names) {
    KITTY_TRY(Registry registry, show_registry(test_dir, name));
    if (has_kitty_units(registry)) built.push_back(name);
    registries.push_back(std::move(registry));
  }
  Registry chosen{test_dir, {}, {}, {}};
  KITTY_TRY_VOID(default_config(tree, built, chosen));
  for (Registry& registry : registries) {
    if (registry.config == chosen.config) {
      registry.config_reason = chosen.config_reason;
      return std::move(registry);
    }
  }
  return fail("no configuration " + chosen.config + " in " + test_dir);  // not reached
}

void add_config_option(CLI::App& command, std::string& config) {
  command.add_option("-C,--config", config,
                     "The configuration to test, as ctest -C (multi-config trees; default: the "
                     "only one built)");
}

void add_build_tree_options(CLI::App& command, std::string& test_dir, std::string& config) {
  command.add_option("--test-dir", test_dir, "The build tree (default: .)")
      ->check(CLI::ExistingDirectory);
  add_config_option(command, config);
}

std::string describe_config(const Registry& registry) {
  if (registry.config.empty()) return {};
  if (registry.config_reason.empty()) return "configuration " + registry.config;
  return fmt::format("configuration {} ({}; -C picks another)", registry.config,
                     registry.config_reason);
}

void announce_config(const std::string& command, const Registry& registry) {
  if (registry.config_reason.empty()) return;
  fmt::print("gtest-kitty {}: {}\n", command, describe_config(registry));
  std::fflush(stdout);
}

}  // namespace kitty::cli
