#include "platform/process.h"

#include <windows.h>
// After windows.h, which these need.
#include <shellapi.h>
#include <tlhelp32.h>

#include <vector>

#include "platform/windows/file_time.h"
#include "platform/windows/wide_text.h"

namespace kitty::internal {
namespace {

// The process table's entry for `pid`: its parent and its executable name.
bool find_process(ProcessId pid, PROCESSENTRY32W& found) {
  const HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (snapshot == INVALID_HANDLE_VALUE) return false;
  PROCESSENTRY32W entry{};
  entry.dwSize = sizeof entry;
  bool ok = false;
  for (BOOL more = Process32FirstW(snapshot, &entry); more && !ok;
       more = Process32NextW(snapshot, &entry)) {
    if (static_cast<ProcessId>(entry.th32ProcessID) == pid) {
      found = entry;
      ok = true;
    }
  }
  CloseHandle(snapshot);
  return ok;
}

}  // namespace

ProcessId current_process_id() { return static_cast<ProcessId>(GetCurrentProcessId()); }

// Windows keeps no parent link, only the id the parent had when this
// process started: a process started from outside Windows (wine driven by
// a Linux ctest) has none that is alive.
ProcessId parent_process_id() {
  PROCESSENTRY32W entry{};
  if (!find_process(current_process_id(), entry)) return 0;
  return static_cast<ProcessId>(entry.th32ParentProcessID);
}

bool process_start_time(ProcessId pid, std::time_t& start) {
  if (pid <= 0) return false;
  const HANDLE process =
      OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, static_cast<DWORD>(pid));
  if (process == nullptr) return false;
  FILETIME created{}, exited{}, kernel{}, user{};
  const bool ok = GetProcessTimes(process, &created, &exited, &kernel, &user) != 0;
  CloseHandle(process);
  if (!ok) return false;
  const long long ns = unix_ns_of(created);
  if (ns < 0) return false;
  start = static_cast<std::time_t>(ns / 1000000000LL);
  return true;
}

std::string process_name(ProcessId pid) {
  PROCESSENTRY32W entry{};
  return find_process(pid, entry) ? utf8_of_wide(entry.szExeFile) : std::string();
}

// argv may have lost arguments by now (GoogleTest removes its flags): each
// one left is found, in order, among the command line's words by its ANSI
// spelling; one not found stays as argv spells it.
std::vector<std::string> utf8_arguments(int argc, char** argv) {
  std::vector<std::string> arguments(argv, argv + argc);
  int count = 0;
  wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &count);
  if (wide == nullptr) return arguments;
  int next = 0;
  for (int i = 0; i < argc; ++i) {
    for (int j = next; j < count; ++j) {
      const int size = WideCharToMultiByte(CP_ACP, 0, wide[j], -1, nullptr, 0, nullptr, nullptr);
      std::string ansi(static_cast<size_t>(size > 0 ? size : 1), '\0');
      WideCharToMultiByte(CP_ACP, 0, wide[j], -1, ansi.data(), size, nullptr, nullptr);
      ansi.resize(ansi.size() - 1);  // the terminator
      if (ansi == argv[i]) {
        arguments[static_cast<size_t>(i)] = utf8_of_wide(wide[j]);
        next = j + 1;
        break;
      }
    }
  }
  LocalFree(wide);
  return arguments;
}

std::string executable_path() {
  std::vector<wchar_t> path(MAX_PATH);
  for (;;) {
    const DWORD size = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
    if (size == 0) return {};
    if (size < path.size()) return utf8_of_wide(path.data());
    path.resize(path.size() * 2);
  }
}

// The user name, made a plain file name part.
std::string user_key() {
  wchar_t name[256 + 1];
  DWORD size = sizeof name / sizeof name[0];
  if (GetUserNameW(name, &size) == 0) return "user";
  std::string key;
  for (const char c : utf8_of_wide(name)) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_';
    key += plain ? c : '_';
  }
  return key.empty() ? "user" : key;
}

std::tm local_time(std::time_t when) {
  std::tm parts{};
  localtime_s(&parts, &when);
  return parts;
}

}  // namespace kitty::internal
