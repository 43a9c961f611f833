#include "makespan.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace shard_bench {

double Split::makespan() const {
  return loads.empty() ? 0 : *std::max_element(loads.begin(), loads.end());
}

double Bound::value(int jobs) const { return std::max(total / jobs, longest); }

Bound bound_of(const Registry& registry) {
  Bound bound;
  for (const std::string& name : registry.names) {
    const double cost = registry.seconds.at(name);
    bound.total += cost;
    if (cost > bound.longest) {
      bound.longest = cost;
      bound.longest_name = name;
    }
  }
  return bound;
}

Split stride_split(const Registry& registry, int jobs) {
  Split split{"ctest-stride", std::vector<double>(static_cast<std::size_t>(jobs), 0.0)};
  for (std::size_t i = 0; i < registry.names.size(); ++i) {
    split.loads[i % static_cast<std::size_t>(jobs)] += registry.seconds.at(registry.names[i]);
  }
  return split;
}

std::uint32_t fnv1a(const std::string& text) {
  std::uint32_t hash = 2166136261u;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

Split hash_split(const Registry& registry, int jobs) {
  Split split{"fnv1a", std::vector<double>(static_cast<std::size_t>(jobs), 0.0)};
  for (const std::string& name : registry.names) {
    split.loads[fnv1a(name) % static_cast<std::uint32_t>(jobs)] += registry.seconds.at(name);
  }
  return split;
}

Split modulo_split(const Registry& registry, int jobs, std::string& error) {
  std::map<std::string, double> unit_units;
  for (const GtestTest& test : registry.tests) {
    if (registry.seconds.count(test.ctest_name) == 0) {
      error = "test " + test.name + " names '" + test.ctest_name + "', which is not registered";
      return {};
    }
    unit_units[test.ctest_name] += test.units;
  }
  for (const std::string& name : registry.names) {
    if (unit_units.count(name) == 0) {
      error = "'" + name + "' is registered but no test of --tests belongs to it";
      return {};
    }
  }
  Split split{"gtest-modulo", std::vector<double>(static_cast<std::size_t>(jobs), 0.0)};
  std::map<std::string, std::size_t> next_in_binary;
  for (const GtestTest& test : registry.tests) {
    const std::size_t k = next_in_binary[test.binary]++;
    const double share =
        unit_units[test.ctest_name] > 0 ? test.units / unit_units[test.ctest_name] : 0.0;
    split.loads[k % static_cast<std::size_t>(jobs)] += registry.seconds.at(test.ctest_name) * share;
  }
  return split;
}

Split listed_split(const Registry& registry, int jobs, const std::string& method,
                   const std::string& listing, std::string& error) {
  Split split{method, std::vector<double>(static_cast<std::size_t>(jobs), 0.0)};
  std::set<std::string> seen;
  std::istringstream lines(listing);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const std::size_t space = line.find(' ');
    const std::string job_text = line.substr(0, space);
    const std::string name = space == std::string::npos ? "" : line.substr(space + 1);
    int job = -1;
    if (!job_text.empty() && job_text.find_first_not_of("0123456789") == std::string::npos &&
        job_text.size() < 6) {
      job = std::stoi(job_text);
    }
    if (job < 0 || job >= jobs || name.empty()) {
      error = method + ": '" + line + "' is not '<job 0.." + std::to_string(jobs - 1) + "> <name>'";
      return {};
    }
    if (registry.seconds.count(name) == 0) {
      error = method + ": job " + job_text + " lists '" + name + "', which is not registered";
      return {};
    }
    if (!seen.insert(name).second) {
      error = method + ": '" + name + "' is listed twice";
      return {};
    }
    split.loads[static_cast<std::size_t>(job)] += registry.seconds.at(name);
  }
  for (const std::string& name : registry.names) {
    if (seen.count(name) == 0) {
      error = method + ": '" + name + "' is in no job";
      return {};
    }
  }
  return split;
}

}  // namespace shard_bench
