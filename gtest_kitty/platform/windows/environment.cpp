#include "platform/environment.h"

#include <windows.h>

#include <cstdlib>
#include <cwchar>
#include <map>
#include <mutex>

#include "platform/windows/wide_text.h"

namespace kitty::internal {
namespace {

// The UTF-8 copies read_variable hands out: one per name, replaced only
// when the value changed, so that a pointer handed out stays valid until
// the variable is set again.
std::mutex g_copies_mutex;
std::map<std::string, std::string> g_copies;

}  // namespace

const char* read_variable(const char* name) {
  const wchar_t* value = _wgetenv(wide_of(name).c_str());
  if (value == nullptr) return nullptr;
  const std::string utf8 = utf8_of_wide(value);
  const std::lock_guard<std::mutex> lock(g_copies_mutex);
  std::string& copy = g_copies[name];
  if (copy != utf8) copy = utf8;
  return copy.c_str();
}

// The system's block, which goes to the processes this one starts
// (_wputenv_s keeps it and the C runtime's copies in step).
std::vector<std::string> environment_entries() {
  std::vector<std::string> entries;
  wchar_t* block = GetEnvironmentStringsW();
  if (block == nullptr) return entries;
  for (const wchar_t* entry = block; *entry != L'\0'; entry += std::wcslen(entry) + 1) {
    if (*entry != L'=') entries.push_back(utf8_of_wide(entry));  // "=C:=C:\\..." is the shell's
  }
  FreeEnvironmentStringsW(block);
  return entries;
}

// An empty value removes a variable on Windows: kitty never sets one empty.
void set_variable(const std::string& name, const std::string& value) {
  _wputenv_s(wide_of(name).c_str(), wide_of(value).c_str());
}

void unset_variable(const std::string& name) { _wputenv_s(wide_of(name).c_str(), L""); }

}  // namespace kitty::internal
