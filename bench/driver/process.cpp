#include "process.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "failure.h"

namespace kitty_bench {

Finished run(const Launch& launch, bool merge_stderr) {
  if (launch.argv.empty()) throw Failure("an empty command");
  int out[2];
  if (pipe(out) != 0) throw Failure(fmt::format("pipe: {}", std::strerror(errno)));
  const pid_t pid = fork();
  if (pid < 0) throw Failure(fmt::format("fork: {}", std::strerror(errno)));
  if (pid == 0) {
    close(out[0]);
    dup2(out[1], STDOUT_FILENO);
    if (merge_stderr) dup2(out[1], STDERR_FILENO);
    close(out[1]);
    const int null_in = open("/dev/null", O_RDONLY);
    if (null_in >= 0) dup2(null_in, STDIN_FILENO);
    if (!launch.working_directory.empty() && chdir(launch.working_directory.c_str()) != 0) {
      fmt::print(stderr, "cannot enter {}: {}\n", launch.working_directory, std::strerror(errno));
      _exit(127);
    }
    for (const std::string& pair : launch.environment) {
      const size_t equals = pair.find('=');
      setenv(pair.substr(0, equals).c_str(),
             equals == std::string::npos ? "" : pair.substr(equals + 1).c_str(), 1);
    }
    std::vector<char*> argv;
    for (const std::string& word : launch.argv) argv.push_back(const_cast<char*>(word.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    fmt::print(stderr, "cannot run {}: {}\n", launch.argv[0], std::strerror(errno));
    _exit(127);
  }
  close(out[1]);
  Finished finished;
  char buffer[65536];
  for (ssize_t got; (got = read(out[0], buffer, sizeof buffer)) != 0;) {
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;
    finished.output.append(buffer, static_cast<size_t>(got));
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  finished.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return finished;
}

}  // namespace kitty_bench
