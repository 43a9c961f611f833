// Registry behind the file-level markers of <gtest_kitty/kitty.h>. Not for
// direct use: write KITTY_LABELS(...) and friends instead.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#define KITTY_INTERNAL_CONCAT2(a, b) a##b
#define KITTY_INTERNAL_CONCAT(a, b) KITTY_INTERNAL_CONCAT2(a, b)
#define KITTY_INTERNAL_UNIQUE(prefix) KITTY_INTERNAL_CONCAT(prefix, __COUNTER__)

namespace kitty::internal {

enum class Marker { kLabels, kUsesPorts, kQuarantine };

// What the markers of one source file declared.
struct FileMarkers {
  std::vector<std::string> labels;
  bool uses_ports = false;   // KITTY_USES_PORTS()
  bool quarantined = false;  // KITTY_QUARANTINE()
};

// Called by the marker macros during static initialisation. The key is the
// macro's __FILE__, the same string GoogleTest records for the file's tests.
bool register_file_marker(const char* file, Marker marker,
                          std::initializer_list<const char*> values);

// Every file that declared a marker, keyed by its __FILE__.
const std::map<std::string, FileMarkers>& file_markers();

}  // namespace kitty::internal
