// A decimal number from the environment or a hand-over, checked against its
// range: one rule for the library's settings (the CLI reads the numbers other
// programs print with cli/number_text.h).
#pragma once

namespace kitty::internal {

// A whole decimal number within [low, high], as strtoll reads it, with
// nothing after it; false when `text` is null, empty or not such a number.
bool number_in_range(const char* text, long long low, long long high, long long& value);

}  // namespace kitty::internal
