#include "cli/model/record_reader.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <gtest_kitty/protocol.h>

#include "cli/adapters/files.h"
#include "cli/adapters/json_reader.h"
#include "common/settings.h"
#include "common/shell_quote.h"

namespace kitty::cli {
namespace fs = std::filesystem;

namespace {

// The launcher's line after the process ended.
Expected<ProcessEnd> parse_ended(const nlohmann::json& entry) {
  ProcessEnd end;
  const std::string by = entry.value("by", "");
  if (by == "exit") {
    end.by = EndedBy::kExit;
  } else if (by == "signal") {
    end.by = EndedBy::kSignal;
  } else if (by == "killed") {
    end.by = EndedBy::kKilled;
  } else if (by == "exception") {
    end.by = EndedBy::kException;
  } else {
    return fail(fmt::format("an end by '{}' (exit, signal or killed)", by));
  }
  end.code = entry.value("code", 0LL);
  end.signal = entry.value("signal", 0);
  end.signal_name = entry.value("signal_name", "");
  if (end.by == EndedBy::kException) {
    const std::string name = entry.value("exception_name", "");
    end.signal_name = "exception " + entry.value("exception", std::string("?")) +
                      (name.empty() ? "" : " (" + name + ")");
  }
  end.premature = entry.value("premature", false);
  end.left = entry.value("left", 0);
  end.t = entry.value("t", 0LL);
  return end;
}

Expected<ProcessRecord> parse_lines(const std::string& path, const std::string& text,
                                    size_t& number) {
  std::istringstream lines(text);
  std::string line;
  ProcessRecord record;
  record.path = path;
  std::map<std::string, size_t> running;  // test -> index of its open start
  int iteration = 0;
  while (std::getline(lines, line)) {
    ++number;
    const nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
    if (entry.is_discarded() || !entry.is_object()) {
      // A process killed while writing leaves its last line cut short.
      if (lines.peek() == EOF && number > 1) break;
      return fail(fmt::format("{}:{}: not a kitty run record line", path, number));
    }
    if (number == 1) {
      if (entry.value(protocol::kRecordKey, 0) != protocol::kRecordVersion) {
        return fail(
            fmt::format("{}: not a kitty run record (version {})", path, protocol::kRecordVersion));
      }
      record.name = entry.value("name", "");
      record.selector = entry.value("selector", "");
      record.executable = entry.value("executable", "");
      record.run_id = entry.value("run_id", "");
      record.rerun = entry.value("rerun", "");
      record.pid = entry.value("pid", 0LL);
      record.worker = entry.value("worker", -1);
      record.start_us = entry.value("start_us", 0LL);
      record.launched_us = entry.value("launched_us", record.start_us);
      record.end_us = record.start_us;
      continue;
    }
    const std::string event = entry.value("e", "");
    const long long t = entry.value("t", 0LL);
    record.end_us = std::max(record.end_us, t);
    if (event == "iteration") {
      iteration = entry.value("n", iteration + 1);
    } else if (event == "start") {
      RecordedTest test;
      test.name = entry.value("test", "");
      test.iteration = iteration;
      test.start_us = test.end_us = t;
      running[test.name] = record.tests.size();
      record.tests.push_back(std::move(test));
    } else if (event == "end") {
      const std::string name = entry.value("test", "");
      const auto open = running.find(name);
      if (open == running.end()) {
        return fail(fmt::format("{}:{}: {} ends without having started", path, number, name));
      }
      RecordedTest& test = record.tests[open->second];
      running.erase(open);
      test.end_us = t;
      test.message = entry.value("message", "");
      const std::string result = entry.value("result", "");
      test.result = result == "passed"   ? TestResult::kPassed
                    : result == "failed" ? TestResult::kFailed
                                         : TestResult::kSkipped;
    } else if (event == "exit") {
      record.exited = true;
      record.failed = entry.value("failed", false);
    } else if (event == "ended") {
      Expected<ProcessEnd> ended = parse_ended(entry);
      if (!ended) return fail(fmt::format("{}:{}: {}", path, number, ended.error().message));
      record.ended = *ended;
    } else {
      return fail(fmt::format("{}:{}: unknown record event '{}'", path, number, event));
    }
  }
  if (number == 0) return fail(fmt::format("{}: empty run record", path));
  for (const auto& [name, index] : running) record.tests[index].end_us = record.end_us;
  return record;
}

}  // namespace

const RecordedTest* died_in(const ProcessRecord& record) {
  for (auto test = record.tests.rbegin(); test != record.tests.rend(); ++test) {
    if (test->result == TestResult::kInterrupted) return &*test;
  }
  return nullptr;
}

std::string rerun_command(const ProcessRecord& record, const std::string& test) {
  if (record.rerun.empty() && record.executable.empty()) return {};
  const std::string prefix = !record.rerun.empty()
                                 ? record.rerun
                                 : fmt::format("{} {}", internal::shell_quote(record.executable),
                                               internal::shell_quote(record.selector));
  return fmt::format("{} {}", prefix, internal::shell_quote("--gtest_filter=" + test));
}

Expected<ProcessRecord> parse_run_record(const std::string& path, const std::string& text) {
  size_t number = 0;
  // A field of the wrong type: nlohmann's value() throws rather than guess.
  return read_json([&] { return parse_lines(path, text, number); },
                   [&](const std::string& what) {
                     return fmt::format("{}:{}: not a kitty run record line ({})", path, number,
                                        what);
                   });
}

Expected<std::vector<ProcessRecord>> read_run_records(const std::string& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) return fail(fmt::format("no run record directory {}", dir));
  KITTY_TRY(const std::vector<fs::directory_entry> entries, directory_entries(dir));
  std::vector<ProcessRecord> records;
  for (const fs::directory_entry& entry : entries) {
    if (entry.path().extension() != ".jsonl") continue;
    KITTY_TRY(const std::string text, read_file(entry.path().string()));
    KITTY_TRY(ProcessRecord record, parse_run_record(entry.path().string(), text));
    records.push_back(std::move(record));
  }
  std::sort(records.begin(), records.end(), [](const ProcessRecord& a, const ProcessRecord& b) {
    return a.launched_us != b.launched_us ? a.launched_us < b.launched_us : a.name < b.name;
  });
  return records;
}

Expected<std::string> latest_record_dir(const Registry& registry) {
  std::set<std::string> bases;
  for (const RegisteredTest& test : registry.tests) {
    for (size_t i = 0; i + 1 < test.command.size(); ++i) {
      if (test.command[i] == "--base") bases.insert(test.command[i + 1]);
      if (test.command[i] == "--") break;
    }
  }
  if (const char* base = kitty::internal::read_setting("KITTY_HOME_BASE");
      base != nullptr && *base != '\0') {
    bases.insert(base);
  }
  std::string newest;
  fs::file_time_type newest_time;
  std::error_code error;
  for (const std::string& base : bases) {
    const Expected<std::vector<fs::directory_entry>> runs = directory_entries(base);
    if (!runs) continue;  // a base no run has made yet
    for (const fs::directory_entry& run : *runs) {
      const fs::path record = run.path() / protocol::kRecordDirName;
      if (!fs::is_directory(record, error)) continue;
      const fs::file_time_type time = fs::last_write_time(record, error);
      if (!error && (newest.empty() || time > newest_time)) {
        newest = record.string();
        newest_time = time;
      }
    }
  }
  if (newest.empty()) {
    return fail(
        fmt::format("no recorded run in {}: run ctest there first (with kitty's isolation on, or "
                    "KITTY_RECORD_DIR set and given as --record-dir)",
                    registry.test_dir));
  }
  return newest;
}

}  // namespace kitty::cli
