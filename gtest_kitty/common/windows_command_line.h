// A Windows command line from an argv: Windows hands a program one string,
// and the program's C runtime (or CommandLineToArgvW) splits it back into
// arguments by rules of its own (quotes, and backslashes only where they
// precede a quote). Quoted here so that any argument comes back as it was:
// spaces, quotes, backslashes before quotes, `[ ] ; $ '`, UTF-8. Pure and
// portable, so that its unit test runs everywhere
// (tests/unit/windows_command_line_test.cpp).
#pragma once

#include <string>
#include <vector>

namespace kitty::internal {

// One argument after the first, as the runtime splits it back: bare when it
// is not empty and has no space, tab, newline, vertical tab or quote; else
// in quotes, with each quote escaped and the backslashes before a quote (and
// before the closing one) doubled.
std::string quote_windows_argument(const std::string& argument);

// The whole command line for CreateProcessW, in UTF-8: the program in
// quotes (the first word is split by simpler rules: up to the next quote,
// no escapes), then every argument quoted. False, with the reason in
// `error`, when the program's name cannot be said so (it is empty or holds
// a quote, which no Windows file name does).
bool windows_command_line(const std::vector<std::string>& argv, std::string& line,
                          std::string& error);

}  // namespace kitty::internal
