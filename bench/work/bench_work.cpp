#include "bench_work.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace bench {

SortResult sort_work(std::uint32_t seed, std::size_t n) {
  std::vector<std::uint32_t> values(n);
  std::uint32_t x = seed * 2654435761u + 1u;
  for (auto& v : values) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    v = x;
  }
  const std::uint64_t before = std::accumulate(values.begin(), values.end(), std::uint64_t{0});
  std::sort(values.begin(), values.end());
  const std::uint64_t after = std::accumulate(values.begin(), values.end(), std::uint64_t{0});
  return {std::is_sorted(values.begin(), values.end()), before, after};
}

}  // namespace bench
