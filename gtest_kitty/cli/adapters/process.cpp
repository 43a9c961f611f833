#include "cli/adapters/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace kitty::cli {
namespace {

using Clock = std::chrono::steady_clock;

// After the kill, what the group's survivors (a daemon that left it) still
// hold of the pipe is not waited for longer than this.
constexpr int kDrainAfterKillMs = 500;

// Why the child could not become the program, told the parent through a
// close-on-exec pipe: a successful exec closes it unwritten.
struct StartFailure {
  int in_chdir = 0;  // 1: entering the working directory, 0: the exec
  int error = 0;     // errno
};

void close_both(const int fds[2]) {
  close(fds[0]);
  close(fds[1]);
}

}  // namespace

Expected<ProcessResult> run_program(const std::vector<std::string>& argv,
                                    const ProcessOptions& options) {
  if (argv.empty()) return fail("no program to run");
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    return fail(fmt::format("cannot run {}: pipe: {}", argv.front(), std::strerror(errno)));
  }
  int start_fds[2];
  if (pipe2(start_fds, O_CLOEXEC) != 0) {
    const int error = errno;
    close_both(pipe_fds);
    return fail(fmt::format("cannot run {}: pipe: {}", argv.front(), std::strerror(error)));
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const bool bounded = options.timeout_seconds > 0;

  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close_both(pipe_fds);
    close_both(start_fds);
    return fail(fmt::format("cannot run {}: fork: {}", argv.front(), std::strerror(error)));
  }
  if (pid == 0) {
    close(start_fds[0]);
    if (bounded) setpgid(0, 0);  // what it starts is killed with it
    if (options.capture) dup2(pipe_fds[1], STDOUT_FILENO);
    if (options.capture && options.merge_stderr) dup2(pipe_fds[1], STDERR_FILENO);
    close_both(pipe_fds);
    for (const std::string& name : options.unset_environment) unsetenv(name.c_str());
    for (const auto& [name, value] : options.environment) setenv(name.c_str(), value.c_str(), 1);
    StartFailure failure;
    if (!options.working_directory.empty() && chdir(options.working_directory.c_str()) != 0) {
      failure = {1, errno};
    } else {
      execvp(args[0], args.data());
      failure = {0, errno};
    }
    [[maybe_unused]] const ssize_t told = write(start_fds[1], &failure, sizeof failure);
    _exit(127);
  }
  close(start_fds[1]);
  StartFailure failure;
  ssize_t told = 0;
  do {
    told = read(start_fds[0], &failure, sizeof failure);
  } while (told < 0 && errno == EINTR);
  close(start_fds[0]);
  if (told == static_cast<ssize_t>(sizeof failure)) {
    close_both(pipe_fds);
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    if (failure.in_chdir != 0) {
      return fail(fmt::format("cannot run {}: cannot enter {}: {}", argv.front(),
                              options.working_directory, std::strerror(failure.error)));
    }
    return fail(fmt::format("cannot run {}: {}", argv.front(), std::strerror(failure.error)));
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
