// The process's environment, read and changed in UTF-8 on every system
// (Windows keeps it in UTF-16: its narrow getenv speaks the ANSI code page
// and would turn a `ü` in a path into mojibake).
#pragma once

#include <string>
#include <vector>

namespace kitty::internal {

// The value of `name`, or null. Only common/settings.cpp calls it: every
// read goes through the settings table. The pointer stays valid until the
// variable is set again.
const char* read_variable(const char* name);

// Every variable, as "NAME=value".
std::vector<std::string> environment_entries();

void set_variable(const std::string& name, const std::string& value);
void unset_variable(const std::string& name);

}  // namespace kitty::internal
