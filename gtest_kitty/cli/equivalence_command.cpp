#include "equivalence_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>

#include "equivalence.h"
#include "process.h"
#include "registry.h"

namespace kitty::cli {
namespace {

// What `program` runs with `selection`: --gtest_list_tests, minus DISABLED_
// tests, which a run skips (the listing shows them when the filter matches).
Expected<std::vector<std::string>> listed(std::vector<std::string> arguments,
                                          const std::optional<std::string>& selection) {
  if (selection) arguments.push_back(*selection);
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
  // Units by the program that runs them (the binary with the arguments
  // every registration gives it: an EXTRA_ARGS filter applies to both sides).
  std::map<std::vector<std::string>, std::vector<const RegisteredTest*>> units_of_binary;
  for (const RegisteredTest& test : registry->tests) {
    if (!test.kitty_selector) continue;
    const ProgramCommand command = split_command(test);
    if (command.program.empty()) return fail("cannot tell the binary of " + test.name);
    units_of_binary[command.program].push_back(&test);
  }
  if (units_of_binary.empty()) {
    return fail("no kitty tests are registered in " + options.test_dir +
                " (is it a build tree with kitty_add_tests?)");
  }
  bool all_equivalent = true;
  for (const auto& [program, units] : units_of_binary) {
    const std::string binary = fmt::format("{}", fmt::join(program, " "));
    const Expected<std::vector<std::string>> serial = listed(program, std::nullopt);
    if (!serial) return Unexpected<Error>(serial.error());
    std::vector<SelectedTests> selections;
    for (const RegisteredTest* unit : units) {
      if (unit->disabled) continue;  // selects nothing: its tests go missing
      const Expected<std::vector<std::string>> tests = listed(program, unit->kitty_selector);
      if (!tests) return Unexpected<Error>(tests.error());
      selections.push_back({unit->name, *tests});
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
