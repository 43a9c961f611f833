// The registry of file-level markers (KITTY_LABELS, ...), filled during static
// initialisation by the macros of <gtest_kitty/kitty.h>.
#include <gtest_kitty/internal/file_markers.h>

#include "common/append_unique.h"

#include <algorithm>

namespace kitty::internal {
namespace {

// A function-local static, so registration from any translation unit's
// static initialiser finds the map constructed.
std::map<std::string, FileMarkers>& registry() {
  static std::map<std::string, FileMarkers> markers;
  return markers;
}

}  // namespace

bool register_file_marker(const char* file, Marker marker,
                          std::initializer_list<const char*> values) {
  FileMarkers& markers = registry()[file];
  switch (marker) {
    case Marker::kLabels:
      for (const char* label : values) append_unique(markers.labels, label);
      break;
    case Marker::kUsesPorts:
      markers.uses_ports = true;
      break;
    case Marker::kQuarantine:
      markers.quarantined = true;
      break;
  }
  return true;
}

const std::map<std::string, FileMarkers>& file_markers() { return registry(); }

}  // namespace kitty::internal
