#include "isolation/isolation.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "common/errno_text.h"
#include "common/small_file.h"
#include "isolation/scratch.h"
#include "isolation/skeleton.h"

namespace kitty::internal {
namespace {

// "a/b c.cpp" -> "a_b_c.cpp": the readable part of a process key.
std::string key_name(const std::string& unit_name) {
  std::string key;
  for (const char c : unit_name.empty() ? std::string("process") : unit_name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-';
    key += plain ? c : '_';
  }
  if (key.size() > 60) key = key.substr(key.size() - 60);  // keep the file name end
  return key;
}

std::string timestamp(std::time_t when) {
  char text[32];
  std::tm parts{};
  localtime_r(&when, &parts);
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%S", &parts);
  return text;
}

// Leases the lowest worker index no live process of the run holds.
std::string lease_worker(const std::string& run_dir, Isolation& isolation) {
  const std::string workers = run_dir + "/workers";
  std::string error = ensure_directory(workers);
  if (!error.empty()) return error;
  for (int index = 0; index < 4096; ++index) {
    const std::string path = workers + "/" + std::to_string(index) + ".lock";
    const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return errno_text("cannot open " + path);
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
      isolation.worker_index = index;
      isolation.worker_lock_fd = fd;
      return {};
    }
    close(fd);
  }
  return "no free worker index in " + workers;
}

// `path` made absolute against the working directory; an absolute one as it is.
std::string absolute_path(const std::string& path) {
  if (path.empty() || path.front() == '/') return path;
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(path, error);
  if (error) return path;
  std::string text = absolute.lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

// Opens the run's marker, first creating it with the run's kind when it is
// missing: written aside and linked into place, so that nobody reads a half
// written one.
int open_run_marker(const std::string& run_dir, const std::string& kind, std::string& error) {
  const std::string marker = run_dir + "/" + kRunMarker;
  int fd = open(marker.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    const std::string draft = marker + "." + std::to_string(getpid());
    const int out =
        open(draft.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0) {
      error = errno_text("cannot create " + draft);
      return -1;
    }
    const std::string text = kind + "\n";
    const bool written = write(out, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    close(out);
    if (!written) {
      error = errno_text("cannot write " + draft);
    } else if (link(draft.c_str(), marker.c_str()) != 0 && errno != EEXIST) {
      error = errno_text("cannot create " + marker);
    }
    unlink(draft.c_str());
    if (!error.empty()) return -1;
    fd = open(marker.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  }
  if (fd < 0 && error.empty()) error = errno_text("cannot open " + marker);
  return fd;
}

// A file of /proc, read whole. /proc/stat grows with the number of CPUs and
// interrupts: read to its end, however long.
std::string read_proc_file(const std::string& path) {
  std::string text;
  read_small_file(path, text, std::string::npos);
  return text;
}

// Start time of process `pid`, in seconds since the epoch (Linux /proc).
bool process_start_time(pid_t pid, std::time_t& start) {
  const std::string stat = read_proc_file("/proc/" + std::to_string(pid) + "/stat");
  // The command name (field 2) may hold spaces: count fields after its ')'.
  const std::string::size_type name_end = stat.rfind(')');
  if (name_end == std::string::npos) return false;
  const char* field = stat.c_str() + name_end + 1;
  for (int number = 3; number <= 22; ++number) {
    while (*field == ' ') ++field;
    if (*field == '\0') return false;
    if (number == 22) break;
    while (*field != ' ' && *field != '\0') ++field;
  }
  const unsigned long long start_ticks = std::strtoull(field, nullptr, 10);
  const std::string system = read_proc_file("/proc/stat");
  const std::string::size_type btime = system.find("\nbtime ");
  if (btime == std::string::npos) return false;
  const unsigned long long boot_time = std::strtoull(system.c_str() + btime + 7, nullptr, 10);
  const long ticks = sysconf(_SC_CLK_TCK);
  if (boot_time == 0 || ticks <= 0) return false;
  start =
      static_cast<std::time_t>(boot_time + start_ticks / static_cast<unsigned long long>(ticks));
  return true;
}

}  // namespace

const std::vector<std::string>& isolated_variable_names() {
  static const std::vector<std::string> names = {
      "HOME",           "USERPROFILE",    "XDG_CONFIG_HOME", "XDG_DATA_HOME",
      "XDG_STATE_HOME", "XDG_CACHE_HOME", "TMPDIR",          "TEST_TMPDIR"};
  return names;
}

Variables variables_for(const std::string& home, const std::string& tmp) {
  return {{"HOME", home},
          {"USERPROFILE", home},
          {"XDG_CONFIG_HOME", home + "/.config"},
          {"XDG_DATA_HOME", home + "/.local/share"},
          {"XDG_STATE_HOME", home + "/.local/state"},
          {"XDG_CACHE_HOME", home + "/.cache"},
          {"TMPDIR", tmp},
          {"TEST_TMPDIR", tmp}};
}

void set_variables(const Variables& variables) {
  for (const auto& [name, value] : variables) setenv(name.c_str(), value.c_str(), 1);
}

IsolationSettings settings_from_environment(const std::string& fallback_base,
                                            const std::string& default_run_id,
                                            const char* default_kind,
                                            const Environment& environment) {
  IsolationSettings settings;
  const char* base = read_setting("KITTY_HOME_BASE", environment);
  const char* bazel = read_setting("TEST_TMPDIR", environment);
  if (base != nullptr && *base != '\0') {
    settings.base = base;
  } else if (bazel != nullptr && *bazel != '\0' &&
             read_setting(kIsolationPid, environment) == nullptr) {
    settings.base = std::string(bazel) + "/kitty";  // Bazel's, not one kitty set
  } else {
    settings.base = fallback_base;
  }
  settings.base = absolute_path(settings.base);
  const char* run_id = read_setting("KITTY_RUN_ID", environment);
  settings.run_id = run_id != nullptr && *run_id != '\0' ? run_id : default_run_id;
  const char* kind = read_setting(kRunKindVariable, environment);
  const bool named =
      kind != nullptr && (std::string(kind) == kRunKindTool || std::string(kind) == kRunKindDirect);
  settings.kind = named ? kind : default_kind;
  return settings;
}

std::string run_kind_of(const std::string& run_dir) {
  const std::string kind = first_line_of(run_dir + "/" + kRunMarker);
  return kind.empty() ? kRunKindUser : kind;
}

std::string run_id_of_parent() {
  const pid_t parent = getppid();
  std::time_t start = 0;
  if (!process_start_time(parent, start)) return "ppid-" + std::to_string(parent);
  return timestamp(start) + "-" + std::to_string(parent);
}

std::string run_id_of_self() {
  return timestamp(std::time(nullptr)) + "-" + std::to_string(getpid());
}

namespace {

// One attempt. Against a concurrent removal of the run (pruning by another
// run's process, or the run's own last process removing an empty run), the
// set-up holds the marker's lock shared until its worker lease is taken: a
// removal takes it exclusive, and skips a run with a live lease.
IsolationResult try_create_isolation(const IsolationSettings& settings) {
  IsolationResult result;
  Isolation& isolation = result.isolation;
  isolation.run_id = settings.run_id;
  isolation.run_dir = settings.base + "/" + settings.run_id;
  // The base may need parents (a fresh build tree); below it, every
  // directory is made by one mkdir of ours.
  std::error_code ignored;
  std::filesystem::create_directories(settings.base, ignored);
  result.error = ensure_directory(settings.base);
  if (!result.error.empty()) return result;
  isolation.made_run = mkdir(isolation.run_dir.c_str(), 0700) == 0;
  if (!isolation.made_run) result.error = check_directory(isolation.run_dir);
  if (!result.error.empty()) return result;
  const int marker = open_run_marker(isolation.run_dir, settings.kind, result.error);
  if (marker < 0) return result;
  struct stat marker_info {};
  while (flock(marker, LOCK_SH) != 0 && errno == EINTR) {
  }
  if (fstat(marker, &marker_info) != 0 || marker_info.st_nlink == 0) {
    close(marker);
    result.error = isolation.run_dir + " was removed while this process set it up";
    return result;
  }
  result.error = lease_worker(isolation.run_dir, isolation);
  close(marker);  // from here on, the lease keeps the run
  if (!result.error.empty()) return result;

  // In the scratch when there is one: the run's scratch directory can be
  // removed by the run's last process meanwhile, so it is made again.
  std::string parent = isolation.run_dir;
  std::string key;
  for (int attempt = 0; attempt < 3 && !settings.scratch_root.empty(); ++attempt) {
    const std::string scratch =
        scratch_run_dir(settings.scratch_root, settings.base, settings.run_id);
    if (!ensure_directory(scratch).empty()) break;  // full, or not ours: the base
    key = scratch + "/" + key_name(settings.unit_name) + ".XXXXXX";
    if (mkdtemp(key.data()) != nullptr) {
      parent = scratch;
      isolation.scratch_run_dir = scratch;
      break;
    }
    key.clear();
  }
  if (key.empty()) {
    key = isolation.run_dir + "/" + key_name(settings.unit_name) + ".XXXXXX";
    if (mkdtemp(key.data()) == nullptr) {
      result.error = errno_text("cannot create a directory in " + isolation.run_dir);
      return result;
    }
  }
  isolation.process_dir = key;
  isolation.kept_dir = isolation.run_dir + key.substr(parent.size());
  isolation.home = key + "/home";
  isolation.tmp = key + "/tmp";
  isolation.variables = variables_for(isolation.home, isolation.tmp);
  result.error = make_skeleton(key);
  return result;
}

}  // namespace

IsolationResult create_isolation(const IsolationSettings& settings) {
  if (settings.run_id.empty() || settings.run_id.find('/') != std::string::npos ||
      settings.run_id == "." || settings.run_id == "..") {
    IsolationResult refused;
    refused.error = "the run id '" + settings.run_id + "' is not a plain directory name";
    return refused;
  }
  // A run dir can still be removed between our mkdir and our lock; then the
  // attempt fails on a vanished directory, and another one makes it anew.
  IsolationResult result;
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (result.isolation.worker_lock_fd >= 0) close(result.isolation.worker_lock_fd);
    result = try_create_isolation(settings);
    if (result.error.empty()) break;
  }
  return result;
}

IsolationResult create_test_scope(const Isolation& process, int test_number) {
  IsolationResult result;
  result.isolation = process;
  result.isolation.worker_lock_fd = -1;  // the process keeps the lease
  const std::string below = "/test-" + std::to_string(test_number);
  const std::string dir = process.process_dir + below;
  result.isolation.process_dir = dir;
  result.isolation.kept_dir = kept_path(process) + below;
  result.isolation.home = dir + "/home";
  result.isolation.tmp = dir + "/tmp";
  result.isolation.variables = variables_for(result.isolation.home, result.isolation.tmp);
  result.error = ensure_directory(dir);
  if (result.error.empty()) result.error = make_skeleton(dir);
  return result;
}

}  // namespace kitty::internal
