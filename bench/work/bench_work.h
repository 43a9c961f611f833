// The work a generated test does (the synthetic suite and the layouts):
// sort pseudo-random integers, seeded by the test so it is deterministic,
// then check the result. Defined once, in bench_work.cpp, so that a
// generated test is one call and its file is cheap to compile.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bench {

struct SortResult {
  bool sorted;
  std::uint64_t sum_before;
  std::uint64_t sum_after;
};

SortResult sort_work(std::uint32_t seed, std::size_t n);

}  // namespace bench
