#include "isolation/isolation.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "common/errno_text.h"
#include "common/small_file.h"
#include "common/utf8_path.h"
#include "isolation/scratch.h"
#include "isolation/skeleton.h"
#include "platform/environment.h"
#include "platform/file_lock.h"
#include "platform/files.h"
#include "platform/process.h"

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
  const std::tm parts = local_time(when);
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
    const int fd = open_lock_file(path);
    if (fd < 0) return errno_text("cannot open " + path);
    if (try_lock_file(fd, LockKind::kExclusive)) {
      isolation.worker_index = index;
      isolation.worker_lock_fd = fd;
      return {};
    }
    close_lock_file(fd);
  }
  return "no free worker index in " + workers;
}

// `path` made absolute against the working directory; an absolute one as it is.
std::string absolute_path(const std::string& path) {
  if (path.empty() || path_of_utf8(path).is_absolute()) return path;
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(path_of_utf8(path), error);
  if (error) return path;
  std::string text = utf8_of(absolute.lexically_normal());
  while (text.size() > 1 && (text.back() == '/' || text.back() == '\\')) text.pop_back();
  return text;
}

// Opens the run's marker, first creating it with the run's kind when it is
// missing: written aside and linked into place, so that nobody reads a half
// written one.
int open_run_marker(const std::string& run_dir, const std::string& kind, std::string& error) {
  const std::string marker = run_dir + "/" + kRunMarker;
  int fd = open_existing_lock_file(marker);
  if (fd < 0 && errno == ENOENT) {
    const std::string draft = marker + "." + std::to_string(current_process_id());
    const int out = create_file(draft, /*exclusive=*/false);
    if (out < 0) {
      error = errno_text("cannot create " + draft);
      return -1;
    }
    const bool written = write_all(out, kind + "\n");
    close_file(out);
    if (!written) {
      error = errno_text("cannot write " + draft);
    } else if (!link_new_name(draft, marker) && errno != EEXIST) {
      error = errno_text("cannot create " + marker);
    }
    remove_file(draft);
    if (!error.empty()) return -1;
    fd = open_existing_lock_file(marker);
  }
  if (fd < 0 && error.empty()) error = errno_text("cannot open " + marker);
  return fd;
}

}  // namespace

const std::vector<std::string>& isolated_variable_names() {
  // Windows' names are set on every system: code ported from one to the
  // other reads them, and a variable left out would name the real home.
  static const std::vector<std::string> names = {
      "HOME",          "USERPROFILE",    "APPDATA",        "LOCALAPPDATA", "XDG_CONFIG_HOME",
      "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "TMPDIR",       "TEMP",
      "TMP",           "TEST_TMPDIR"};
  return names;
}

Variables variables_for(const std::string& home, const std::string& tmp) {
  return {{"HOME", home},
          {"USERPROFILE", home},
          {"APPDATA", home + "/AppData/Roaming"},
          {"LOCALAPPDATA", home + "/AppData/Local"},
          {"XDG_CONFIG_HOME", home + "/.config"},
          {"XDG_DATA_HOME", home + "/.local/share"},
          {"XDG_STATE_HOME", home + "/.local/state"},
          {"XDG_CACHE_HOME", home + "/.cache"},
          {"TMPDIR", tmp},
          {"TEMP", tmp},
          {"TMP", tmp},
          {"TEST_TMPDIR", tmp}};
}

void set_variables(const Variables& variables) {
  for (const auto& [name, value] : variables) set_variable(name, value);
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
  const ProcessId parent = parent_process_id();
  std::time_t start = 0;
  if (!process_start_time(parent, start)) return "ppid-" + std::to_string(parent);
  return timestamp(start) + "-" + std::to_string(parent);
}

std::string run_id_of_self() {
  return timestamp(std::time(nullptr)) + "-" + std::to_string(current_process_id());
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
  isolation.made_run = make_directory(isolation.run_dir);
  if (!isolation.made_run) result.error = check_directory(isolation.run_dir);
  if (!result.error.empty()) return result;
  const int marker = open_run_marker(isolation.run_dir, settings.kind, result.error);
  if (marker < 0) return result;
  lock_file(marker, LockKind::kShared);
  if (file_was_removed(marker)) {
    close_lock_file(marker);
    result.error = isolation.run_dir + " was removed while this process set it up";
    return result;
  }
  result.error = lease_worker(isolation.run_dir, isolation);
  close_lock_file(marker);  // from here on, the lease keeps the run
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
    if (make_unique_directory(key)) {
      parent = scratch;
      isolation.scratch_run_dir = scratch;
      break;
    }
    key.clear();
  }
  if (key.empty()) {
    key = isolation.run_dir + "/" + key_name(settings.unit_name) + ".XXXXXX";
    if (!make_unique_directory(key)) {
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
  if (settings.run_id.empty() || settings.run_id.find_first_of("/\\") != std::string::npos ||
      settings.run_id == "." || settings.run_id == "..") {
    IsolationResult refused;
    refused.error = "the run id '" + settings.run_id + "' is not a plain directory name";
    return refused;
  }
  // A run dir can still be removed between our mkdir and our lock; then the
  // attempt fails on a vanished directory, and another one makes it anew.
  IsolationResult result;
  for (int attempt = 0; attempt < 3; ++attempt) {
    close_lock_file(result.isolation.worker_lock_fd);
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
