// The planted fault: tests that pass only after an earlier test of their
// file, in the same process. Store.Reopen needs the store Store.Open opened
// (a global); Store.Replay the journal Store.Open wrote into the process's
// home; Store.Compact both the store open and a record Store.Put wrote.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace {

bool g_open = false;
bool g_put = false;

std::string journal_path() {
  const char* home = std::getenv("HOME");
  return std::string(home == nullptr ? "." : home) + "/store.journal";
}

TEST(Store, Open) {
  g_open = true;
  std::ofstream(journal_path()) << "opened\n";
  SUCCEED();
}

TEST(Store, Put) {
  g_put = true;
  EXPECT_EQ(std::string("key").size(), 3u);
}

TEST(Store, Reopen) { EXPECT_TRUE(g_open) << "the store was never opened"; }

TEST(Store, Replay) {
  std::ifstream journal(journal_path());
  std::string line;
  EXPECT_TRUE(std::getline(journal, line)) << "no journal in " << journal_path();
}

TEST(Store, Compact) { EXPECT_TRUE(g_open && g_put) << "nothing open to compact"; }

}  // namespace
