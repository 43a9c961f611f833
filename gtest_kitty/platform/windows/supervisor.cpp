#include "launcher/supervisor.h"

#include <windows.h>

#include <cstdio>
#include <set>
#include <vector>

#include "common/signal_name.h"
#include "common/windows_command_line.h"
#include "platform/windows/wide_text.h"
#include "record/record_file.h"

namespace kitty::internal {
namespace {

// How long the processes a test left get to go once their job is told to
// end them (TerminateJobObject does not wait).
constexpr DWORD kLeftoverWaitMs = 5000;

std::string system_error_text(DWORD code) {
  wchar_t* text = nullptr;
  const DWORD length = FormatMessageW(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, code, 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
  std::wstring message = length > 0 ? std::wstring(text, length) : std::wstring();
  if (text != nullptr) LocalFree(text);
  while (!message.empty() && (message.back() == L'\n' || message.back() == L'\r' ||
                              message.back() == L'.' || message.back() == L' ')) {
    message.pop_back();
  }
  return message.empty() ? "error " + std::to_string(code) : utf8_of_wide(message.c_str());
}

// A job that ends every process in it when its last handle closes: the
// launcher holds the only one (not inheritable), so the launcher's end,
// however it comes, ends the test and all it started. An unhandled
// exception ends a process in it at once, with no error dialog.
HANDLE make_job() {
  const HANDLE job = CreateJobObjectW(nullptr, nullptr);
  if (job == nullptr) return nullptr;
  JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
  limits.BasicLimitInformation.LimitFlags =
      JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
  if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof limits)) {
    CloseHandle(job);
    return nullptr;
  }
  return job;
}

// The ids of the processes in the job right now.
std::vector<DWORD> processes_in(HANDLE job) {
  for (DWORD room = 64; room <= 65536; room *= 4) {
    std::vector<char> buffer(sizeof(JOBOBJECT_BASIC_PROCESS_ID_LIST) + room * sizeof(ULONG_PTR));
    auto* list = reinterpret_cast<JOBOBJECT_BASIC_PROCESS_ID_LIST*>(buffer.data());
    if (QueryInformationJobObject(job, JobObjectBasicProcessIdList, list,
                                  static_cast<DWORD>(buffer.size()), nullptr) ||
        GetLastError() == ERROR_MORE_DATA) {
      if (list->NumberOfAssignedProcesses > list->NumberOfProcessIdsInList) continue;
      std::vector<DWORD> ids;
      for (DWORD i = 0; i < list->NumberOfProcessIdsInList; ++i) {
        ids.push_back(static_cast<DWORD>(list->ProcessIdList[i]));
      }
      return ids;
    }
    return {};
  }
  return {};
}

// "ping.exe", the file name of the process's program; "?" when unknown.
std::string program_name(HANDLE process) {
  wchar_t path[MAX_PATH * 4];
  DWORD length = sizeof path / sizeof path[0];
  if (process == nullptr || !QueryFullProcessImageNameW(process, 0, path, &length)) return "?";
  const std::wstring full(path, length);
  const std::wstring::size_type slash = full.find_last_of(L"\\/");
  return utf8_of_wide((slash == std::wstring::npos ? full : full.substr(slash + 1)).c_str());
}

// Ends every process the test left running in its job, and says so, in the
// words of the POSIX supervisor: they would hold its ports, write into its
// home while it is removed, or keep ctest waiting on the output pipe they
// inherited. No grace period: a console process has no SIGTERM to be told
// with. Returns how many there were.
int end_leftovers(HANDLE job, DWORD test) {
  std::vector<HANDLE> handles;
  std::string names;
  int count = 0;
  for (const DWORD id : processes_in(job)) {
    if (id == test) continue;
    const HANDLE process = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, id);
    ++count;
    if (count <= 8) {
      names +=
          (names.empty() ? "" : ", ") + program_name(process) + " (pid " + std::to_string(id) + ")";
    }
    if (process != nullptr) handles.push_back(process);
  }
  if (count == 0) return 0;
  TerminateJobObject(job, 1);
  for (const HANDLE process : handles) {
    WaitForSingleObject(process, kLeftoverWaitMs);
    CloseHandle(process);
  }
  std::fprintf(stderr, "gtest_kitty: ended %d process%s the test left running: %s%s\n", count,
               count == 1 ? "" : "es", names.c_str(), count > 8 ? ", ..." : "");
  return count;
}

