#include "cli/commands/run_command.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest_kitty/kitty.h>

#include "cli/model/record_reader.h"
#include "common/kitty_flag.h"
#include "common/settings.h"
#include "common/shell_quote.h"

namespace kitty::cli {
namespace {

using Variables = std::vector<std::pair<std::string, std::string>>;

// What runs: where, with which variables on top of ours, and the words.
struct Invocation {
  std::string working_directory;
  Variables environment;
  std::vector<std::string> argv;
};

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The three registered names nearest to what was asked for.
std::string closest(const std::vector<const RegisteredTest*>& candidates,
                    const std::string& asked) {
  std::vector<std::pair<size_t, std::string>> ranked;
  for (const RegisteredTest* test : candidates) {
    ranked.emplace_back(edit_distance(asked, test->name), test->name);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> names;
  for (size_t i = 0; i < ranked.size() && i < 3; ++i) names.push_back(ranked[i].second);
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string file_unit(const RegisteredTest& test) { return unit_file(test); }

// A SPLIT_FILES file has no one registration: say what runs it.
Expected<const RegisteredTest*> split_file_error(const std::vector<const RegisteredTest*>& pieces) {
  std::vector<std::string> names;
  for (const RegisteredTest* piece : pieces) names.push_back(piece->name);
  return fail(fmt::format(
      "{} is split (SPLIT_FILES) into {} registrations: run one by its ctest name ({}{}), or "
      "all of them with ctest -R",
      pieces.front()->split_file, pieces.size(),
      fmt::join(names.begin(), names.begin() + std::min<size_t>(names.size(), 3), ", "),
      names.size() > 3 ? ", ..." : ""));
}

// A registration of `target`: its binary is named after it, or its name is
// `<target>/<unit>` (a TEST_PREFIX only changes the latter).
bool of_target(const RegisteredTest& test, const std::string& target) {
  const ProgramCommand split = split_command(test);
  if (split.program.empty()) return false;
  std::string binary = std::filesystem::path(split.program.front()).filename().string();
  if (binary.size() > 4 && binary.ends_with(".exe")) binary.resize(binary.size() - 4);
  return binary == target || test.name == target + "/" + file_unit(test);
}

Expected<const RegisteredTest*> by_target_and_file(const Registry& registry,
                                                   const std::string& target,
                                                   const std::string& file) {
  std::vector<const RegisteredTest*> of_it;
  for (const RegisteredTest& test : registry.tests) {
    if (!file_unit(test).empty() && of_target(test, target)) of_it.push_back(&test);
  }
  if (of_it.empty()) {
    std::vector<const RegisteredTest*> all;
    for (const RegisteredTest& test : registry.tests) all.push_back(&test);
    return fail(fmt::format("no file of a target '{}' is registered in {}; closest: {}", target,
                            registry.test_dir, closest(all, target + "/" + file)));
  }
  std::vector<const RegisteredTest*> matches;
  std::vector<const RegisteredTest*> exact;
  for (const RegisteredTest* test : of_it) {
    const std::string unit = file_unit(*test);
    if (unit == file) exact.push_back(test);  // an exact path always wins
    if (unit.ends_with("/" + file)) matches.push_back(test);
  }
  if (!exact.empty()) matches = exact;
  const bool one_split_file =
      !matches.empty() && !matches.front()->split_file.empty() &&
      std::all_of(matches.begin(), matches.end(), [&](const RegisteredTest* test) {
        return test->split_file == matches.front()->split_file;
      });
  if (one_split_file) return split_file_error(matches);
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    return fail(fmt::format("{} has no file '{}' registered in {}; closest: {}", target, file,
                            registry.test_dir, closest(of_it, target + "/" + file)));
  }
  std::vector<std::string> names;
  for (const RegisteredTest* test : matches) names.push_back(test->name);
  return fail(fmt::format("'{}' names {} files of {}: {}; give more of its path", file,
                          matches.size(), target, fmt::join(names, ", ")));
}

bool shell_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// `cd DIR && NAME=value ... COMMAND...`, for sh.
std::string shell_command(const Invocation& invocation) {
  const bool assignments =
      std::all_of(invocation.environment.begin(), invocation.environment.end(),
                  [](const auto& variable) { return shell_name(variable.first); });
  std::string command = "cd " + internal::shell_word(invocation.working_directory) + " &&";
  if (!assignments && !invocation.environment.empty()) command += " env --";
  for (const auto& [name, value] : invocation.environment) {
    command += " " + (assignments ? name + "=" + internal::shell_word(value)
                                  : internal::shell_word(name + "=" + value));
  }
  for (const std::string& word : invocation.argv) command += " " + internal::shell_word(word);
  return command;
}

Expected<Invocation> invocation_of(const RegisteredTest& test, const RunOptions& options) {
  if (test.command.empty()) return fail(fmt::format("ctest has no command to run {}", test.name));
  if (test.working_directory.empty()) {
    return fail(fmt::format(
        "{} has no WORKING_DIRECTORY, and ctest does not say which directory it runs it in: run "
        "it with ctest --test-dir {} -R (it was not registered by kitty_add_tests)",
        test.name, options.test_dir));
  }
  Invocation invocation;
  invocation.working_directory = test.working_directory;
  // A run by hand: its runs are pruned among runs by hand, so that
  // rerunning a file never evicts the home a failed ctest run kept.
  if (kitty::internal::read_setting("KITTY_RUN_KIND") == nullptr) {
    invocation.environment.emplace_back("KITTY_RUN_KIND", "direct");
  }
  if (!options.debugger.empty()) invocation.environment.emplace_back("KITTY_DEBUG", "1");
  for (const std::string& variable : test.environment) {
    const size_t equals = variable.find('=');
    if (equals == std::string::npos) continue;  // ctest ignores it too
    invocation.environment.emplace_back(variable.substr(0, equals), variable.substr(equals + 1));
  }
  if (!options.debugger.empty()) {
    std::istringstream words(options.debugger);
    for (std::string word; words >> word;) invocation.argv.push_back(word);
  }
  // The registration's XML report (XML_OUTPUT_DIR) belongs to the ctest
  // run: a run by hand, filtered or repeated, must not overwrite what
  // merge-junit later merges. A report of its own goes after --.
  for (const std::string& word : test.command) {
    if (word.rfind("--gtest_output=", 0) != 0) invocation.argv.push_back(word);
  }
  invocation.argv.insert(invocation.argv.end(), options.extra_args.begin(),
                         options.extra_args.end());
  return invocation;
}

// In the process that becomes the test's: what ctest does before it starts
// it (enter its directory, set its variables), then the test in its place.
// Returns only with why it could not.
Error become(const Invocation& invocation) {
  if (chdir(invocation.working_directory.c_str()) != 0) {
    return {fmt::format("cannot enter the working directory {}: {}", invocation.working_directory,
                        std::strerror(errno))};
  }
  for (const auto& [name, value] : invocation.environment) {
    setenv(name.c_str(), value.c_str(), 1);
  }
  std::vector<char*> argv;
  for (const std::string& word : invocation.argv) argv.push_back(const_cast<char*>(word.c_str()));
  argv.push_back(nullptr);
  execvp(argv[0], argv.data());
  return {fmt::format("cannot run {}: {}", invocation.argv[0], std::strerror(errno))};
}

pid_t g_child = -1;

void pass_on(int signal_number) {
  if (g_child > 0) kill(g_child, signal_number);
}

// Runs it as ctest would, its output straight to ours; its wait status.
Expected<int> run_and_wait(const Invocation& invocation) {
  std::fflush(stdout);
  g_child = fork();
  if (g_child < 0) {
    return fail(fmt::format("cannot run {}: fork: {}", invocation.argv[0], std::strerror(errno)));
  }
  if (g_child == 0) {
    // The child has no caller to return to: its one line, and ctest's
    // "could not start" exit code for the parent to report.
    fmt::print(stderr, "gtest-kitty: {}\n", become(invocation).message);
    _exit(127);
  }
  // Ctrl-C reaches the launcher from the terminal, and the launcher stops
  // its test: wait for it to tell us how that went, as system() does.
  signal(SIGINT, SIG_IGN);
  signal(SIGQUIT, SIG_IGN);
  signal(SIGTERM, pass_on);
  signal(SIGHUP, pass_on);
  int status = 0;
  while (waitpid(g_child, &status, 0) < 0) {
    if (errno != EINTR) {
      return fail(fmt::format("lost {} (waitpid: {})", invocation.argv[0], std::strerror(errno)));
    }
  }
  return status;
}

// How ctest's console reports a process killed by `signal_number` (its
// words, in its order).
std::string ctest_exception(int signal_number) {
  switch (signal_number) {
    case SIGSEGV:
      return "***Exception: SegFault";
    case SIGILL:
      return "***Exception: Illegal";
    case SIGINT:
      return "***Exception: Interrupt";
    case SIGFPE:
      return "***Exception: Numerical";
    case SIGABRT:
      return "Subprocess aborted***Exception:";
    case SIGTERM:
      return "Subprocess terminated***Exception:";
    case SIGKILL:
      return "Subprocess killed***Exception:";
    case SIGBUS:
      return "Bus error***Exception:";
    default: {
      std::string name = "Signal " + std::to_string(signal_number);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
      if (const char* abbreviation = sigabbrev_np(signal_number)) {
        name = "SIG" + std::string(abbreviation);
      }
#endif
      return name + "***Exception:";
    }
  }
}

}  // namespace

Expected<const RegisteredTest*> find_registration(const Registry& registry,
                                                  const std::vector<std::string>& names) {
  if (names.empty() || names.size() > 2) {
    return fail("run takes a test name, or a target and a file");
  }
  if (registry.tests.empty())
    return fail(fmt::format("no tests registered in {}", registry.test_dir));
  if (names.size() == 2) return by_target_and_file(registry, names[0], names[1]);
  for (const RegisteredTest& test : registry.tests) {
    if (test.name == names[0]) return &test;
  }
  std::vector<const RegisteredTest*> all;
  for (const RegisteredTest& test : registry.tests) all.push_back(&test);
  return fail(fmt::format("no test '{}' registered in {}; closest: {}", names[0], registry.test_dir,
                          closest(all, names[0])));
}

CLI::App* add_run_command(CLI::App& app, RunOptions& options) {
  CLI::App* run = app.add_subcommand(
      "run", "Run one registered test by hand exactly as ctest does (isolation included)");
  run->add_option("test", options.names,
                  "The ctest test name (unit_tests/a_test.cpp), or a target and a file "
                  "(unit_tests a_test.cpp)")
      ->required()
      ->expected(1, 2);
  add_build_tree_options(*run, options.test_dir, options.config);
  run->add_flag("--print,--dry-run", options.print,
                "Print the shell command (cd, environment, command) instead of running it");
  run->add_flag("--debug{gdb --args}", options.debugger,
                "Run it under a debugger: gdb --args, or --debug='WORDS' (lldb --); the "
                "launcher execs the test in place (KITTY_DEBUG=1)");
  run->footer(
      "Arguments after -- go to the test binary: -- --gtest_filter='*Reaps*' "
      "--gtest_repeat=20");
  return run;
}

Expected<int> run_run_command(const RunOptions& options) {
  KITTY_TRY(const Registry registry, load_registry(options.test_dir, options.config));
  // On stderr: stdout is the test's own output, or the --print command.
  if (!registry.config_reason.empty()) {
    fmt::print(stderr, "gtest-kitty run: {}\n", describe_config(registry));
  }
  KITTY_TRY(const RegisteredTest* const found, find_registration(registry, options.names));
  const RegisteredTest& test = *found;
  KITTY_TRY(const Invocation invocation, invocation_of(test, options));
  if (options.print) {
    fmt::print("{}\n", shell_command(invocation));
    return 0;
  }
  if (test.disabled) {
    fmt::print(stderr, "gtest-kitty: {} is disabled: ctest would not run it; running it anyway\n",
               test.name);
  }
  if (!options.debugger.empty()) {
    // The debugger owns the terminal and the test: it takes our place.
    std::fflush(stdout);
    return Unexpected<Error>(become(invocation));
  }
  KITTY_TRY(const int status, run_and_wait(invocation));
  if (WIFSIGNALED(status)) {
    fmt::print(stderr, "gtest-kitty: {} ... {} ({})\n", test.name,
               ctest_exception(WTERMSIG(status)), strsignal(WTERMSIG(status)));
    return 128 + WTERMSIG(status);
  }
  const int code = WEXITSTATUS(status);
  const std::string verdict = code == 0 ? "Passed"
                              : code == kitty::kExitSkipped && test.kitty_selector
                                  ? "***Skipped"
                                  : fmt::format("***Failed (exit {})", code);
  fmt::print(stderr, "gtest-kitty: {} ... {}\n", test.name, verdict);
  return code;
}

}  // namespace kitty::cli
