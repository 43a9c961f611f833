#include "launcher/supervisor.h"

#include "common/small_file.h"
#include "record/record_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <type_traits>
#include <vector>

namespace kitty::internal {
namespace {

// The supervisor hands its SupervisedEnd to the launcher as bytes on a pipe.
static_assert(std::is_trivially_copyable_v<SupervisedEnd>);

// A test told to stop (ctest cancelled, Ctrl-C) gets this long to end
// before SIGKILL; so do the processes a test left behind after SIGTERM.
constexpr long long kStopGraceMs = 3000;
constexpr long long kLeftoverGraceMs = 1000;
// Rounds of ending leftovers: each round ends the processes that became the
// supervisor's children when their parents ended in the round before.
constexpr int kLeftoverRounds = 64;

long long steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

sigset_t supervised_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (const int signal_number : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT}) {
    sigaddset(&set, signal_number);
  }
  return set;
}

// Waits up to `ms` (forever when negative) for a signal of `set`: the
// signal, or 0 when the time ran out.
int wait_signal(const sigset_t& set, long long ms) {
  for (;;) {
    int got = 0;
    if (ms < 0) {
      got = sigwaitinfo(&set, nullptr);
    } else {
      const timespec timeout{static_cast<time_t>(ms / 1000),
                             static_cast<long>(ms % 1000) * 1000000};
      got = sigtimedwait(&set, nullptr, &timeout);
    }
    if (got > 0) return got;
    if (errno == EAGAIN) return 0;
    // EINTR: a signal outside the set (a stop and continue); wait again.
  }
}

// Reaps every child that has ended; true when `test` was one (its wait
// status in `status`).
bool reap(pid_t test, int& status) {
  bool test_ended = false;
  for (;;) {
    int child_status = 0;
    const pid_t pid = waitpid(-1, &child_status, WNOHANG);
    if (pid <= 0) return test_ended;
    if (pid == test) {
      status = child_status;
      test_ended = true;
    }
  }
}

// The supervisor's children right now: the kernel's list where it has one,
// else a scan of /proc for processes whose parent is this one.
std::vector<pid_t> children_of_self() {
  std::vector<pid_t> children;
  const std::string self = std::to_string(getpid());
  std::string listed;
  if (read_small_file("/proc/self/task/" + self + "/children", listed, 1 << 20)) {
    const char* at = listed.c_str();
    for (char* end = nullptr;; at = end) {
      const long pid = std::strtol(at, &end, 10);
      if (end == at) break;
      children.push_back(static_cast<pid_t>(pid));
    }
    return children;
  }
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return children;
  while (const dirent* entry = readdir(proc)) {
    const std::string name = entry->d_name;
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat_file("/proc/" + name + "/stat");
    std::string line;
    if (!std::getline(stat_file, line) || line.rfind(')') == std::string::npos) continue;
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string state;
    pid_t parent = 0;
    if (fields >> state >> parent && parent == getpid()) children.push_back(std::stoi(name));
  }
  closedir(proc);
  return children;
}

std::string name_of(pid_t pid) {
  const std::string name = process_name(pid);
  return name.empty() ? "?" : name;
}

// Ends every process the test left running, and says so: they would hold
// its ports, write into its home while it is removed, or keep ctest waiting
// on the output pipe they inherited. Returns how many there were.
int end_leftovers() {
  std::set<pid_t> ended;
  std::string names;
  int status = 0;
  for (int round = 0; round < kLeftoverRounds; ++round) {
    reap(-1, status);
    const std::vector<pid_t> children = children_of_self();
    if (children.empty()) break;
    for (const pid_t pid : children) {
      if (ended.insert(pid).second) {
        if (ended.size() <= 8) {
          names +=
              (names.empty() ? "" : ", ") + name_of(pid) + " (pid " + std::to_string(pid) + ")";
        }
      }
      kill(pid, SIGTERM);
    }
    // Until they have all ended, or the grace period is over.
    const long long deadline = steady_ms() + kLeftoverGraceMs;
    for (;;) {
      reap(-1, status);
      bool alive = false;
      for (const pid_t pid : children) alive = alive || kill(pid, 0) == 0;
      if (!alive) break;
      const long long left_ms = deadline - steady_ms();
      if (left_ms <= 0) {
        for (const pid_t pid : children) kill(pid, SIGKILL);
        for (const pid_t pid : children) waitpid(pid, &status, 0);
        break;
      }
      sigset_t child_only;
      sigemptyset(&child_only);
      sigaddset(&child_only, SIGCHLD);
      wait_signal(child_only, left_ms);
    }
  }
  if (!ended.empty()) {
    std::fprintf(stderr, "gtest_kitty: ended %zu process%s the test left running: %s%s\n",
                 ended.size(), ended.size() == 1 ? "" : "es", names.c_str(),
                 ended.size() > 8 ? ", ..." : "");
  }
  return static_cast<int>(ended.size());
}

[[noreturn]] void run_test(const SupervisorPlan& plan, pid_t supervisor,
                           const sigset_t& launcher_mask) {
  sigprocmask(SIG_SETMASK, &launcher_mask, nullptr);
#ifdef __linux__
  // The supervisor never ends before the test unless it was killed: then the
  // test must not live on.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
  if (getppid() != supervisor) _exit(128 + SIGKILL);
  if (plan.prepare) plan.prepare();
  execvp(plan.program[0], plan.program);
  std::fprintf(stderr, "gtest_kitty: cannot run %s: %s\n", plan.program[0], std::strerror(errno));
  _exit(127);
}