bool file_exists(const std::string& path) {
  return !path.empty() && GetFileAttributesW(wide_of(path).c_str()) != INVALID_FILE_ATTRIBUTES;
}

}  // namespace

// The test's process and the job it runs in.
class Supervision {
 public:
  HANDLE job = nullptr;
  HANDLE process = nullptr;  // null: it could not be started
  DWORD pid = 0;
  std::string premature_exit_file;
  std::function<void(const SupervisedEnd&)> on_end;
};

void SupervisionDeleter::operator()(Supervision* supervision) const {
  if (supervision->process != nullptr) CloseHandle(supervision->process);
  // The last handle of the job: whatever is still in it ends now.
  if (supervision->job != nullptr) CloseHandle(supervision->job);
  delete supervision;
}

bool prepare_runs_in_test() { return false; }

SupervisionHandle start_supervised(const SupervisorPlan& plan, std::string& error) {
  std::vector<std::string> argv;
  for (char* const* arg = plan.program; *arg != nullptr; ++arg) argv.emplace_back(*arg);
  std::string line;
  if (!windows_command_line(argv, line, error)) return nullptr;
  if (plan.prepare) plan.prepare();
  // Inherited by the test: a crash ends it at once, without Windows Error
  // Reporting's dialog waiting for a click nobody makes.
  SetErrorMode(GetErrorMode() | SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);

  SupervisionHandle supervision(new Supervision);
  supervision->premature_exit_file = plan.premature_exit_file;
  supervision->on_end = plan.on_end;
  supervision->job = make_job();
  if (supervision->job == nullptr) {
    error = "cannot make a job object for " + argv[0] + ": " + system_error_text(GetLastError());
    return nullptr;
  }
  std::wstring command_line = wide_of(line);
  STARTUPINFOW startup{};
  startup.cb = sizeof startup;
  PROCESS_INFORMATION started{};
  // Suspended until it is in the job, so that nothing it starts escapes.
  // Handles inherited: the standard ones ctest reads, a worker's lease.
  // wine's CreateProcessW now and then fails with ERROR_INTERNAL_ERROR on a
  // loaded machine (1 stage run in 10 here), and succeeds when asked again;
  // a binary that is missing or not runnable fails at once, as it should.
  BOOL created = FALSE;
  for (int attempt = 0; attempt < 3 && !created; ++attempt) {
    created = CreateProcessW(nullptr, &command_line[0], nullptr, nullptr, TRUE,
                             CREATE_SUSPENDED | CREATE_UNICODE_ENVIRONMENT, nullptr, nullptr,
                             &startup, &started);
    if (!created && GetLastError() != ERROR_INTERNAL_ERROR) break;
  }
  if (!created) {
    // As on POSIX, where the exec fails in the test's process: said, and
    // the test's end is the code a shell gives a program it cannot run.
    std::fprintf(stderr, "gtest_kitty: cannot run %s: %s\n", argv[0].c_str(),
                 system_error_text(GetLastError()).c_str());
    return supervision;
  }
  supervision->process = started.hProcess;
  supervision->pid = started.dwProcessId;
  if (!AssignProcessToJobObject(supervision->job, started.hProcess)) {
    error = "cannot put " + argv[0] + " in a job object: " + system_error_text(GetLastError());
    TerminateProcess(started.hProcess, 1);
    CloseHandle(started.hThread);
    return nullptr;
  }
  ResumeThread(started.hThread);
  CloseHandle(started.hThread);
  return supervision;
}

SupervisedEnd wait_supervised(Supervision& supervision) {
  SupervisedEnd end;
  end.pid = supervision.pid;
  DWORD code = 127;
  if (supervision.process != nullptr) {
    WaitForSingleObject(supervision.process, INFINITE);
    GetExitCodeProcess(supervision.process, &code);
  }
  end.ended_us = wall_clock_us();
  end.status = is_exception_code(code) ? ProcessStatus::ended_by_exception(code)
                                       : ProcessStatus::exited(code);
  end.premature = end.status.is_exit() && file_exists(supervision.premature_exit_file);
  end.left = end_leftovers(supervision.job, supervision.pid);
  end.known = true;
  if (supervision.on_end) supervision.on_end(end);
  return end;
}

// Ctrl-C and Ctrl-Break reach every process of the console, the test too.
void forward_stop(Supervision*, int) {}

}  // namespace kitty::internal
