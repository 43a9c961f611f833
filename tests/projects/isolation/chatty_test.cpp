// With KITTY_PROBE_CHATTY=1, writes megabytes to stdout: run by hand into
// `| head`, the binary dies of SIGPIPE in the middle of its run.
#include <gtest/gtest.h>

#include <iostream>

#include "probe_log.h"

TEST(Chatty, WritesALot) {
  if (probe_env("KITTY_PROBE_CHATTY") != "1") return;
  probe_log("chatty_home", probe_env("HOME"));
  for (int line = 0; line < 200000; ++line) std::cout << "chatty line " << line << "\n";
  std::cout.flush();
}
