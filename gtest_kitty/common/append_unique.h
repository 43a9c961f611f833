// Appends a value to a list unless it is already there, keeping first-seen
// order: labels and file lists merge this way wherever kitty collects them.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace kitty::internal {

inline void append_unique(std::vector<std::string>& into, const std::string& value) {
  if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
}

}  // namespace kitty::internal
