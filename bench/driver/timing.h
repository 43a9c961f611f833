// The one timing engine: hyperfine (-N, no shell), with the harness's two
// additions: waiting for other processes to leave the CPUs before a
// measurement, and measuring how many cores they kept busy during it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

  struct Entrant {
    std::string id;
    Launch launch;
    bool any_exit = false;
  };
  // Times the entrants alternately, round robin (A, B, A, B, ...: one
  // hyperfine run each per round), so that a change in the machine's load
  // falls on all of them alike; `warmup` rounds are not counted. Other load
  // is that of the whole alternation.
  std::vector<Timing> time_alternately(const std::vector<Entrant>& entrants, int runs, int warmup);

  int waited_seconds() const { return (quiet_budget_ - quiet_left_) / 2; }

  // "hyperfine 1.15.0"; throws when hyperfine is missing.
  static std::string describe();

 private:
  void wait_quiet();
  // One hyperfine measurement of `launch`: its JSON result, and its own
  // CPU seconds (user + system of every run).
  struct Measured {
    nlohmann::json result;
    double own_cpu = 0;
  };
  Measured measure(const std::string& id, const Launch& launch, int runs, int warmup,
                   bool any_exit);
  int quiet_budget_;  // half seconds
  int quiet_left_;
  std::string results_dir_;
};

}  // namespace kitty_bench
