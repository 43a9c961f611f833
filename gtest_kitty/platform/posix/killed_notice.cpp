#include "platform/killed_notice.h"

#include <signal.h>
#include <unistd.h>

#include <cstring>

namespace kitty::internal {
namespace {

char g_killed_home[4096];
volatile sig_atomic_t g_killed_home_size = 0;
volatile pid_t g_killed_owner = -1;

void write_text(const char* text, size_t size) {
  const ssize_t ignored = write(STDERR_FILENO, text, size);
  (void)ignored;
}

void write_text(const char* text) { write_text(text, std::strlen(text)); }

// Async-signal-safe: write(), strlen(), signal(), raise() only.
void on_fatal_signal(int signal_number) {
  if (getpid() == g_killed_owner && g_killed_home_size > 0) {
    const char* name = signal_number == SIGPIPE  ? "SIGPIPE"
                       : signal_number == SIGINT ? "SIGINT"
                       : signal_number == SIGHUP ? "SIGHUP"
                                                 : "SIGTERM";
    write_text("\ngtest_kitty: killed by ");
    write_text(name);
    write_text(": kept the isolated home of this run: ");
    write_text(g_killed_home, static_cast<size_t>(g_killed_home_size));
    write_text("\n");
  }
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

}  // namespace

void name_home_if_killed(const std::string& process_dir) {
  if (process_dir.size() > sizeof g_killed_home) return;
  g_killed_home_size = 0;  // no half-written name, should a signal come now
  std::memcpy(g_killed_home, process_dir.data(), process_dir.size());
  g_killed_owner = getpid();
  g_killed_home_size = static_cast<sig_atomic_t>(process_dir.size());
  if (process_dir.empty()) return;
  for (const int signal_number : {SIGPIPE, SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction current {};
    if (sigaction(signal_number, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) continue;
    struct sigaction handler {};
    handler.sa_handler = on_fatal_signal;
    sigemptyset(&handler.sa_mask);
    sigaction(signal_number, &handler, nullptr);
  }
}

}  // namespace kitty::internal
