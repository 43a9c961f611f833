#pragma once

#include <string>

// Appends "<key> <value>" lines to $KITTY_PROBE_LOG (when set), prefixed
// with the current test's name: what the integration tests read back.
void probe_log(const std::string& key, const std::string& value);

// $name, or "" when unset.
std::string probe_env(const char* name);
