// The one timing engine: hyperfine (-N, no shell), with the harness's two
// additions: waiting for other processes to leave the CPUs before a
// measurement, and measuring how many cores they kept busy during it.
#pragma once

#include <string>

#include "process.h"

namespace kitty_bench {

struct Timing {
  double median = 0;  // seconds
  double min = 0;
  double max = 0;
  int runs = 0;
  double other_load = 0;  // cores busy with processes other than the measured one
};

class Timer {
 public:
  // `quiet_wait_seconds`: in total over the run, how long to wait for other
  // processes to drop below a quarter of one core before a measurement.
  Timer(int quiet_wait_seconds, std::string results_dir);

  // Times `launch` (its environment and working directory included) with
  // hyperfine; throws when it fails and `any_exit` is false.
  Timing time(const std::string& id, const Launch& launch, int runs, int warmup, bool any_exit);

  int waited_seconds() const { return (quiet_budget_ - quiet_left_) / 2; }

  // "hyperfine 1.15.0"; throws when hyperfine is missing.
  static std::string describe();

 private:
  void wait_quiet();
  int quiet_budget_;  // half seconds
  int quiet_left_;
  std::string results_dir_;
};

}  // namespace kitty_bench