// The neutral shape of a wait status.
ProcessStatus status_of(int wait_status) {
  if (WIFSIGNALED(wait_status)) return ProcessStatus::signalled(WTERMSIG(wait_status));
  return ProcessStatus::exited(WEXITSTATUS(wait_status));
}

[[noreturn]] void supervise(const SupervisorPlan& plan, pid_t launcher, int result_fd,
                            const sigset_t& launcher_mask) {
  for (const int signal_number : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) {
    signal(signal_number, SIG_DFL);
  }
#ifdef __linux__
  prctl(PR_SET_PDEATHSIG, SIGTERM);  // told when the launcher dies
  prctl(PR_SET_CHILD_SUBREAPER, 1);  // what the test leaves becomes ours
#endif
  const sigset_t signals = supervised_signals();
  SupervisedEnd end;
  int wait_status = 0;
  const pid_t supervisor = getpid();
  const pid_t test = fork();
  if (test == 0) run_test(plan, supervisor, launcher_mask);
  end.pid = test;
  bool ended = test < 0;
  if (test < 0) {
    std::fprintf(stderr, "gtest_kitty: cannot start %s: %s\n", plan.program[0],
                 std::strerror(errno));
    wait_status = 127 << 8;  // as a shell reports a program it cannot run
  }
  long long kill_at = -1;  // when a test told to stop gets SIGKILL
  if (!ended && getppid() != launcher) {
    kill(test, SIGKILL);  // the launcher died before the test even started
    end.stopped = true;
  }
  while (!ended) {
    const int got = wait_signal(signals, kill_at < 0 ? -1 : std::max(0LL, kill_at - steady_ms()));
    if (got == SIGCHLD) {
      ended = reap(test, wait_status);
    } else if (got == 0) {
      kill(test, SIGKILL);  // the grace period is over
      kill_at = -1;
    } else {
      // A stop: the launcher forwards what it was sent (ctest cancelled, a
      // Ctrl-C), or the kernel says the launcher died (ctest's TIMEOUT
      // kills it with SIGKILL): then at once, ctest has given up on it.
      end.stopped = true;
      if (getppid() != launcher) {
        kill(test, SIGKILL);
      } else {
        kill(test, got);
        if (kill_at < 0) kill_at = steady_ms() + kStopGraceMs;
      }
    }
  }
  end.ended_us = wall_clock_us();
  end.status = status_of(wait_status);
  end.premature = test > 0 && WIFEXITED(wait_status) && !plan.premature_exit_file.empty() &&
                  access(plan.premature_exit_file.c_str(), F_OK) == 0;
  end.left = end_leftovers();
  end.known = true;
  end.orphaned = getppid() != launcher;
  if (plan.on_end) plan.on_end(end);
  const ssize_t wrote = write(result_fd, &end, sizeof end);
  _exit(wrote == static_cast<ssize_t>(sizeof end) ? 0 : 1);
}

}  // namespace

// The supervisor's pid, and the pipe it writes its SupervisedEnd into.
class Supervision {
 public:
  pid_t supervisor = -1;
  int result_fd = -1;
};

void SupervisionDeleter::operator()(Supervision* supervision) const {
  if (supervision->result_fd >= 0) close(supervision->result_fd);
  delete supervision;
}

bool prepare_runs_in_test() { return true; }

SupervisionHandle start_supervised(const SupervisorPlan& plan, std::string& error) {
  int result[2];
  if (pipe2(result, O_CLOEXEC) != 0) {
    error = std::string("cannot start ") + plan.program[0] + ": " + std::strerror(errno);
    return nullptr;
  }
  // The supervisor waits for its signals with sigwaitinfo: blocked from
  // before the fork, so that none is lost in between.
  const sigset_t signals = supervised_signals();
  sigset_t launcher_mask;
  sigprocmask(SIG_BLOCK, &signals, &launcher_mask);
  const pid_t launcher = getpid();
  const pid_t supervisor = fork();
  if (supervisor == 0) {
    close(result[0]);
    supervise(plan, launcher, result[1], launcher_mask);
  }
  const int fork_errno = errno;
  sigprocmask(SIG_SETMASK, &launcher_mask, nullptr);
  close(result[1]);
  if (supervisor < 0) {
    close(result[0]);
    error = std::string("cannot start ") + plan.program[0] + ": " + std::strerror(fork_errno);
    return nullptr;
  }
  SupervisionHandle supervision(new Supervision);
  supervision->supervisor = supervisor;
  supervision->result_fd = result[0];
  return supervision;
}

SupervisedEnd wait_supervised(Supervision& supervision) {
  int status = 0;
  while (waitpid(supervision.supervisor, &status, 0) < 0 && errno == EINTR) {
  }
  SupervisedEnd end;
  ssize_t got = -1;
  do {
    got = read(supervision.result_fd, &end, sizeof end);
  } while (got < 0 && errno == EINTR);
  close(supervision.result_fd);
  supervision.result_fd = -1;
  if (got != static_cast<ssize_t>(sizeof end)) {
    end = SupervisedEnd{};  // the supervisor died: nothing is known
    end.status = status_of(status);
  }
  return end;
}

void forward_stop(Supervision* supervision, int signal_number) {
  if (supervision != nullptr && supervision->supervisor > 0) {
    kill(supervision->supervisor, signal_number);
  }
}

}  // namespace kitty::internal
