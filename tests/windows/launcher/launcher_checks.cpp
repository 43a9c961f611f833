// What the launcher guarantees on Windows, checked from a Windows process
// (run under wine by ctest's emulator):
//
//   kitty_launcher_checks LAUNCHER PROBE SCENARIO WORK_DIR
//
//   exit_codes  the test's exit code is the launcher's (127 when it cannot be
//               run); one whose low byte is 0 (256) gets 0xFF there, so it
//               never reads as 0 in 8 bits
//   crash       a crash is said as one (its exception's code and name) and is
//               the launcher's exit code, never 0
//   leftover    a process the test left running is ended, counted and named
//   killed      the launcher ended by TerminateProcess (ctest's TIMEOUT):
//               the test and the process it started end with it
//   arguments   `[ ] ; $ ' "`, spaces, backslashes before quotes, `ü` and an
//               empty argument reach the test as they were given
//
// Each prints what it saw and exits 0 when the guarantee held, 1 when not.
#include <windows.h>

#include <shellapi.h>  // after windows.h, which it needs

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/windows_command_line.h"
#include "platform/windows/wide_text.h"

namespace {

using kitty::internal::wide_of;

struct Setup {
  std::string launcher;
  std::string probe;
  std::string work;
};

int g_failures = 0;

void check(bool held, const std::string& what) {
  std::printf("%s: %s\n", held ? "ok" : "FAILED", what.c_str());
  if (!held) ++g_failures;
}

// Starts LAUNCHER -- PROBE ARGS..., its stderr into `stderr_file`.
PROCESS_INFORMATION start_launcher(const Setup& setup, const std::vector<std::string>& probe_args,
                                   const std::string& stderr_file) {
  std::vector<std::string> argv = {setup.launcher, "--base", setup.work + "\\homes", "--",
                                   setup.probe};
  argv.insert(argv.end(), probe_args.begin(), probe_args.end());
  std::string line;
  std::string error;
  if (!kitty::internal::windows_command_line(argv, line, error)) {
    std::printf("FAILED: %s\n", error.c_str());
    std::exit(1);
  }
  SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
  const HANDLE err = CreateFileW(wide_of(stderr_file).c_str(), GENERIC_WRITE, FILE_SHARE_READ,
                                 &inherit, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (err == INVALID_HANDLE_VALUE) {
    std::printf("FAILED: cannot make %s\n", stderr_file.c_str());
    std::exit(1);
  }
  STARTUPINFOW startup{};
  startup.cb = sizeof startup;
  startup.dwFlags = STARTF_USESTDHANDLES;
  startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
  startup.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
  startup.hStdError = err;
  PROCESS_INFORMATION started{};
  std::wstring wide = wide_of(line);
  if (!CreateProcessW(nullptr, &wide[0], nullptr, nullptr, TRUE, 0, nullptr, nullptr, &startup,
                      &started)) {
    std::printf("FAILED: cannot start %s (error %lu)\n", setup.launcher.c_str(),
                static_cast<unsigned long>(GetLastError()));
    std::exit(1);
  }
  CloseHandle(err);
  CloseHandle(started.hThread);
  return started;
}

std::string read_file(const std::string& path) {
  std::ifstream file(wide_of(path).c_str(), std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Runs the launcher to its end: its exit code, and its stderr in `said`.
DWORD run_launcher(const Setup& setup, const std::vector<std::string>& probe_args,
                   std::string& said) {
  // One file per run: a process of the run before (wine's crash debugger)
  // may still hold its file open.
  static int runs = 0;
  const std::string stderr_file = setup.work + "\\stderr-" + std::to_string(++runs) + ".txt";
  const PROCESS_INFORMATION started = start_launcher(setup, probe_args, stderr_file);
  WaitForSingleObject(started.hProcess, 60000);
  DWORD code = 0;
  GetExitCodeProcess(started.hProcess, &code);
  CloseHandle(started.hProcess);
  said = read_file(stderr_file);
  std::printf("  launcher -- probe");
  for (const std::string& arg : probe_args) std::printf(" %s", arg.c_str());
  std::printf(": exit 0x%08lX, stderr: %s\n", static_cast<unsigned long>(code),
              said.empty() ? "(none)\n" : said.c_str());
  return code;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Waits up to 30 s for the probe's file.
std::string wait_for_file(const std::string& path) {
  for (int i = 0; i < 300; ++i) {
    const std::string text = read_file(path);
    if (!text.empty()) return text;
    Sleep(100);
  }
  return "";
}

bool ends_within(DWORD pid, DWORD ms) {
  const HANDLE process = OpenProcess(SYNCHRONIZE, FALSE, pid);
  if (process == nullptr) return true;  // gone already
  const bool ended = WaitForSingleObject(process, ms) == WAIT_OBJECT_0;
  CloseHandle(process);
  return ended;
}

void exit_codes(const Setup& setup) {
  std::string said;
  for (const unsigned long code : {0ul, 1ul, 3ul, 77ul, 255ul}) {
    check(run_launcher(setup, {"exit", std::to_string(code)}, said) == code &&
              !contains(said, "died of"),
          "exit " + std::to_string(code) + " is the launcher's exit code, not a crash");
  }
  check(run_launcher(setup, {"exit", "256"}, said) == 0x1FF,
        "exit 256 (0 in its low byte) leaves the launcher with 0x1FF");
  Setup missing = setup;
  missing.probe = setup.work + "\\no such test.exe";
  check(run_launcher(missing, {}, said) == 127 && contains(said, "gtest_kitty: cannot run ") &&
            contains(said, "no such test.exe"),
        "a test binary that is not there: said, and 127 as on POSIX");
}

void crash(const Setup& setup) {
  std::string said;
  check(run_launcher(setup, {"crash"}, said) == 0xC0000005 &&
            contains(said,
                     "gtest_kitty: the test process died of exception 0xC0000005 "
                     "(access violation)"),
        "an access violation: said, and the launcher's exit code 0xC0000005");
  check(run_launcher(setup, {"raise", "0xC00000FD"}, said) == 0xC00000FD &&
            contains(said, "died of exception 0xC00000FD (stack overflow)"),
        "a stack overflow exception: said with its name");
  const DWORD code = run_launcher(setup, {"raise", "0xC0000100"}, said);
  check(code == 0xC00001FF && (code & 0xFF) != 0 && contains(said, "exception 0xC0000100"),
        "exception 0xC0000100 (0 in its low byte) leaves the launcher with 0xC00001FF");
}

void leftover(const Setup& setup) {
  const std::string pid_file = setup.work + "\\left.pid";
  DeleteFileW(wide_of(pid_file).c_str());
  std::string said;
  const DWORD code = run_launcher(setup, {"leave", pid_file}, said);
  const std::string pid = read_file(pid_file);
  check(code == 0, "the test's exit code 0 stands");
  check(!pid.empty() && contains(said,
                                 "gtest_kitty: ended 1 process the test left running: "
                                 "kitty_probe_child.exe (pid " +
                                     pid + ")"),
        "the process it left is counted and named");
  check(!pid.empty() && ends_within(static_cast<DWORD>(std::stoul(pid)), 0),
        "the process it left has ended when the launcher has");
}

void killed(const Setup& setup) {
  const std::string pid_file = setup.work + "\\held.pid";
  DeleteFileW(wide_of(pid_file).c_str());
  const PROCESS_INFORMATION launcher =
      start_launcher(setup, {"hold", pid_file}, setup.work + "\\killed-stderr.txt");
  std::istringstream pids(wait_for_file(pid_file));
  DWORD test = 0;
  DWORD sleeper = 0;
  pids >> test >> sleeper;
  check(test != 0 && sleeper != 0 && !ends_within(test, 0) && !ends_within(sleeper, 0),
        "the test and the process it started run");
  TerminateProcess(launcher.hProcess, 1);
  WaitForSingleObject(launcher.hProcess, INFINITE);
  CloseHandle(launcher.hProcess);
  check(test != 0 && ends_within(test, 10000), "the launcher killed: the test ended with it");
  check(sleeper != 0 && ends_within(sleeper, 10000),
        "the launcher killed: the process the test started ended with it");
}

void arguments(const Setup& setup) {
  const std::string out = setup.work + "\\args.txt";
  DeleteFileW(wide_of(out).c_str());
  const std::vector<std::string> given = {
      "[ ] ; $ ' \"",           "with space", "",         "back\\slash\\",
      "\\\"quoted\\\"",         "a\\\\\"b",   "\xc3\xbc", "Gr\xc3\xbc\xc3\x9f dich \xe2\x82\xac",
      "--gtest_filter=A.*:-B.c"};
  std::vector<std::string> probe_args = {"args", out};
  probe_args.insert(probe_args.end(), given.begin(), given.end());
  std::string said;
  const DWORD code = run_launcher(setup, probe_args, said);
  std::string expected;
  for (const std::string& arg : given) expected += arg + '\0';
  const std::string got = read_file(out);
  check(code == 0 && got == expected,
        "every argument arrived as it was given (" + std::to_string(given.size()) + ")");
  if (got != expected) {
    std::istringstream words(got);
    for (std::string word; std::getline(words, word, '\0');) {
      std::printf("  got [%s]\n", word.c_str());
    }
  }
}

}  // namespace

int main() {
  int count = 0;
  wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &count);
  if (wide == nullptr || count != 5) {
    std::fprintf(stderr, "usage: kitty_launcher_checks LAUNCHER PROBE SCENARIO WORK_DIR\n");
    return 64;
  }
  std::vector<std::string> argv;
  for (int i = 0; i < count; ++i) argv.push_back(kitty::internal::utf8_of_wide(wide[i]));
  const Setup setup{argv[1], argv[2], argv[4]};
  CreateDirectoryW(wide_of(setup.work).c_str(), nullptr);
  const std::string scenario = argv[3];
  if (scenario == "exit_codes") {
    exit_codes(setup);
  } else if (scenario == "crash") {
    crash(setup);
  } else if (scenario == "leftover") {
    leftover(setup);
  } else if (scenario == "killed") {
    killed(setup);
  } else if (scenario == "arguments") {
    arguments(setup);
  } else {
    std::fprintf(stderr, "unknown scenario '%s'\n", scenario.c_str());
    return 64;
  }
  return g_failures == 0 ? 0 : 1;
}
