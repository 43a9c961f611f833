// What a kitty process cannot cost less than on this machine, by the same
// system calls without kitty around them (bench/plan.txt, the F rows):
//   floor_probe fork N        N times: fork, the child exits, the parent reaps
//                             it (the launcher's supervisor is one such fork)
//   floor_probe dirs DIR N    N times: the eight directories of one isolated
//                             process made below DIR, then removed
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

int fail(const std::string& what) {
  std::fprintf(stderr, "floor_probe: %s: %s\n", what.c_str(), std::strerror(errno));
  return 1;
}

int forks(long n) {
  for (long i = 0; i < n; ++i) {
    const pid_t child = fork();
    if (child < 0) return fail("fork");
    if (child == 0) _exit(0);
    int status = 0;
    if (waitpid(child, &status, 0) != child) return fail("waitpid");
  }
  return 0;
}

// The layout isolation/skeleton makes: the process directory, home/ with its
// XDG directories, tmp/; removed deepest first, as a passing home is.
int directories(const std::string& base, long n) {
  static const char* const kLayout[] = {"",
                                        "/home",
                                        "/home/.config",
                                        "/home/.local",
                                        "/home/.local/share",
                                        "/home/.local/state",
                                        "/home/.cache",
                                        "/tmp"};
  constexpr int kCount = sizeof(kLayout) / sizeof(kLayout[0]);
  if (mkdir(base.c_str(), 0700) != 0 && errno != EEXIST) return fail("mkdir " + base);
  const std::string process = base + "/p";
  for (long i = 0; i < n; ++i) {
    for (int d = 0; d < kCount; ++d) {
      if (mkdir((process + kLayout[d]).c_str(), 0700) != 0) return fail("mkdir " + process);
    }
    for (int d = kCount - 1; d >= 0; --d) {
      if (rmdir((process + kLayout[d]).c_str()) != 0) return fail("rmdir " + process);
    }
  }
  return 0;
}

long count(const char* text) {
  char* end = nullptr;
  const long n = std::strtol(text, &end, 10);
  return (*end == '\0' && n > 0) ? n : -1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "fork" && argc == 3 && count(argv[2]) > 0) return forks(count(argv[2]));
  if (mode == "dirs" && argc == 4 && count(argv[3]) > 0)
    return directories(argv[2], count(argv[3]));
  std::fprintf(stderr, "usage: floor_probe fork N | floor_probe dirs DIR N\n");
  return 2;
}
