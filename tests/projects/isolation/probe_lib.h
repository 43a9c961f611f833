#pragma once

#include <string>

// The per-user variables as the shared library's static initialiser saw them.
struct LoadTimeEnvironment {
  std::string home;
  std::string xdg_config_home;
  std::string tmpdir;
};

const LoadTimeEnvironment& probe_lib_load_time();
