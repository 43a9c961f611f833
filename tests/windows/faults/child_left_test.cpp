// Passes, but leaves a child running (this binary again, sleeping): the
// launcher must end it and say so, and nothing of it may outlive the run.
#include <windows.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace {

// The child: started with KITTY_FAULTS_SLEEPER=1, it sleeps until killed.
const bool kSleeper = [] {
  if (std::getenv("KITTY_FAULTS_SLEEPER") != nullptr) {
    Sleep(INFINITE);
  }
  return false;
}();

TEST(ChildLeft, StartsAChildAndDoesNotWaitForIt) {
  wchar_t self[MAX_PATH + 1];
  ASSERT_GT(GetModuleFileNameW(nullptr, self, MAX_PATH + 1), 0u);
  ASSERT_EQ(_wputenv_s(L"KITTY_FAULTS_SLEEPER", L"1"), 0);
  std::wstring command = L"\"" + std::wstring(self) + L"\" --gtest_list_tests";
  STARTUPINFOW startup{};
  startup.cb = sizeof startup;
  PROCESS_INFORMATION child{};
  ASSERT_TRUE(CreateProcessW(nullptr, command.data(), nullptr, nullptr, FALSE, 0, nullptr, nullptr,
                             &startup, &child));
  _wputenv_s(L"KITTY_FAULTS_SLEEPER", L"");
  CloseHandle(child.hThread);
  CloseHandle(child.hProcess);
}

}  // namespace
