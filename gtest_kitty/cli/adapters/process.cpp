#include "cli/adapters/process.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace kitty::cli {
namespace {

using Clock = std::chrono::steady_clock;

// After the kill, what the group's survivors (a daemon that left it) still
// hold of the pipe is not waited for longer than this.
constexpr int kDrainAfterKillMs = 500;

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const bool bounded = options.timeout_seconds > 0;

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (bounded) setpgid(0, 0);  // what it starts is killed with it
    if (options.capture) dup2(pipe_fds[1], STDOUT_FILENO);
    if (options.capture && options.merge_stderr) dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    for (const std::string& name : options.unset_environment) unsetenv(name.c_str());
    for (const auto& [name, value] : options.environment) setenv(name.c_str(), value.c_str(), 1);
    if (!options.working_directory.empty() && chdir(options.working_directory.c_str()) != 0) {
      std::perror("chdir");
      _exit(127);
    }
    execvp(args[0], args.data());
    std::perror(args[0]);
    _exit(127);
  }
  if (bounded) setpgid(pid, pid);  // also here: no race with the kill
  close(pipe_fds[1]);
  ProcessResult result;
  const Clock::time_point deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(options.timeout_seconds));
  Clock::time_point drain_until{};
  char buffer[65536];
  while (true) {
    int wait_ms = -1;
    if (result.timed_out) {
      wait_ms = static_cast<int>(
          std::chrono::duration_cast<std::chrono::milliseconds>(drain_until - Clock::now())
              .count());
      if (wait_ms <= 0) break;
    } else if (bounded) {
      wait_ms = static_cast<int>(
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
      if (wait_ms <= 0) {
        kill(-pid, SIGKILL);
        result.timed_out = true;
        drain_until = Clock::now() + std::chrono::milliseconds(kDrainAfterKillMs);
        continue;
      }
    }
    pollfd readable{pipe_fds[0], POLLIN, 0};
    const int ready = poll(&readable, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;  // the deadline comes round again
    const ssize_t got = read(pipe_fds[0], buffer, sizeof buffer);
    if (got > 0) {
      result.output.append(buffer, static_cast<size_t>(got));
      if (options.on_output) options.on_output(std::string(buffer, static_cast<size_t>(got)));
    } else if (got == 0 || errno != EINTR) {
      break;
    }
  }
  close(pipe_fds[0]);
  int status = 0;
  if (bounded && !result.timed_out) {
    // The pipe closed: wait for the exit, still bounded by the deadline.
    while (true) {
      const pid_t done = waitpid(pid, &status, WNOHANG);
      if (done == pid) break;
      if (done < 0 && errno != EINTR) break;
      if (Clock::now() >= deadline) {
        kill(-pid, SIGKILL);
        result.timed_out = true;
        break;
      }
      usleep(10'000);
    }
  }
  if (!bounded || result.timed_out) {
    if (result.timed_out) kill(-pid, SIGKILL);  // the group, whatever is left of it
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace kitty::cli
