// What one CI job's `gtest-kitty shard` leaves for the jobs after it:
// <out>/shard.json (this file's model), <out>/records/ (the run records of
// its test processes) and <out>/junit.xml (ctest's report of its share).
// The manifest says which plan the job followed and what the whole suite
// is, so the cross-shard proof (equivalence --shards), merge-junit and
// timeline need only the N uploaded directories, not the build tree.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

inline constexpr const char* kShardFormat = "gtest-kitty-shard/1";

// A kitty test binary of the build tree and every test it runs whole, listed
// (--gtest_list_tests), DISABLED_ ones left out: the serial run the shards
// together must equal.
struct ListedBinary {
  std::vector<std::string> command;
  std::vector<std::string> tests;
};

// A kitty unit: which binary runs it, and its source file (empty for a
// suite or test unit).
struct ManifestUnit {
  std::string name;  // the ctest test
  int binary = -1;   // index into ShardManifest::binaries
  std::string file;
  bool quarantined = false;        // registered in QUARANTINE_FILES: its tests are not run
  std::vector<std::string> tests;  // listed, for a quarantined unit only
};

struct CtestRun {
  int exit_code = 0;
  double seconds = 0;
};

struct ShardManifest {
  int index = 0;  // 0-based
  int total = 1;
  std::string plan;  // fingerprint of the registered tests, their weights and N
  std::optional<std::string> costs_file;
  std::optional<std::string> costs_digest;  // of the cost file's rows, as read
  std::string config;
  std::vector<std::string> registered;  // every ctest test, in ctest's order
  std::vector<std::string> share;       // this job's, in ctest's order
  std::vector<ListedBinary> binaries;
  std::vector<ManifestUnit> units;
  std::optional<CtestRun> ctest;  // none: ctest has not finished (killed job)
  // The GoogleTest XML report each test of the share wrote in this run
  // (XML_OUTPUT_DIR), copied into the output: ctest name -> path relative to it.
  std::map<std::string, std::string> reports;
};

// The manifest's path in a shard's output directory.
std::string manifest_path(const std::string& out_dir);

// Writes <out_dir>/shard.json (through a temporary file and a rename, so a
// killed job never leaves half a manifest).
Expected<void> write_manifest(const std::string& out_dir, const ShardManifest& manifest);

// Reads <out_dir>/shard.json; an error naming the file when it is missing,
// truncated, of another format or inconsistent (an index not below the
// total, a share name that is not registered).
Expected<ShardManifest> read_manifest(const std::string& out_dir);

}  // namespace kitty::cli
