// The listing: the binary's machine-readable answer to "which tests do you
// have, where are they, and what did their files declare?". One JSON object
// per line, ASCII only (everything else \u-escaped), so that CMake's
// file(STRINGS) splits it safely and string(JSON) decodes each line.
//
//   {"kitty_listing":1,"granularity":"file","root":"/src","tests":3,"units":2}
//   {"test":"Suite.Name","suite":"Suite","name":"Name","file":"/src/a.cpp","line":7,...}
//   {"unit":"a.cpp","selector":"--kitty_file=a.cpp","tests":2,"enabled":2,
//    "files":["a.cpp"],"labels":[]}   (unit files relative to the root)
//   {"unit":"b.cpp:S.T","selector":"--kitty_test=S.T","split":"test","file":"b.cpp",...}
//                                    (a piece of a split file, --kitty_split)
#pragma once

#include <ostream>
#include <string>

#include "common/status.h"
#include "listing/catalog.h"
#include "listing/units.h"

namespace kitty::internal {

// A JSON string literal, quotes included, with every byte outside printable
// ASCII escaped (UTF-8 sequences become \uXXXX, surrogate pairs above BMP).
// Bytes that are not valid UTF-8 are escaped as U+FFFD replacement marks.
std::string json_string(const std::string& text);

// The command-line flag a unit's ctest test passes to select it.
std::string selector_flag(const Selector& selector);

void write_listing(std::ostream& out, const Catalog& catalog, const Units& units,
                   Granularity granularity, const std::string& root);

// The listing into `path` ("-": standard output): a kOutput failure when it
// cannot be opened or written (the exit code then tells discovery not to
// read what was written).
Status write_listing_to(const std::string& path, const Catalog& catalog, const Units& units,
                        Granularity granularity, const std::string& root);

}  // namespace kitty::internal
