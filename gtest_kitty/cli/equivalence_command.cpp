#include "equivalence_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "equivalence.h"
#include "process.h"
#include "registry.h"

namespace kitty::cli {
namespace {

// A registered kitty unit: its binary, selector, and the arguments after it.
struct Unit {
  const RegisteredTest* test = nullptr;
  std::string binary;
  std::vector<std::string> arguments;  // after the selector, minus --gtest_output
};

std::optional<Unit> unit_of(const RegisteredTest& test) {
  const auto selector = std::find(test.command.begin(), test.command.end(), *test.kitty_selector);
  if (selector == test.command.begin()) return std::nullopt;
  Unit unit{&test, *(selector - 1), {}};
  for (auto it = selector + 1; it != test.command.end(); ++it) {
    if (it->rfind("--gtest_output", 0) != 0) unit.arguments.push_back(*it);
  }
  return unit;
}

// What `binary` runs with `arguments`: --gtest_list_tests, minus DISABLED_
// tests, which a run skips (the listing shows them when the filter matches).
Expected<std::vector<std::string>> listed(const std::string& binary,
                                          std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), binary);
  arguments.push_back("--gtest_list_tests");
  ProcessOptions options;
  options.environment["KITTY_ISOLATION"] = "off";     // listing needs no home
  options.environment["KITTY_RUN_QUARANTINE"] = "1";  // quarantine is a run-time gate
  const ProcessResult result = run_process(arguments, options);
  if (result.exit_code != 0) {
    return fail(fmt::format("{} exited {} when asked for its tests: {}", fmt::join(arguments, " "),
                            result.exit_code, result.output.substr(0, result.output.find('\n'))),
                1);
  }
  std::vector<std::string> tests;
  for (const std::string& test : parse_test_list(result.output)) {
    const std::string::size_type dot = test.find('.');
    const std::string suite = test.substr(0, dot);
    const std::string name = test.substr(dot + 1);
    const auto disabled = [](const std::string& part) {
      return part.rfind("DISABLED_", 0) == 0 || part.find("/DISABLED_") != std::string::npos;
    };
    if (!disabled(suite) && !disabled(name)) tests.push_back(test);
  }
  return tests;
}

void print_report(const std::string& title, const EquivalenceReport& report) {
  const auto section = [](const char* what, const std::vector<std::string>& names) {
    for (const std::string& name : names) fmt::print("  {}: {}\n", what, name);
  };
  fmt::print("{}: {}\n", title, report.equivalent() ? "equivalent" : "NOT equivalent");
  section("missing", report.missing);
  section("extra", report.extra);
  section("duplicated", report.duplicated);
  section("misordered", report.misordered);
}

}  // namespace

CLI::App* add_equivalence_command(CLI::App& app, EquivalenceOptions& options) {
  CLI::App* equivalence = app.add_subcommand(
      "equivalence", "Prove the registered tests select exactly what serial runs run");
  equivalence->add_option("--test-dir", options.test_dir, "The build tree (default: .)")
      ->check(CLI::ExistingDirectory);
  equivalence->add_flag("--self-check", options.self_check,
                        "Also show the comparison catches a dropped and a duplicated unit");
  return equivalence;
}

Expected<int> run_equivalence_command(const EquivalenceOptions& options) {
  const Expected<Registry> registry = load_registry(options.test_dir);
  if (!registry) return Unexpected<Error>(registry.error());
  std::map<std::string, std::vector<Unit>> units_of_binary;
  std::vector<std::string> arguments_of_binary;
  for (const RegisteredTest& test : registry->tests) {
    if (!test.kitty_selector) continue;
    const std::optional<Unit> unit = unit_of(test);
    if (!unit) return fail("cannot tell the binary of " + test.name);
    units_of_binary[unit->binary].push_back(*unit);
  }
  if (units_of_binary.empty()) {
    return fail("no kitty tests are registered in " + options.test_dir +
                " (is it a build tree with kitty_add_tests?)");
  }
  bool all_equivalent = true;
  for (const auto& [binary, units] : units_of_binary) {
    // The serial run: the binary with the registration's own arguments
    // (an EXTRA_ARGS filter applies to both), and no selection.
    const Expected<std::vector<std::string>> serial = listed(binary, units.front().arguments);
    if (!serial) return Unexpected<Error>(serial.error());
    std::vector<SelectedTests> selections;
    for (const Unit& unit : units) {
      if (unit.test->disabled) continue;  // selects nothing: its tests go missing
      std::vector<std::string> arguments = unit.arguments;
      arguments.insert(arguments.begin(), *unit.test->kitty_selector);
      const Expected<std::vector<std::string>> tests = listed(binary, arguments);
      if (!tests) return Unexpected<Error>(tests.error());
      selections.push_back({unit.test->name, *tests});
    }
    const SelectedTests serial_tests{"serial " + binary, *serial};
    const EquivalenceReport report = compare_selections(serial_tests, selections);
    print_report(
        fmt::format("{} ({} tests, {} registered units)", binary, serial->size(), units.size()),
        report);
    all_equivalent = all_equivalent && report.equivalent();
    if (options.self_check && !selections.empty()) {
      std::vector<SelectedTests> dropped(selections.begin() + 1, selections.end());
      std::vector<SelectedTests> doubled = selections;
      doubled.push_back(selections.front());
      const bool caught = (selections.front().tests.empty() ||
                           !compare_selections(serial_tests, dropped).missing.empty()) &&
                          (selections.front().tests.empty() ||
                           !compare_selections(serial_tests, doubled).duplicated.empty());
      fmt::print("  self-check: a dropped and a duplicated unit are {}\n",
                 caught ? "caught" : "NOT caught");
      all_equivalent = all_equivalent && caught;
    }
  }
  return all_equivalent ? 0 : 1;
}

}  // namespace kitty::cli
