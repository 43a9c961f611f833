// The proof over N CI jobs' shard outputs (equivalence --shards): together
// they ran the suite exactly once, as one machine would have.
//   - every job of the plan left an output, once, and finished;
//   - all jobs followed the same plan (the same registered tests, cost file
//     and N: a job planned otherwise runs another share);
//   - each job ran its share, nothing outside it, and every test of its share
//     (ctest's report);
//   - every test of every kitty binary (listed, as a serial run would run it)
//     executed exactly once, in one job: no test missing or twice, no unit's
//     tests split between jobs.
#pragma once

#include <string>
#include <vector>

#include "cli/adapters/ctest_junit.h"
#include "cli/model/equivalence.h"
#include "cli/model/record_reader.h"
#include "cli/model/shard_manifest.h"

namespace kitty::cli {

// One job's output directory, read.
struct ShardOutput {
  std::string dir;
  ShardManifest manifest;
  std::vector<ProcessRecord> records;
  std::vector<CtestCase> ctest_cases;  // its junit.xml; empty for an empty share
};

struct ShardProof {
  std::vector<std::string> faults;  // one line each, naming the jobs and tests
  // Per kitty binary: the serial listing against what the jobs executed.
  std::vector<std::pair<std::string, EquivalenceReport>> binaries;
  bool holds() const;
};

ShardProof prove_shards(const std::vector<ShardOutput>& outputs);

// Reads one job's output: shard.json, records/ and junit.xml (required once
// the job ran a non-empty share).
Expected<ShardOutput> read_shard_output(const std::string& dir);

}  // namespace kitty::cli
