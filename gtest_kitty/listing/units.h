// Units: what one registered ctest test runs. At the default granularity a
// unit is one source file, so file-scoped state (statics, SetUpTestSuite,
// order within the file) behaves exactly as in a serial run. A split file
// (kitty_add_tests SPLIT_FILES, --kitty_split) is the exception its user
// asked for: one unit per test or per suite of that file alone.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <gtest_kitty/internal/file_markers.h>

#include "common/status.h"
#include "listing/catalog.h"
#include "runtime/selection.h"

namespace kitty::internal {

struct Unit {
  std::string name;                // relative path, suite, or Suite.Name
  Selector selector;               // what the ctest test passes back to the binary
  std::vector<std::string> files;  // distinct source files, first-seen order
  size_t tests = 0;
  size_t enabled = 0;  // not DISABLED_
  std::vector<std::string> labels;
  bool uses_ports = false;   // a file of the unit declared KITTY_USES_PORTS()
  bool quarantined = false;  // a file of the unit declared KITTY_QUARANTINE()
  bool split = false;        // a piece of a split file: named "<split_file>:<suite or test>"
  std::string split_file;    // that file, relative to the root
};

// One file to register by suite or by test while the others stay whole.
struct SplitFile {
  std::string file;  // as the listing names it (relative to the root), or as recorded
  Granularity granularity = Granularity::kTest;  // kSuite or kTest
};

// "<file>[=suite|test]" (default test). The word after the last '=' must be
// suite or test whenever there is one, so a file whose name holds '=' is
// given with its granularity ("a=b.cpp=test"). A kUsage failure otherwise.
Result<SplitFile> parse_split(const std::string& text);

struct Units {
  std::vector<Unit> units;  // in the order their first test runs serially
};

// Groups the catalog into units. File units are named relative to `root`
// and selected by that relative path when it names no other file. Two units
// with one name (one file recorded under two spellings) cannot both be
// registered: a kUnitConflict failure that names the first clash.
//
// `splits` apply at the file granularity only (kUsage otherwise). A split
// that names no file of the catalog is a kUsage failure; a suite split out
// of a file while it also has tests in another file is a kUnitConflict (its
// --kitty_suite selector would run those tests twice, or lose them).
Result<Units> make_units(const Catalog& catalog, Granularity granularity, const std::string& root,
                         const std::map<std::string, FileMarkers>& markers,
                         const std::vector<SplitFile>& splits = {});

}  // namespace kitty::internal
