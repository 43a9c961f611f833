// A misuse of kitty's test API (a bad KITTY_* value read by kitty::volume,
// kitty::port_block in a file without ports) fails the calling test at the
// line the user wrote, not at a line inside kitty.
#pragma once

#include <string>

namespace kitty::internal {

// Adds a non-fatal failure at the caller's file and line, or at the current
// test's own line when the compiler could not say where the call was
// (caller_file null).
void fail_at_call(const char* caller_file, int caller_line, const std::string& message);

}  // namespace kitty::internal
