// <gtest_kitty/protocol.h>: the facts that kitty's programs (the library in a
// test binary, the launcher, the gtest-kitty tool), its CMake module and its
// docs must agree on: exit codes, flag names, format versions and layouts.
// Each is stated here once. The CMake side (cmake/KittyProtocol.cmake) and
// the docs' tables restate some of them for their own language; the unit
// test tests/unit/protocol_test.cpp fails when one of them disagrees.
// C++17 and the standard library only: no GoogleTest.
#pragma once

#include <string_view>

namespace kitty {

// Exit codes of a kitty test process, besides GoogleTest's own 0 (passed) and
// 1 (failed). kitty_add_tests() maps kExitSkipped to ctest's SKIP_RETURN_CODE.
// 77 is Automake's "skipped"; the others follow BSD's sysexits.h where one
// fits (64 EX_USAGE, 65 EX_DATAERR, 71 EX_OSERR, 73 EX_CANTCREAT, 75
// EX_TEMPFAIL, 78 EX_CONFIG: the registration is out of date); 66 and 79 are
// kitty's.
inline constexpr int kExitUsage = 64;              // bad --kitty_* flag or KITTY_* value
inline constexpr int kExitUnitConflict = 65;       // the binary's tests cannot be made units
inline constexpr int kExitBadShard = 66;           // unusable GTEST_/TEST_ sharding variables
inline constexpr int kExitIsolationFailed = 71;    // isolated directories could not be made
inline constexpr int kExitOutputFailed = 73;       // a file kitty was asked to write was not
inline constexpr int kExitPortsUnavailable = 75;   // the process's port block was not leased
inline constexpr int kExitSkipped = 77;            // every selected test skipped
inline constexpr int kExitSelectionMismatch = 78;  // selection matches no test (stale?)
inline constexpr int kExitPrematureExit = 79;      // the process ended while its tests ran

namespace protocol {

// Every exit code above, by its name here: what the docs' tables and the
// CMake module are checked against.
struct ExitCode {
  std::string_view name;
  int code;
};
inline constexpr ExitCode kExitCodes[] = {
    {"kExitUsage", kExitUsage},
    {"kExitUnitConflict", kExitUnitConflict},
    {"kExitBadShard", kExitBadShard},
    {"kExitIsolationFailed", kExitIsolationFailed},
    {"kExitOutputFailed", kExitOutputFailed},
    {"kExitPortsUnavailable", kExitPortsUnavailable},
    {"kExitSkipped", kExitSkipped},
    {"kExitSelectionMismatch", kExitSelectionMismatch},
    {"kExitPrematureExit", kExitPrematureExit},
};

// The flags of a test binary: kFlagPrefix + name, with "=value" but for help.
// The selection flags' names are the granularities of kitty_add_tests()
// (GRANULARITY file|suite|test): a unit's ctest test passes --kitty_<its
// granularity>=<the unit>.
inline constexpr std::string_view kFlagPrefix = "--kitty_";
inline constexpr std::string_view kFlagFile = "file";
inline constexpr std::string_view kFlagSuite = "suite";
inline constexpr std::string_view kFlagTest = "test";
inline constexpr std::string_view kFlagList = "list";
inline constexpr std::string_view kFlagGranularity = "granularity";
inline constexpr std::string_view kFlagRoot = "root";
inline constexpr std::string_view kFlagHelp = "help";
// --kitty_split=<file>[=suite|test], once per file: the listing makes that
// file's units by suite or by test (kitty_add_tests SPLIT_FILES).
inline constexpr std::string_view kFlagSplit = "split";
inline constexpr std::string_view kFlags[] = {kFlagFile,        kFlagSuite, kFlagTest, kFlagList,
                                              kFlagGranularity, kFlagRoot,  kFlagHelp, kFlagSplit};

// The listing (--kitty_list): its first line is {"kitty_listing":<version>,...}.
// Discovery refuses a listing of another version.
inline constexpr std::string_view kListingKey = "kitty_listing";
inline constexpr int kListingVersion = 1;

// The run record: its first line is {"kitty_record":<version>,...}. A
// process records into <isolation run dir>/<kRecordDirName>/ unless
// KITTY_RECORD_DIR names another directory; the tools find a build tree's
// newest run there.
inline constexpr std::string_view kRecordKey = "kitty_record";
inline constexpr int kRecordVersion = 1;
inline constexpr std::string_view kRecordDirName = "record";

// Ports: the reserved range when neither kitty_add_tests(PORT_RANGE) nor the
// cache variable KITTY_PORT_RANGE names one; in ctest's resource spec, a
// range is the resource type <kPortResourcePrefix><first>_<last> and each
// of its blocks the id <kPortBlockPrefix><first>_<last>.
inline constexpr std::string_view kDefaultPortRange = "9400-9449";
inline constexpr std::string_view kPortResourcePrefix = "kitty_ports_";
inline constexpr std::string_view kPortBlockPrefix = "block_";

}  // namespace protocol
}  // namespace kitty
