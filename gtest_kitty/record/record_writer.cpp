#include "record/record_writer.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <gtest_kitty/protocol.h>

#include "common/utf8_path.h"
#include "listing/listing.h"
#include "platform/files.h"
#include "platform/process.h"

namespace kitty::internal {
namespace {

std::string full_name(const testing::TestInfo& info) {
  return std::string(info.test_suite_name()) + "." + info.name();
}

// "file:line: message" of the first failure, on one line and kept short:
// the record names what failed, the test's output says the rest.
std::string first_failure(const testing::TestResult& result) {
  for (int i = 0; i < result.total_part_count(); ++i) {
    const testing::TestPartResult& part = result.GetTestPartResult(i);
    if (!part.failed()) continue;
    std::string text;
    if (part.file_name() != nullptr) {
      const std::string file = part.file_name();
      text =
          file.substr(file.find_last_of('/') + 1) + ":" + std::to_string(part.line_number()) + ": ";
    }
    bool space = false;
    for (const char c : std::string(part.message())) {
      const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (!blank && space && !text.empty() && text.back() != ' ') text += ' ';
      if (!blank) text += c;
      space = blank;
    }
    return text.size() > 300 ? text.substr(0, 300) + "..." : text;
  }
  return {};
}

}  // namespace

RecordListener::RecordListener(int fd) : fd_(fd), pid_(current_process_id()) {}

Result<std::unique_ptr<RecordListener>> RecordListener::open(const std::string& dir,
                                                             const RecordHeader& header) {
  std::error_code made;
  std::filesystem::create_directories(path_of_utf8(dir), made);
  if (made) {
    return Failure{Category::kOutput,
                   "cannot make the record directory " + dir + ": " + made.message()};
  }
  // O_EXCL: a pid reused within one run gets a file of its own.
  const std::string stem = dir + "/" + std::to_string(current_process_id());
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    const std::string path = stem + (attempt == 0 ? "" : "-" + std::to_string(attempt)) + ".jsonl";
    fd = create_file(path, /*exclusive=*/true);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    return Failure{Category::kOutput,
                   "cannot write a run record in " + dir + ": " + std::strerror(errno)};
  }
  std::unique_ptr<RecordListener> listener(new RecordListener(fd));
  const long long now = wall_clock_us();
  listener->write_line(
      "{\"" + std::string(protocol::kRecordKey) + "\":" + std::to_string(protocol::kRecordVersion) +
          ",\"name\":" + json_string(header.name) + ",\"selector\":" +
          json_string(header.selector) + ",\"executable\":" + json_string(header.executable) +
          ",\"run_id\":" + json_string(header.run_id) + ",\"pid\":" +
          std::to_string(current_process_id()) + ",\"worker\":" + std::to_string(header.worker) +
          ",\"launched_us\":" + std::to_string(header.launched_us > 0 ? header.launched_us : now) +
          ",\"start_us\":" + std::to_string(now) +
          (header.rerun.empty() ? "" : ",\"rerun\":" + json_string(header.rerun)) + "}",
      /*flush=*/true);
  return listener;
}

// Writes nothing: a child forked without exec runs this destructor too.
RecordListener::~RecordListener() {
  if (fd_ >= 0 && current_process_id() == pid_) close_file(fd_);
}

// A written line is in the kernel's hands: a crash of the process loses
// nothing written before it.
void RecordListener::write_line(const std::string& line, bool flush) {
  if (fd_ < 0 || current_process_id() != pid_) return;
  pending_ += line;
  pending_ += '\n';
  if (!flush) return;
  write_all(fd_, pending_);  // a full disk loses the record, never the test
  pending_.clear();
}

void RecordListener::OnTestIterationStart(const testing::UnitTest& /*unit_test*/, int iteration) {
  if (iteration == 0) return;
  write_line("{\"e\":\"iteration\",\"n\":" + std::to_string(iteration) +
                 ",\"t\":" + std::to_string(wall_clock_us()) + "}",
             /*flush=*/false);
}

// The suite's last test to run: after it, TearDownTestSuite runs, and a
// crash there must not leave that test looking unfinished.
void RecordListener::OnTestSuiteStart(const testing::TestSuite& suite) {
  last_of_suite_ = nullptr;
  for (int i = suite.total_test_count() - 1; i >= 0 && last_of_suite_ == nullptr; --i) {
    if (suite.GetTestInfo(i)->should_run()) last_of_suite_ = suite.GetTestInfo(i);
  }
}

void RecordListener::OnTestStart(const testing::TestInfo& info) {
  // Flushed before the test runs, with the previous test's end: a process
  // that dies in this test leaves its start (one write per test, not two).
  write_line("{\"e\":\"start\",\"test\":" + json_string(full_name(info)) +
                 ",\"t\":" + std::to_string(wall_clock_us()) + "}",
             /*flush=*/true);
}

void RecordListener::OnTestEnd(const testing::TestInfo& info) {
  const testing::TestResult& result = *info.result();
  const char* outcome = result.Failed() ? "failed" : result.Skipped() ? "skipped" : "passed";
  std::string line = "{\"e\":\"end\",\"test\":" + json_string(full_name(info)) + ",\"result\":\"" +
                     outcome + "\",\"t\":" + std::to_string(wall_clock_us());
  if (result.Failed()) line += ",\"message\":" + json_string(first_failure(result));
  write_line(line + "}", /*flush=*/&info == last_of_suite_);
}

void RecordListener::OnTestProgramEnd(const testing::UnitTest& unit_test) {
  write_line(std::string("{\"e\":\"exit\",\"failed\":") + (unit_test.Failed() ? "true" : "false") +
                 ",\"t\":" + std::to_string(wall_clock_us()) + "}",
             /*flush=*/true);
}

}  // namespace kitty::internal
