#include "listing/units.h"

#include <algorithm>
#include <unordered_map>

#include "common/append_unique.h"
#include "common/paths.h"

namespace kitty::internal {
namespace {

std::string unit_key(const CatalogTest& test, Granularity granularity) {
  switch (granularity) {
    case Granularity::kFile:
      return test.file;
    case Granularity::kSuite:
      return test.suite;
    case Granularity::kTest:
      return test.full_name();
  }
  return {};
}

// How many of the files each relative selector would name: every trailing
// run of whole components of every file ("c.cpp", "b/c.cpp", "/a/b/c.cpp"),
// counted once per file. Linear in the number of files.
std::unordered_map<std::string, size_t> suffix_counts(const std::vector<std::string>& files) {
  std::unordered_map<std::string, size_t> counts;
  for (const std::string& file : files) {
    const std::string normal = normalize_path(file);
    ++counts[normal];
    for (std::string::size_type slash = normal.find('/'); slash != std::string::npos;
         slash = normal.find('/', slash + 1)) {
      if (slash + 1 < normal.size()) ++counts[normal.substr(slash + 1)];
    }
  }
  return counts;
}

// The relative path when it selects this file alone; the recorded path
// otherwise, which always does.
std::string file_selector(const std::string& file, const std::string& relative,
                          const std::unordered_map<std::string, size_t>& counts) {
  if (names_outside_root(relative)) return file;
  const auto found = counts.find(relative);
  return found != counts.end() && found->second == 1 ? relative : file;
}

}  // namespace

Result<Units> make_units(const Catalog& catalog, Granularity granularity, const std::string& root,
                         const std::map<std::string, FileMarkers>& markers) {
  Units result;
  std::unordered_map<std::string, size_t> unit_of_key;
  std::vector<std::string> all_files;
  for (const CatalogTest& test : catalog) {
    const std::string key = unit_key(test, granularity);
    auto [it, inserted] = unit_of_key.emplace(key, result.units.size());
    if (inserted) {
      Unit unit;
      unit.selector.granularity = granularity;
      unit.selector.value = key;
      unit.name = granularity == Granularity::kFile ? relative_to(key, root) : key;
      result.units.push_back(std::move(unit));
    }
    Unit& unit = result.units[it->second];
    ++unit.tests;
    if (!test.disabled()) ++unit.enabled;
    if (std::find(unit.files.begin(), unit.files.end(), test.file) == unit.files.end()) {
      unit.files.push_back(test.file);
      append_unique(all_files, test.file);
    }
  }

  const auto counts = suffix_counts(all_files);
  std::unordered_map<std::string, const Unit*> unit_of_name;
  for (Unit& unit : result.units) {
    if (granularity == Granularity::kFile) {
      unit.selector.value = file_selector(unit.selector.value, unit.name, counts);
    }
    for (const std::string& file : unit.files) {
      const auto found = markers.find(file);
      if (found == markers.end()) continue;
      for (const std::string& label : found->second.labels) append_unique(unit.labels, label);
      unit.uses_ports |= found->second.uses_ports;
      unit.quarantined |= found->second.quarantined;
    }
    const auto [it, inserted] = unit_of_name.emplace(unit.name, &unit);
    if (!inserted) {
      return Failure{Category::kUnitConflict, "two units are both named '" + unit.name + "' (" +
                                                  it->second->files.front() + " and " +
                                                  unit.files.front() + ")"};
    }
  }
  return result;
}

}  // namespace kitty::internal
