#include "runtime/install.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include <gtest_kitty/kitty.h>

#include "common/settings.h"
#include "common/status.h"
#include "common/utf8_path.h"
#include "isolation/hand_over.h"
#include "isolation/isolation.h"
#include "isolation/setup.h"
#include "listing/catalog.h"
#include "listing/listing.h"
#include "listing/units.h"
#include "platform/environment.h"
#include "platform/files.h"
#include "platform/process.h"
#include "record/record_writer.h"
#include "runtime/baseline.h"
#include "runtime/gates.h"
#include "runtime/gtest_compat.h"
#include "runtime/options.h"
#include "runtime/port_lease.h"
#include "runtime/rerun.h"
#include "runtime/selection.h"
#include "runtime/shard.h"

namespace kitty::internal {
namespace {

// --kitty_list: the listing, and nothing else.
Status list_units(const Options& options) {
  const Catalog catalog = catalog_from_gtest();
  const Result<Units> units =
      make_units(catalog, options.list_granularity, options.root, file_markers(), options.splits);
  if (!units) {
    return Failure{units.failure().category, "cannot list units: " + units.failure().message};
  }
  return write_listing_to(*options.list_path, catalog, *units, options.list_granularity,
                          options.root);
}

// What a run's files declared, in code (markers) or in CMake (kitty_add_tests
// passes KITTY_PORT_UNIT=1 / KITTY_QUARANTINED_UNIT=1 to a unit's process).
struct UnitTraits {
  bool uses_ports = false;
  bool quarantined = false;
};

Result<UnitTraits> traits_of(const std::vector<std::string>& files) {
  UnitTraits traits;
  for (const std::string& file : files) {
    const auto found = file_markers().find(file);
    if (found == file_markers().end()) continue;
    traits.uses_ports |= found->second.uses_ports;
    traits.quarantined |= found->second.quarantined;
  }
  const Result<bool> port_unit = switch_on("KITTY_PORT_UNIT");
  if (!port_unit) return port_unit.failure();
  const Result<bool> quarantined_unit = switch_on("KITTY_QUARANTINED_UNIT");
  if (!quarantined_unit) return quarantined_unit.failure();
  traits.uses_ports |= *port_unit;
  traits.quarantined |= *quarantined_unit;
  return traits;
}

// The files that declared markers: all a run without a selection needs to
// look at (a cheap map, where the catalog would copy every test).
std::vector<std::string> marked_files() {
  std::vector<std::string> files;
  for (const auto& [file, markers] : file_markers()) files.push_back(file);
  return files;
}

// A report never outlives the run it describes: a process that dies before
// GoogleTest writes its XML leaves none, rather than an earlier run's.
void remove_stale_report() {
  const std::string output = KITTY_GTEST_FLAG_GET(output);
  if (output.rfind("xml:", 0) != 0 || output.size() <= 4 || output.back() == '/') return;
  std::remove(output.c_str() + 4);
}

// The binary's file name, which kitty_add_tests makes the <target> of its
// ctest names: the real file, so that every job finds the same rows in the
// cost file however it started the binary (a symlink, a runfiles path);
// argv[0] only when the system cannot say.
std::string shard_executable_name(const char* argv0) {
  const std::filesystem::path exe = path_of_utf8(executable_path());
  if (!exe.filename().empty()) return utf8_of(exe.filename());
  return utf8_of(path_of_utf8(argv0 != nullptr ? argv0 : "").filename());
}

// Runs this shard's whole files only (runtime/shard.h): GoogleTest's filter
// narrowed to their tests, within the user's own filter. A cost file that
// cannot be used ends the process before anything runs.
void apply_shard(const ShardRequest& request, const char* argv0) {
  const Result<ShardBalance> balance = shard_balance(shard_executable_name(argv0));
  if (!balance) exit_with(balance.failure());
  const Catalog catalog = catalog_from_gtest();
  std::vector<ShardFile> files;
  std::vector<size_t> file_of_test;  // index into `files`, for each test of the catalog
  std::map<std::string, size_t> index_of;
  for (const CatalogTest& test : catalog) {
    const auto [at, added] = index_of.emplace(test.file, files.size());
    if (added) files.push_back({test.file, 0});
    ++files[at->second].tests;  // whatever the filter: the same plan in every job
    file_of_test.push_back(at->second);
  }
  const FilePlan plan = plan_files(files, request.total, *balance);
  const std::string user_filter = KITTY_GTEST_FLAG_GET(filter);
  const bool also_run_disabled = KITTY_GTEST_FLAG_GET(also_run_disabled_tests);
  std::vector<size_t> selected;
  for (size_t i = 0; i < catalog.size(); ++i) {
    const CatalogTest& test = catalog[i];
    if (plan.shard_of[file_of_test[i]] != request.index) continue;
    if (test.disabled() && !also_run_disabled) continue;
    if (!gtest_filter_matches(user_filter, test.full_name())) continue;
    selected.push_back(i);
  }
  const size_t mine =
      static_cast<size_t>(std::count(plan.shard_of.begin(), plan.shard_of.end(), request.index));
  KITTY_GTEST_FLAG_SET(filter, filter_running(catalog, selected));
  std::printf("gtest_kitty: shard %d of %d (%s): %zu of %zu files, %zu tests, balanced %s\n",
              request.index + 1, request.total, request.source.c_str(), mine, files.size(),
              selected.size(), plan.balanced_by.c_str());
}

// GoogleTest's premature-exit file belongs to the process it was set for:
// the launcher sets one for each process it starts, whose hand-over names
// that process. A kitty binary a launched test runs directly inherits the
// test's file, and its GoogleTest would create and then remove it: the
// launcher would miss the outer test's early end.
void drop_inherited_premature_exit_file() {
  const char* owner = read_setting(kIsolationPid);
  if (owner != nullptr && std::to_string(current_process_id()) != owner) {
    unset_variable("TEST_PREMATURE_EXIT_FILE");
  }
}

// A run without the launcher (Bazel's, by hand) owns the premature-exit file
// it was given, but has no hand-over to tell a kitty binary that one of its
// tests runs that the file is not that binary's. GoogleTest has made the
// file (and keeps its path) by the time the program starts: from then on
// the variable only misleads the processes the tests start.
class PrematureExitFileConsumer : public testing::EmptyTestEventListener {
  void OnTestProgramStart(const testing::UnitTest& /*unit_test*/) override {
    unset_variable("TEST_PREMATURE_EXIT_FILE");
  }
};

// Narrows GoogleTest's filter to the selection (nothing at all for a
// quarantined unit); a stale selection is a failure.
Result<UnitTraits> apply_selection(const Selector& selector) {
  const std::string user_filter = KITTY_GTEST_FLAG_GET(filter);
  const Result<Selection> selected =
      select_among(candidates_from_gtest(selector), selector, user_filter,
                   KITTY_GTEST_FLAG_GET(also_run_disabled_tests));
  if (!selected) return selected.failure();
  const Selection& selection = *selected;
  const std::string what = selector_flag(selector);
  const Result<UnitTraits> traits_or = traits_of(selection.files);
  if (!traits_or) return traits_or;
  UnitTraits traits = *traits_or;
  // Run nothing (GoogleTest still writes its report); the exit code says
  // Skipped, and no ports are leased for it.
  const auto skip = [&traits](const std::string& why) {
    std::printf("gtest_kitty: skipped: %s\n", why.c_str());
    // An empty filter matches no name (every full name holds at least the
    // '.'), and costs GoogleTest one hash per test; "-*" would cost two glob
    // matches per test, 20 ms over a binary of 100,000 tests.
    KITTY_GTEST_FLAG_SET(filter, "");
    traits.uses_ports = false;
    return traits;
  };
  if (traits.quarantined) {
    const Result<bool> run_quarantine = switch_on("KITTY_RUN_QUARANTINE");
    if (!run_quarantine) return run_quarantine.failure();
    if (!*run_quarantine) return skip(what + " is quarantined (KITTY_RUN_QUARANTINE=1 runs it)");
  }
  if (selection.tests.empty()) {
    return skip("none of the " + std::to_string(selection.named) + " tests of " + what +
                " is enabled and passes --gtest_filter=" + user_filter);
  }
  if (selection.narrows) KITTY_GTEST_FLAG_SET(filter, selection.filter);
  remove_stale_report();
  if (!KITTY_GTEST_FLAG_GET(list_tests)) {
    std::printf("gtest_kitty: %s selects %zu of %zu tests\n", what.c_str(), selection.tests.size(),
                selection.named);
  }
  return traits;
}

// A binary run directly keeps its isolated homes next to itself, like the
// launcher does in the build tree; elsewhere under TMPDIR.
std::string direct_run_base() {
  const std::filesystem::path exe = path_of_utf8(executable_path());
  if (!exe.empty() && is_writable_directory(utf8_of(exe.parent_path()))) {
    return utf8_of(exe.parent_path() / "kitty-homes");
  }
  std::error_code error;
  const std::filesystem::path tmp = std::filesystem::temp_directory_path(error);
  return (error ? shared_temporary_directory() : utf8_of(tmp)) + "/kitty-homes-" + user_key();
}

// Adopts the isolation the launcher made for this process, or makes one
// (a direct run: isolated from main() on, not its static initialisers).
// Validated as the launcher validates it (isolation/setup.h).
void set_up_isolation() {
  const Result<IsolationChoice> choice = isolation_choice();
  if (!choice) exit_with(choice.failure());
  if (!choice->enabled) return;
  IsolationState& state = isolation_state();
  const Result<std::optional<HandOver>> handed = read_hand_over(current_process_id());
  if (!handed) exit_with(handed.failure());
  if (handed->has_value()) {
    state.process = adopted_isolation(**handed);
    state.launched_us = (*handed)->launched_us;
  } else {
    SetupRequest request;
    request.fallback_base = direct_run_base();
    request.default_run_id = run_id_of_self();
    request.default_kind = kRunKindDirect;
    request.unit_name = "direct";
    Result<Isolation> made = set_up_process(request);
    if (!made) exit_with(made.failure());
    state.process = std::move(made.value());
    state.owned = true;
    set_variables(state.process.variables);
  }
  const HomeScope scope = choice->scope;
  state.current_home = state.process.home;
  state.active = true;
  // Appended after the outcome listener, so that it cleans up first: the
  // outcome listener may end the process from OnTestProgramEnd.
  testing::UnitTest::GetInstance()->listeners().Append(new BaselineListener(scope));
}

// Records the selected run for the tools (record/record_writer.h). A record that cannot
// be written is reported, and the tests still run: they are not at fault.
void set_up_record(const Options& options, const char* program, const std::string& rerun) {
  const IsolationState& state = isolation_state();
  const std::string run_dir = state.active ? state.process.run_dir : "";
  const std::string dir = record_directory(run_dir);
  if (dir.empty()) return;
  RecordHeader header;
  header.selector = selector_flag(*options.selector);
  const char* name = read_setting(kCtestNameVariable);
  header.name = name != nullptr && *name != '\0' ? name : header.selector;
  header.executable = program;
  header.rerun = rerun;
  header.run_id = state.active ? state.process.run_id
                               : settings_from_environment("", run_id_of_parent()).run_id;
  header.worker = state.active ? state.process.worker_index : -1;
  if (state.launched_us > 0) header.launched_us = state.launched_us;
  // Consumed: a kitty binary a test starts must not write into this run's
  // records, nor under this process's name.
  unset_variable(kRecordDirVariable);
  unset_variable(kCtestNameVariable);
  Result<std::unique_ptr<RecordListener>> listener = RecordListener::open(dir, header);
  if (!listener) {
    std::fprintf(stderr, "gtest_kitty: warning: no run record: %s\n",
                 listener.failure().message.c_str());
    return;
  }
  testing::UnitTest::GetInstance()->listeners().Append(std::move(listener).value().release());
}

}  // namespace

Installation install(int* argc, char** argv, bool exit_on_skip) {
  const Result<Options> parsed = parse_options(argc, argv, process_variable);
  if (!parsed) exit_with(parsed.failure());
  const Options& options = *parsed;
  if (options.help) {
    std::fputs(options_help().c_str(), stdout);
    std::exit(0);
  }
  if (options.list_path) {
    const Status listed = list_units(options);
    if (!listed) exit_with(listed.failure());
    std::exit(0);
  }

  Installation installation;
  // A death-test child re-runs this binary with a filter naming its one test
  // and must run just that test.
  if (!KITTY_GTEST_FLAG_GET(internal_run_death_test).empty()) return installation;

  drop_inherited_premature_exit_file();
  installation.selection = options.selector.has_value();
  // A CI matrix's or Bazel's shard (runtime/shard.h): refused before
  // anything runs when unusable. GoogleTest must not split by test on top:
  // a unit selected by its ctest test runs whole in any case.
  const Result<std::optional<ShardRequest>> shard = shard_request();
  if (!shard) exit_with(shard.failure());
  if (shard->has_value()) {
    const Status touched = touch_status_files(**shard);
    if (!touched) exit_with(touched.failure());
    // Consumed, Bazel's pair too: a kitty binary that a test of this shard
    // runs is no shard of anything, and would otherwise run only part of it.
    for (const char* name : {"GTEST_TOTAL_SHARDS", "GTEST_SHARD_INDEX", "GTEST_SHARD_STATUS_FILE",
                             "TEST_TOTAL_SHARDS", "TEST_SHARD_INDEX", "TEST_SHARD_STATUS_FILE"}) {
      unset_variable(name);
    }
    if (!installation.selection) apply_shard(**shard, argv[0]);
  }
  const Result<UnitTraits> traits =
      installation.selection ? apply_selection(*options.selector) : traits_of(marked_files());
  if (!traits) exit_with(traits.failure());
  // Read now, before kitty consumes its variables (set_up_record).
  const std::string rerun =
      installation.selection ? rerun_prefix(argv[0], selector_flag(*options.selector)) : "";
  auto* listener = new OutcomeListener(exit_on_skip && installation.selection, rerun);
  testing::UnitTest::GetInstance()->listeners().Append(listener);
  installation.listener = listener;
  // Not for a selection: the outcome listener removes the file at a skipped
  // unit's exit, and the launcher's hand-over covers what it starts.
  if (!installation.selection) {
    testing::UnitTest::GetInstance()->listeners().Append(new PrematureExitFileConsumer);
  }
  set_up_isolation();
  if (traits->uses_ports && !KITTY_GTEST_FLAG_GET(list_tests)) {
    const Status leased = lease_ports(isolation_state().process.worker_index);
    if (!leased) {
      exit_with({leased.failure().category, "cannot lease ports: " + leased.failure().message});
    }
  }
  // After everything that can end the process before its tests run, so that
  // a record without an exit line always means the process died.
  if (installation.selection && !KITTY_GTEST_FLAG_GET(list_tests)) {
    set_up_record(options, argv[0], rerun);
  }
  return installation;
}

int exit_code(const Installation& installation, int gtest_result) {
  if (!installation.selection || installation.listener == nullptr) return gtest_result;
  return selection_exit_code(gtest_result, installation.listener->counts());
}

}  // namespace kitty::internal

namespace kitty {

void install(int* argc, char** argv) { internal::install(argc, argv, /*exit_on_skip=*/true); }

}  // namespace kitty
