// The test binary of the launcher's Windows checks: it exits, crashes,
// leaves a process behind, waits to be killed, or writes down the
// arguments it got, as told.
//
//   kitty_probe_child exit CODE          ExitProcess(CODE); CODE decimal or 0x...
//   kitty_probe_child crash              an access violation
//   kitty_probe_child raise CODE         an unhandled exception CODE
//   kitty_probe_child leave FILE         starts a sleeper, writes its pid to FILE, exits 0
//   kitty_probe_child hold FILE          starts a sleeper, writes "<own pid> <its pid>", waits
//   kitty_probe_child sleep              sleeps ten minutes
//   kitty_probe_child alive PID          exit 0 when process PID runs, 1 when it has ended
//   kitty_probe_child args FILE ARGS...  writes ARGS to FILE in UTF-8, each ended by a NUL
#include <windows.h>

#include <shellapi.h>  // after windows.h, which it needs

#include <cstdlib>
#include <string>
#include <vector>

namespace {

std::string utf8(const wchar_t* wide) {
  const int length = WideCharToMultiByte(CP_UTF8, 0, wide, -1, nullptr, 0, nullptr, nullptr);
  std::string text(static_cast<std::string::size_type>(length > 0 ? length : 1), '\0');
  WideCharToMultiByte(CP_UTF8, 0, wide, -1, &text[0], length, nullptr, nullptr);
  text.resize(text.size() - 1);
  return text;
}

// Written whole under another name first: the checks read it as soon as it
// is there.
bool write_file(const std::wstring& path, const std::string& text) {
  const std::wstring partial = path + L".partial";
  const HANDLE file = CreateFileW(partial.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS,
                                  FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE) return false;
  DWORD wrote = 0;
  const bool ok = WriteFile(file, text.data(), static_cast<DWORD>(text.size()), &wrote, nullptr);
  CloseHandle(file);
  return ok && MoveFileExW(partial.c_str(), path.c_str(), MOVEFILE_REPLACE_EXISTING);
}

DWORD start_sleeper() {
  wchar_t self[MAX_PATH];
  GetModuleFileNameW(nullptr, self, MAX_PATH);
  std::wstring line = L"\"" + std::wstring(self) + L"\" sleep";
  STARTUPINFOW startup{};
  startup.cb = sizeof startup;
  PROCESS_INFORMATION started{};
  if (!CreateProcessW(nullptr, &line[0], nullptr, nullptr, FALSE, 0, nullptr, nullptr, &startup,
                      &started)) {
    std::exit(90);
  }
  CloseHandle(started.hThread);
  CloseHandle(started.hProcess);
  return started.dwProcessId;
}

}  // namespace

int main() {
  int count = 0;
  wchar_t** argv = CommandLineToArgvW(GetCommandLineW(), &count);
  if (argv == nullptr || count < 2) return 64;
  const std::wstring mode = argv[1];
  if (mode == L"exit" && count == 3) {
    ExitProcess(static_cast<UINT>(std::wcstoul(argv[2], nullptr, 0)));
  }
  if (mode == L"crash") {
    volatile int* nowhere = nullptr;
    *nowhere = 1;
    return 0;
  }
  if (mode == L"raise" && count == 3) {
    RaiseException(static_cast<DWORD>(std::wcstoul(argv[2], nullptr, 0)), EXCEPTION_NONCONTINUABLE,
                   0, nullptr);
    return 0;
  }
  if (mode == L"leave" && count == 3) {
    return write_file(argv[2], std::to_string(start_sleeper())) ? 0 : 91;
  }
  if (mode == L"hold" && count == 3) {
    const DWORD sleeper = start_sleeper();
    if (!write_file(argv[2],
                    std::to_string(GetCurrentProcessId()) + " " + std::to_string(sleeper))) {
      return 91;
    }
    Sleep(600000);
    return 0;
  }
  if (mode == L"sleep") {
    Sleep(600000);
    return 0;
  }
  if (mode == L"alive" && count == 3) {
    const HANDLE process =
        OpenProcess(SYNCHRONIZE, FALSE, static_cast<DWORD>(std::wcstoul(argv[2], nullptr, 10)));
    if (process == nullptr) return 1;
    const bool running = WaitForSingleObject(process, 0) == WAIT_TIMEOUT;
    CloseHandle(process);
    return running ? 0 : 1;
  }
  if (mode == L"args" && count >= 3) {
    std::string text;
    for (int i = 3; i < count; ++i) text += utf8(argv[i]) + '\0';
    return write_file(argv[2], text) ? 0 : 91;
  }
  return 64;
}
