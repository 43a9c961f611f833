// Units: what one registered ctest test runs. At the default granularity a
// unit is one source file, so file-scoped state (statics, SetUpTestSuite,
// order within the file) behaves exactly as in a serial run.
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
};

struct Units {
  std::vector<Unit> units;  // in the order their first test runs serially
};

// Groups the catalog into units. File units are named relative to `root`
// and selected by that relative path when it names no other file. Two units
// with one name (one file recorded under two spellings) cannot both be
// registered: a kUnitConflict failure that names the first clash.
Result<Units> make_units(const Catalog& catalog, Granularity granularity, const std::string& root,
                         const std::map<std::string, FileMarkers>& markers);

}  // namespace kitty::internal
