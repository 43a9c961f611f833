// Passes only when every per-user location a Windows program finds is the
// process's isolated one, and writes into each (the real profile must not
// change: check.sh compares it before and after).
#include <windows.h>

#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::wstring variable(const wchar_t* name) {
  const wchar_t* value = _wgetenv(name);
  return value != nullptr ? value : L"";
}

fs::path home() { return fs::u8path(kitty::home()); }

TEST(Isolated, EveryProfileVariablePointsIntoTheIsolatedHome) {
  ASSERT_FALSE(kitty::home().empty());
  EXPECT_TRUE(fs::equivalent(fs::path(variable(L"USERPROFILE")), home()));
  EXPECT_TRUE(fs::equivalent(fs::path(variable(L"APPDATA")), home() / "AppData" / "Roaming"));
  EXPECT_TRUE(fs::equivalent(fs::path(variable(L"LOCALAPPDATA")), home() / "AppData" / "Local"));
  EXPECT_TRUE(fs::equivalent(fs::path(variable(L"TEMP")), fs::path(variable(L"TMP"))));
  for (const wchar_t* name : {L"APPDATA", L"LOCALAPPDATA", L"TEMP"}) {
    const fs::path dir = variable(name);
    std::ofstream(dir / "kitty-faults-probe.txt") << "written\n";
    EXPECT_TRUE(fs::exists(dir / "kitty-faults-probe.txt")) << dir;
  }
}

TEST(Isolated, TheSystemsTemporaryDirectoryIsTheIsolatedOne) {
  wchar_t buffer[MAX_PATH + 1];
  ASSERT_GT(GetTempPathW(MAX_PATH + 1, buffer), 0u);
  EXPECT_TRUE(fs::equivalent(fs::path(buffer), fs::path(variable(L"TEMP"))));
  EXPECT_TRUE(fs::equivalent(fs::temp_directory_path(), fs::path(variable(L"TEMP"))));
}

}  // namespace
