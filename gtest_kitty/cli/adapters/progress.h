// Progress of a long command that runs ctest: on a terminal one line that
// updates in place (on stderr, so stdout stays the report); under CI=true,
// or when stderr is not a terminal, one plain line per run.
#pragma once

#include <string>

namespace kitty::cli {

// True when output goes to a person: stderr is a terminal and CI is not set.
bool interactive_output();

class Progress {
 public:
  explicit Progress(int runs, std::string label = "ratchet");
  void start_run(int run);
  // ctest's output as it arrives: counts its "k/n Test #i: name ... status" lines.
  void feed(const std::string& chunk);
  void end_run(int run, size_t tests, int failed, double seconds);
  void finish();

 private:
  void redraw();
  int runs_;
  std::string label_;
  bool interactive_;
  int run_ = 0;
  int done_ = 0;
  int total_ = 0;
  int failed_ = 0;
  std::string partial_;
  bool drawn_ = false;
};

}  // namespace kitty::cli
