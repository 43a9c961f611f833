// Text from a test's output made safe to print on a terminal: control bytes
// and bytes that are not UTF-8 shown as \xNN escapes, cut to a length.
#pragma once

#include <string>

namespace kitty::cli {

// `text` with every byte that is not printable UTF-8 (tabs become spaces)
// escaped, cut after `max_chars` characters with "…".
std::string printable(const std::string& text, size_t max_chars = 300);

}  // namespace kitty::cli
