#include "record/record_file.h"

#include "common/small_file.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <gtest_kitty/protocol.h>

#include "common/settings.h"
#include "common/signal_name.h"
#include "platform/files.h"

namespace kitty::internal {
namespace {

// The string value of `key` in one record line ("" when absent), with the
// escapes the library writes for test names undone.
std::string string_field(const std::string& line, const std::string& key) {
  const std::string opening = "\"" + key + "\":\"";
  const std::string::size_type start = line.find(opening);
  if (start == std::string::npos) return {};
  std::string value;
  for (std::string::size_type i = start + opening.size(); i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') return value;
    if (c == '\\' && i + 1 < line.size()) {
      const char next = line[++i];
      if (next == 'u' && i + 4 < line.size()) {
        const unsigned long code = std::strtoul(line.substr(i + 1, 4).c_str(), nullptr, 16);
        i += 4;
        if (code < 0x80) value += static_cast<char>(code);  // kitty escapes ; [ ] so
        continue;
      }
      value += next;
      continue;
    }
    value += c;
  }
  return {};  // cut short: not a whole line
}

}  // namespace

long long wall_clock_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string record_directory(const std::string& isolation_run_dir) {
  const char* dir = read_setting(kRecordDirVariable);
  if (dir != nullptr && *dir != '\0') return dir;
  if (isolation_run_dir.empty()) return "";
  return isolation_run_dir + "/" + std::string(protocol::kRecordDirName);
}

std::string find_record(const std::string& dir, ProcessId pid, long long launched_us) {
  if (dir.empty()) return {};
  const std::string stem = dir + "/" + std::to_string(pid);
  const std::string mark = "\"launched_us\":" + std::to_string(launched_us) + ",";
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string path = stem + (attempt == 0 ? "" : "-" + std::to_string(attempt)) + ".jsonl";
    std::string text;
    if (!read_small_file(path, text)) return {};
    if (text.substr(0, text.find('\n')).find(mark) != std::string::npos) return path;
  }
  return {};
}

std::string unfinished_test(const std::string& record_path) {
  std::ifstream file(record_path);
  std::string test;
  for (std::string line; std::getline(file, line);) {
    if (line.rfind("{\"e\":\"start\",", 0) == 0) {
      test = string_field(line, "test");
    } else if (line.rfind("{\"e\":\"end\",", 0) == 0 && string_field(line, "test") == test) {
      test.clear();
    }
  }
  return test;
}

std::string json_quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string ended_line(const ProcessEnd& end) {
  const ProcessStatus& status = end.status;
  const bool signalled = status.kind == ProcessStatus::Kind::kSignalled;
  const bool exception = status.kind == ProcessStatus::Kind::kException;
  std::string line = std::string("{\"e\":\"ended\",\"by\":\"") +
                     (end.stopped ? "killed"
                      : signalled ? "signal"
                      : exception ? "exception"
                                  : "exit") +
                     "\"";
  if (signalled) {
    line += ",\"signal\":" + std::to_string(status.signal) +
            ",\"signal_name\":" + json_quote(signal_name(status.signal));
  } else if (exception) {
    line += ",\"exception\":" + json_quote(exception_text(status.exception));
    const std::string name = exception_name(status.exception);
    if (!name.empty()) line += ",\"exception_name\":" + json_quote(name);
  } else {
    line += ",\"code\":" + std::to_string(status.code);
  }
  line += std::string(",\"premature\":") + (end.premature ? "true" : "false") +
          ",\"left\":" + std::to_string(end.left);
  if (!end.test.empty()) line += ",\"test\":" + json_quote(end.test);
  return line + ",\"t\":" + std::to_string(end.ended_us) + "}";
}

void append_to_record(const std::string& record_path, const std::string& line) {
  const int fd = open_for_append(record_path);
  if (fd < 0) return;  // the record is the tools' aid; the result stands without it
  write_all(fd, line + "\n");
  close_file(fd);
}

}  // namespace kitty::internal
