// merge-junit --shards: one JUnit report of a run split over N CI jobs, from
// each job's ctest --output-junit (junit.xml), GoogleTest reports (reports/)
// and run records (records/). Every suite carries a "gtest-kitty.job"
// property ("job 2 of 3 (--index 1)"). A kitty test is its GoogleTest
// report's suites when the job has a readable one (XML_OUTPUT_DIR); else
// one <testsuite> named after the ctest test, test by test from its run
// record (GoogleTest names, failure messages, the test a crashed process
// died in); any other ctest test, or one with neither, ctest's own case. A
// test of a shard's share that its junit.xml does not have is a failed
// case, never silently missing.
#pragma once

#include <pugixml.hpp>

#include <cstddef>

#include "cli/expected.h"
#include "cli/model/shard_outputs.h"

namespace kitty::cli {

struct ShardJunitTotals {
  long long tests = 0, failures = 0, disabled = 0, skipped = 0;
  double time = 0;
  size_t ctest_tests = 0;   // ctest tests merged
  size_t from_reports = 0;  // of them, GoogleTest's own report (the job's reports/)
  size_t from_records = 0;  // of them, shown test by test from a run record
  size_t lost = 0;          // in a share, absent from its junit.xml
};

// Appends to `root` (a <testsuites>) every shard's tests. Fails, naming the
// shard, when a shard with a share has no junit.xml, or one that does not
// parse (a truncated upload).
Expected<ShardJunitTotals> merge_shard_junit(const ShardSet& set, pugi::xml_node root);

}  // namespace kitty::cli
