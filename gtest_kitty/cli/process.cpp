#include "process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace kitty::cli {

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
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
  close(pipe_fds[1]);
  ProcessResult result;
  char buffer[65536];
  while (true) {
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
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace kitty::cli
