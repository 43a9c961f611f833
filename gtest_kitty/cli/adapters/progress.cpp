#include "cli/adapters/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "cli/adapters/ctest_console.h"
#include "cli/counted.h"
#include "common/settings.h"

namespace kitty::cli {

bool interactive_output() {
  const char* ci = kitty::internal::read_setting("CI");
  if (ci != nullptr && *ci != '\0' && std::string(ci) != "false" && std::string(ci) != "0") {
    return false;
  }
  return isatty(STDERR_FILENO) != 0;
}

Progress::Progress(int runs, std::string label)
    : runs_(runs), label_(std::move(label)), interactive_(interactive_output()) {}

void Progress::start_run(int run) {
  run_ = run;
  done_ = total_ = failed_ = 0;
  partial_.clear();
  redraw();
}

void Progress::feed(const std::string& chunk) {
  partial_ += chunk;
  size_t newline = 0;
  while ((newline = partial_.find('\n')) != std::string::npos) {
    const std::optional<CtestConsoleLine> line = parse_ctest_line(partial_.substr(0, newline));
    partial_.erase(0, newline + 1);
    if (!line) continue;
    done_ = line->done;
    total_ = line->total;
    if (line->failed()) ++failed_;
    redraw();
  }
}

void Progress::redraw() {
  if (!interactive_) return;
  fmt::print(stderr, "\r\033[Kgtest-kitty {}: run {}/{}: {}/{} tests, {} failed", label_, run_,
             runs_, done_, total_ == 0 ? std::string("?") : std::to_string(total_), failed_);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::end_run(int run, size_t tests, int failed, double seconds) {
  if (drawn_) fmt::print(stderr, "\r\033[K");
  drawn_ = false;
  fmt::print("gtest-kitty {}: run {}/{}: {}, {} failed, {:.1f} s\n", label_, run, runs_,
             counted(static_cast<long long>(tests), "test"), failed, seconds);
  std::fflush(stdout);
}

void Progress::finish() {
  if (drawn_) fmt::print(stderr, "\r\033[K");
  drawn_ = false;
  std::fflush(stderr);
}

}  // namespace kitty::cli
