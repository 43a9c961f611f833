// Passes only when every per-user location a Windows program finds is the
// process's isolated one, and writes into each (the real profile must not
// change: check.sh compares it before and after).
#include <windows.h>

#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <cstdlib>
#include <cwctype>
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

// One directory however it is spelt: either slash, a trailing one, any case
// (MinGW's fs::equivalent says two spellings of one directory differ).
std::wstring spelling(const fs::path& path) {
  std::wstring text = path.lexically_normal().generic_wstring();
  while (text.size() > 3 && text.back() == L'/') text.pop_back();
  for (wchar_t& c : text) c = static_cast<wchar_t>(towlower(c));
  return text;
}

bool same(const fs::path& a, const fs::path& b) { return spelling(a) == spelling(b); }

TEST(Isolated, EveryProfileVariablePointsIntoTheIsolatedHome) {
  ASSERT_FALSE(kitty::home().empty());
  EXPECT_TRUE(same(fs::path(variable(L"USERPROFILE")), home()));
  EXPECT_TRUE(same(fs::path(variable(L"APPDATA")), home() / "AppData" / "Roaming"));
  EXPECT_TRUE(same(fs::path(variable(L"LOCALAPPDATA")), home() / "AppData" / "Local"));
  EXPECT_TRUE(same(fs::path(variable(L"TEMP")), fs::path(variable(L"TMP"))));
  for (const wchar_t* name : {L"APPDATA", L"LOCALAPPDATA", L"TEMP"}) {
    const fs::path dir = variable(name);
    std::ofstream(dir / "kitty-faults-probe.txt") << "written\n";
    EXPECT_TRUE(fs::exists(dir / "kitty-faults-probe.txt")) << dir;
  }
}

TEST(Isolated, TheSystemsTemporaryDirectoryIsTheIsolatedOne) {
  wchar_t buffer[MAX_PATH + 1];
  ASSERT_GT(GetTempPathW(MAX_PATH + 1, buffer), 0u);
  const fs::path temp = variable(L"TEMP");
  EXPECT_TRUE(same(fs::path(buffer), temp)) << fs::path(buffer) << " " << temp;
  EXPECT_TRUE(same(fs::temp_directory_path(), temp)) << fs::temp_directory_path() << " " << temp;
  EXPECT_FALSE(same(fs::path(buffer), home())) << "a planted check: two directories differ";
}

}  // namespace
