// The N directories a CI run split by `gtest-kitty shard` leaves, one per
// job (shard.json, records/, junit.xml: shard_manifest.h), read back as one
// run: every index 0..N-1 exactly once, all of the same N. merge-junit and
// timeline take them with --shards DIR... and refuse an incomplete set; the
// cross-shard proof (shard_proof.h, whose read_shard_output reads each
// directory) finds the same faults itself.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/expected.h"
#include "cli/model/shard_proof.h"

namespace kitty::cli {

struct ShardSet {
  int total = 0;                                    // N, as every manifest says
  std::vector<ShardOutput> shards;                  // one per directory, by index
  std::vector<int> missing;                         // indexes no directory has
  std::map<int, std::vector<std::string>> claimed;  // index -> its directories, when 2 or more
};

// Reads every directory (read_shard_output: shard.json, records/, and
// junit.xml once its job ran). Fails (exit 2), naming the directory, on one
// that cannot be read, and on manifests of different N.
Expected<ShardSet> read_shard_set(const std::vector<std::string>& dirs);

// A job as the tools name it: "job 2 of 3 (--index 1)" (the lead's shard
// proof says it alike).
std::string shard_job_name(int index, int total);

// What makes the set not one whole run, one line per fault ("job 3 of 3
// (--index 2): no directory given has it (its job did not run, or its output
// was not downloaded)", "job 1 of 3 (--index 0) is claimed by 2 directories:
// a, b"); empty when whole.
std::vector<std::string> shard_set_faults(const ShardSet& set);

// read_shard_set, and the first fault of an incomplete set as the error
// (exit 2: the input is not one run's outputs).
Expected<ShardSet> read_whole_shard_set(const std::vector<std::string>& dirs);

}  // namespace kitty::cli
