#include "install.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <gtest_kitty/kitty.h>

#include "catalog.h"
#include "gtest_compat.h"
#include "listing.h"
#include "options.h"
#include "selection.h"
#include "units.h"

namespace kitty::internal {
namespace {

[[noreturn]] void fail(int code, const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "gtest_kitty: %s\n", message.c_str());
  std::exit(code);
}

[[noreturn]] void write_listing_and_exit(const Options& options) {
  const Catalog catalog = catalog_from_gtest();
  const Units units = make_units(catalog, options.list_granularity, options.root, file_markers());
  if (!units.error.empty()) fail(kExitSelectionMismatch, "cannot list units: " + units.error);
  if (*options.list_path == "-") {
    write_listing(std::cout, catalog, units, options.list_granularity, options.root);
    std::cout.flush();
    std::exit(std::cout ? 0 : kExitUsage);
  }
  std::ofstream out(*options.list_path, std::ios::binary | std::ios::trunc);
  if (!out) fail(kExitUsage, "cannot write the listing to " + *options.list_path);
  write_listing(out, catalog, units, options.list_granularity, options.root);
  out.close();
  if (!out) fail(kExitUsage, "writing the listing to " + *options.list_path + " failed");
  std::exit(0);
}

// Narrows GoogleTest's filter to the selection, or ends the process when the
// selection cannot run anything.
void apply_selection(const Selector& selector) {
  const Catalog catalog = catalog_from_gtest();
  const std::string user_filter = KITTY_GTEST_FLAG_GET(filter);
  const Selection selection =
      select_tests(catalog, selector, user_filter, KITTY_GTEST_FLAG_GET(also_run_disabled_tests));
  if (!selection.error.empty()) fail(kExitSelectionMismatch, selection.error);
  const std::string what =
      std::string("--kitty_") + granularity_name(selector.granularity) + "=" + selector.value;
  if (selection.tests.empty()) {
    std::printf(
        "gtest_kitty: skipped: none of the %zu tests of %s is enabled and passes "
        "--gtest_filter=%s\n",
        selection.named, what.c_str(), user_filter.c_str());
    std::fflush(stdout);
    std::exit(kExitSkipped);
  }
  KITTY_GTEST_FLAG_SET(filter, selection.filter);
  if (!KITTY_GTEST_FLAG_GET(list_tests)) {
    std::printf("gtest_kitty: %s selects %zu of %zu tests\n", what.c_str(), selection.tests.size(),
                selection.named);
  }
}

}  // namespace

Installation install(int* argc, char** argv, bool exit_on_skip) {
  const ParsedOptions parsed =
      parse_options(argc, argv, [](const char* name) { return std::getenv(name); });
  if (!parsed.error.empty()) fail(kExitUsage, parsed.error);
  const Options& options = parsed.options;
  if (options.help) {
    std::fputs(options_help(), stdout);
    std::exit(0);
  }
  if (options.list_path) write_listing_and_exit(options);

  Installation installation;
  // A death-test child re-runs this binary with a filter naming its one test
  // and must run just that test.
  if (!KITTY_GTEST_FLAG_GET(internal_run_death_test).empty()) return installation;

  installation.selection = options.selector.has_value();
  if (installation.selection) apply_selection(*options.selector);
  auto* listener = new OutcomeListener(exit_on_skip && installation.selection);
  testing::UnitTest::GetInstance()->listeners().Append(listener);
  installation.listener = listener;
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
