// The N directories a CI run split by `gtest-kitty shard` leaves, one per
// job (shard.json, records/, junit.xml: shard_manifest.h), read back as one
// run: every index 0..N-1 exactly once, all of the same N. merge-junit and
// timeline take them with --shards DIR... and refuse an incomplete set; the
// cross-shard proof reads the set too and reports what is missing as a fault.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/expected.h"
#include "cli/model/shard_manifest.h"

namespace kitty::cli {

struct ShardOutput {
  std::string dir;  // as given
  ShardManifest manifest;
  std::string junit_path() const { return dir + "/junit.xml"; }
  std::string records_dir() const { return dir + "/records"; }
  // An empty share runs no ctest and leaves no junit.xml nor records.
  bool has_share() const { return !manifest.share.empty(); }
};

struct ShardSet {
  int total = 0;                                    // N, as every manifest says
  std::vector<ShardOutput> shards;                  // one per directory, by index
  std::vector<int> missing;                         // indexes no directory has
  std::map<int, std::vector<std::string>> claimed;  // index -> its directories, when 2 or more
};

// Reads every directory's manifest. Fails, naming the directory, on one
// without a readable shard.json, and on manifests of different N.
Expected<ShardSet> read_shard_set(const std::vector<std::string>& dirs);

// What makes the set not one whole run, one line per fault ("shard 2 of 3:
// no directory given has it (its job did not run, or its output was not
// downloaded)", "shard 1 of 3 is claimed by a and b"); empty when whole.
std::vector<std::string> shard_set_faults(const ShardSet& set);

// read_shard_set, and the first fault of an incomplete set as the error
// (exit 2: the input is not one run's outputs).
Expected<ShardSet> read_whole_shard_set(const std::vector<std::string>& dirs);

}  // namespace kitty::cli
