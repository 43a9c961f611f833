// The executable's and the shared library's static initialisers saw the
// isolated variables, not the ones ctest was started with.
#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include "probe_lib.h"
#include "probe_log.h"

namespace {

const std::string exe_load_home = probe_env("HOME");
const std::string exe_load_config = probe_env("XDG_CONFIG_HOME");
const std::string exe_load_tmpdir = probe_env("TMPDIR");

TEST(StaticInit, SharedLibrarySawTheIsolatedHome) {
  probe_log("lib_home", probe_lib_load_time().home);
  probe_log("lib_config", probe_lib_load_time().xdg_config_home);
  probe_log("lib_tmpdir", probe_lib_load_time().tmpdir);
  EXPECT_EQ(probe_lib_load_time().home, kitty::home());
  EXPECT_EQ(probe_lib_load_time().xdg_config_home, kitty::home() + "/.config");
  EXPECT_EQ(probe_lib_load_time().tmpdir, probe_env("TMPDIR"));
}

TEST(StaticInit, ExecutableSawTheIsolatedHome) {
  probe_log("exe_home", exe_load_home);
  probe_log("exe_tmpdir", exe_load_tmpdir);
  probe_log("run_id", kitty::run_id());
  EXPECT_EQ(exe_load_home, kitty::home());
  EXPECT_EQ(exe_load_config, kitty::home() + "/.config");
  EXPECT_EQ(exe_load_tmpdir, probe_env("TMPDIR"));
}

}  // namespace
