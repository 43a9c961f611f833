// <gtest_kitty/kitty.h>: everything a test, or a test program with its own
// main(), may use from gtest_kitty. The rest of the library is private.
#pragma once

#include <string>

#include <gtest_kitty/internal/file_markers.h>
#include <gtest_kitty/protocol.h>

namespace kitty {

// The exit codes of a kitty test process (kExitSkipped, kExitUsage,
// kExitSelectionMismatch, ...) are in <gtest_kitty/protocol.h>.

// For a test program with its own main(): call right after
// testing::InitGoogleTest(&argc, argv). It removes kitty's flags from argv,
// applies the selection (--kitty_file / --kitty_suite / --kitty_test) and
// registers kitty's listener. It ends the process itself when asked for a
// listing (--kitty_list; kExitUnitConflict, kExitOutputFailed when it cannot
// be made), on a bad flag (kExitUsage), on a selection that matches no test
// (kExitSelectionMismatch) and when a unit's ports cannot be leased
// (kExitPortsUnavailable). When a selection ran only skipped
// tests, the listener ends the process with kExitSkipped from
// OnTestProgramEnd, so code after RUN_ALL_TESTS() does not run in that case
// (static destructors do). Listeners appended after install() still see
// OnTestProgramEnd first.
void install(int* argc, char** argv);

// Isolation of per-user state. Every test process runs with HOME,
// USERPROFILE, APPDATA, LOCALAPPDATA, XDG_CONFIG_HOME, XDG_DATA_HOME,
// XDG_STATE_HOME, XDG_CACHE_HOME, TMPDIR, TEMP, TMP and TEST_TMPDIR pointing
// into fresh directories of its own, and kitty restores them before every
// test. See docs/isolation.md.

// The isolated home of this process (of the running test, with
// kitty_add_tests(... HOME_SCOPE test)); empty when isolation is off.
std::string home();

// The id shared by every process of one ctest run (KITTY_RUN_ID when set);
// empty when isolation is off.
std::string run_id();

// A small integer, unique among the processes of the run alive at the same
// time: for per-worker resource names. -1 when isolation is off.
int worker_index();

// Ports. A file that binds the project's reserved port range declares it
// (KITTY_USES_PORTS() below, or kitty_add_tests(... PORT_FILES ...)); its
// process then holds one block of the range for as long as it runs: the
// block ctest allocated to it through RESOURCE_GROUPS, or, without a ctest
// allocation, one taken by a cross-process lock. See docs/ports.md.
struct PortBlock {
  int first = 0;  // inclusive
  int last = -1;  // inclusive; last < first: no block
  int size() const { return last - first + 1; }
};

// Where a call to kitty was written, so that a misuse is reported at the
// user's line and not at kitty's: GCC, Clang and MSVC fill the two default
// arguments in at the call site; elsewhere kitty reports at the current
// test's own line.
#if defined(__GNUC__) || defined(__clang__) || (defined(_MSC_VER) && _MSC_VER >= 1926)
#define KITTY_INTERNAL_CALLER_FILE __builtin_FILE()
#define KITTY_INTERNAL_CALLER_LINE __builtin_LINE()
#else
#define KITTY_INTERNAL_CALLER_FILE nullptr
#define KITTY_INTERNAL_CALLER_LINE 0
#endif

// The block leased to this process. In a file that did not declare ports it
// fails the calling test, at the line of the call, and returns an empty block.
PortBlock port_block(const char* caller_file = KITTY_INTERNAL_CALLER_FILE,
                     int caller_line = KITTY_INTERNAL_CALLER_LINE);

// Volume gate: `full` when KITTY_VOLUME_FULL=1 (the nightly scale), `reduced`
// otherwise. Any other value of the variable fails the calling test, at the
// line of the call.
bool volume_full(const char* caller_file = KITTY_INTERNAL_CALLER_FILE,
                 int caller_line = KITTY_INTERNAL_CALLER_LINE);
template <typename T>
T volume(T reduced, T full, const char* caller_file = KITTY_INTERNAL_CALLER_FILE,
         int caller_line = KITTY_INTERNAL_CALLER_LINE) {
  return volume_full(caller_file, caller_line) ? full : reduced;
}

}  // namespace kitty

// File-level markers, written once at namespace scope in a test source file.
// They attach to every test GoogleTest attributes to that file and become
// ctest properties of the file's registered test.
//
//   KITTY_LABELS("slow", "db");   // ctest LABELS, selectable with ctest -L
//   KITTY_USES_PORTS();           // binds the reserved port range: one block
//   KITTY_QUARANTINE();           // ctest reports "Skipped" unless
//                                 // KITTY_RUN_QUARANTINE=1
#define KITTY_LABELS(...)                                                                   \
  static const bool KITTY_INTERNAL_UNIQUE(kitty_labels_) [[maybe_unused]] =                 \
      ::kitty::internal::register_file_marker(__FILE__, ::kitty::internal::Marker::kLabels, \
                                              {__VA_ARGS__})

#define KITTY_USES_PORTS()                                                 \
  static const bool KITTY_INTERNAL_UNIQUE(kitty_ports_) [[maybe_unused]] = \
      ::kitty::internal::register_file_marker(__FILE__, ::kitty::internal::Marker::kUsesPorts, {})

#define KITTY_QUARANTINE()                                                                      \
  static const bool KITTY_INTERNAL_UNIQUE(kitty_quarantine_) [[maybe_unused]] =                 \
      ::kitty::internal::register_file_marker(__FILE__, ::kitty::internal::Marker::kQuarantine, \
                                              {})
