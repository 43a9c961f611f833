#include "runtime/ports.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <utility>

#include <gtest_kitty/protocol.h>

#include "common/errno_text.h"
#include "common/settings.h"
#include "platform/file_lock.h"
#include "platform/files.h"
#include "platform/process.h"

namespace kitty::internal {
namespace {

bool parse_int(const std::string& text, int& value) {
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  value = std::atoi(text.c_str());
  return true;
}

}  // namespace

Result<PortRange> parse_port_range(const std::string& range, const std::string& block_size) {
  PortRange parsed;
  const std::string::size_type dash = range.find('-');
  if (dash == std::string::npos || !parse_int(range.substr(0, dash), parsed.first) ||
      !parse_int(range.substr(dash + 1), parsed.last)) {
    return usage_error("port range '" + range + "' is not FIRST-LAST, e.g. " +
                       std::string(protocol::kDefaultPortRange));
  }
  if (parsed.first < 1 || parsed.last > 65535 || parsed.first > parsed.last) {
    return usage_error("port range '" + range +
                       "' must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535");
  }
  const int ports = parsed.last - parsed.first + 1;
  parsed.block_size = ports;
  if (!block_size.empty() && block_size != "0") {
    if (!parse_int(block_size, parsed.block_size) || parsed.block_size < 1 ||
        ports % parsed.block_size != 0) {
      return usage_error("port block size '" + block_size + "' must divide the " +
                         std::to_string(ports) + " ports of " + range);
    }
  }
  return parsed;
}

std::string port_resource_type(const PortRange& range) {
  return std::string(protocol::kPortResourcePrefix) + std::to_string(range.first) + "_" +
         std::to_string(range.last);
}

std::string port_block_id(const PortBlock& block) {
  return std::string(protocol::kPortBlockPrefix) + std::to_string(block.first) + "_" +
         std::to_string(block.last);
}

Result<PortBlock> allocated_block(const PortRange& range, const Environment& environment) {
  const char* count_text = read_setting("CTEST_RESOURCE_GROUP_COUNT", environment);
  int count = 0;
  if (count_text == nullptr || !parse_int(count_text, count)) return PortBlock{};
  const std::string type = port_resource_type(range);
  std::string upper = type;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (int group = 0; group < count; ++group) {
    // CTEST_RESOURCE_GROUP_<n>_<TYPE>=id:<id>,slots:<n>
    const std::string variable = "CTEST_RESOURCE_GROUP_" + std::to_string(group) + "_" + upper;
    const char* value = read_setting(variable, environment);
    if (value == nullptr) continue;
    static const std::regex kAllocation("id:" + std::string(protocol::kPortBlockPrefix) +
                                        "([0-9]+)_([0-9]+),slots:[0-9]+");
    std::cmatch match;
    PortBlock block;
    if (!std::regex_match(value, match, kAllocation) || !parse_int(match[1], block.first) ||
        !parse_int(match[2], block.last) || block.first < range.first || block.last > range.last ||
        block.size() != range.block_size || (block.first - range.first) % range.block_size != 0) {
      return Failure{Category::kPorts, variable + "=" + value + " is not a block of " + type};
    }
    return block;
  }
  return PortBlock{};
}

std::string port_lock_dir() {
  const char* dir = read_setting("KITTY_PORT_LOCK_DIR");
  if (dir != nullptr && *dir != '\0') return dir;
  return shared_temporary_directory() + "/gtest-kitty-ports-" + user_key();
}

std::string port_lock_file(const std::string& lock_dir) { return lock_dir + "/ports.lock"; }

namespace {

Failure ports_failure(std::string message) { return {Category::kPorts, std::move(message)}; }

Result<int> open_ports_file(const std::string& lock_dir) {
  if (!make_directory(lock_dir) && errno != EEXIST) {
    return ports_failure(errno_text("cannot create " + lock_dir));
  }
  if (directory_state(lock_dir) != DirectoryState::kOwn) {
    return ports_failure(lock_dir + " is not a directory of this user");
  }
  const std::string path = port_lock_file(lock_dir);
  const int fd = open_lock_file(path);
  if (fd < 0) return ports_failure(errno_text("cannot open " + path));
  return fd;
}

// Takes the block's range without waiting: true when taken, false when
// another process holds part of it.
Result<bool> try_lock(int fd, const PortBlock& block) {
  if (try_lock_range(fd, block.first, block.size())) return true;
  if (errno != EAGAIN && errno != EACCES) {
    return ports_failure(errno_text("cannot lock ports " + port_block_id(block)));
  }
  return false;
}

// "process 123 (port_tests) holds ports 9400-9449", or empty when the range
// is free by now.
std::string holder_of(int fd, const PortBlock& block) {
  RangeHolder holder;
  if (!range_holder(fd, block.first, block.size(), holder)) return {};
  std::string who = "a process";
  if (holder.pid > 0) {
    const std::string name = process_name(holder.pid);
    who = "process " + std::to_string(holder.pid) + (name.empty() ? "" : " (" + name + ")");
  }
  return who + " holds ports " + std::to_string(holder.first) + "-" + std::to_string(holder.last);
}

// Waits for the block's range: says first what it waits for, since the
// holder may be a stale process of another run that the user has to end.
Status wait_for_lock(int fd, const PortBlock& block) {
  const Result<bool> taken = try_lock(fd, block);
  if (!taken) return taken.status();
  if (*taken) return {};
  const std::string holder = holder_of(fd, block);
  std::fprintf(stderr, "gtest_kitty: waiting for ports %d-%d: %s\n", block.first, block.last,
               holder.empty() ? "another process held them" : holder.c_str());
  std::fflush(stderr);
  if (!lock_range(fd, block.first, block.size())) {
    return ports_failure(errno_text("cannot lock ports " + port_block_id(block)));
  }
  return {};
}

}  // namespace

Result<int> lock_block(const PortBlock& block, const std::string& lock_dir) {
  const Result<int> fd = open_ports_file(lock_dir);
  if (!fd) return fd;
  if (const Status locked = wait_for_lock(*fd, block); !locked) {
    close_lock_file(*fd);
    return locked.failure();
  }
  return fd;
}

Result<LockedBlock> lock_any_block(const PortRange& range, int preferred,
                                   const std::string& lock_dir) {
  // One descriptor for every attempt: closing any descriptor of the file
  // would drop this process's record locks on it.
  const Result<int> fd = open_ports_file(lock_dir);
  if (!fd) return fd.failure();
  const int blocks = range.blocks();
  for (int step = 0; step < blocks; ++step) {
    const PortBlock block = range.block((preferred + step) % blocks);
    const Result<bool> taken = try_lock(*fd, block);
    if (!taken) {
      close_lock_file(*fd);
      return taken.failure();
    }
    if (*taken) return LockedBlock{block, *fd};
  }
  const PortBlock block = range.block(preferred % blocks);
  if (const Status waited = wait_for_lock(*fd, block); !waited) {
    close_lock_file(*fd);
    return waited.failure();
  }
  return LockedBlock{block, *fd};
}

}  // namespace kitty::internal
