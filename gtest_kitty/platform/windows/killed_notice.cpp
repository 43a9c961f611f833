#include "platform/killed_notice.h"

#include <windows.h>

#include <cstring>

#include "platform/process.h"

namespace kitty::internal {
namespace {

char g_killed_home[4096];
volatile LONG g_killed_home_size = 0;
volatile ProcessId g_killed_owner = -1;
bool g_handler_installed = false;

void write_text(const char* text) {
  DWORD wrote = 0;
  WriteFile(GetStdHandle(STD_ERROR_HANDLE), text, static_cast<DWORD>(std::strlen(text)), &wrote,
            nullptr);
}

// Runs on a thread of its own when the console sends the event; FALSE lets
// the default handler end the process, as it would have.
BOOL WINAPI on_console_event(DWORD event) {
  if (current_process_id() == g_killed_owner && g_killed_home_size > 0) {
    write_text(event == CTRL_C_EVENT       ? "\ngtest_kitty: killed by Ctrl-C"
               : event == CTRL_BREAK_EVENT ? "\ngtest_kitty: killed by Ctrl-Break"
                                           : "\ngtest_kitty: killed by the console closing");
    write_text(": kept the isolated home of this run: ");
    DWORD wrote = 0;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), g_killed_home, static_cast<DWORD>(g_killed_home_size),
              &wrote, nullptr);
    write_text("\n");
  }
  return FALSE;
}

}  // namespace

void name_home_if_killed(const std::string& process_dir) {
  if (process_dir.size() > sizeof g_killed_home) return;
  g_killed_home_size = 0;  // no half-written name, should an event come now
  std::memcpy(g_killed_home, process_dir.data(), process_dir.size());
  g_killed_owner = current_process_id();
  g_killed_home_size = static_cast<LONG>(process_dir.size());
  if (process_dir.empty() || g_handler_installed) return;
  g_handler_installed = SetConsoleCtrlHandler(on_console_event, TRUE) != 0;
}

}  // namespace kitty::internal
