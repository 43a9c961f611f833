// A rendezvous of two test files through $KITTY_PROBE_RENDEZVOUS: each
// writes its home and worker index, then waits for the other's, bounded.
#pragma once

#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "probe_log.h"

inline void meet_the_other_file(const std::string& me, const std::string& other) {
  namespace fs = std::filesystem;
  const fs::path dir = probe_env("KITTY_PROBE_RENDEZVOUS");
  if (dir.empty()) GTEST_SKIP() << "KITTY_PROBE_RENDEZVOUS is not set";
  {
    std::ofstream out(dir / (me + ".tmp"));
    out << kitty::home() << '\n' << kitty::worker_index() << '\n';
  }
  fs::rename(dir / (me + ".tmp"), dir / me);  // appears whole
  probe_log("home", kitty::home());
  probe_log("worker", std::to_string(kitty::worker_index()));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(dir / other)) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the other file never ran alongside";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::ifstream in(dir / other);
  std::string other_home;
  int other_worker = -1;
  std::getline(in, other_home);
  in >> other_worker;
  EXPECT_NE(other_home, kitty::home());
  EXPECT_NE(other_worker, kitty::worker_index());
  EXPECT_GE(kitty::worker_index(), 0);
}
