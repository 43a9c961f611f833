#include "listing/units.h"

#include <algorithm>
#include <unordered_map>

#include <gtest_kitty/protocol.h>

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

// Which split, if any, each recorded file falls under: worked out once per
// distinct file (relative_to is the costly part), and only when there are
// splits at all.
class SplitLookup {
 public:
  SplitLookup(const std::vector<SplitFile>& splits, const std::string& root)
      : splits_(splits), root_(root), used_(splits.size(), false) {
    for (const SplitFile& split : splits) wanted_.push_back(normalize_path(split.file));
  }

  // The split of `file` and the file's name relative to the root; null
  // when the file stays whole.
  const SplitFile* find(const std::string& file, const std::string** relative) {
    if (splits_.empty()) return nullptr;
    auto [it, inserted] = of_file_.emplace(file, Entry{});
    if (inserted) {
      it->second.relative = relative_to(file, root_);
      const std::string normal = normalize_path(file);
      for (size_t i = 0; i < splits_.size(); ++i) {
        if (wanted_[i] == it->second.relative || wanted_[i] == normal) {
          it->second.split = &splits_[i];
          used_[i] = true;
          break;
        }
      }
    }
    *relative = &it->second.relative;
    return it->second.split;
  }

  // The first split that named no file of the catalog; null when none.
  const SplitFile* unused() const {
    for (size_t i = 0; i < splits_.size(); ++i) {
      if (!used_[i]) return &splits_[i];
    }
    return nullptr;
  }

 private:
  struct Entry {
    const SplitFile* split = nullptr;
    std::string relative;
  };
  const std::vector<SplitFile>& splits_;
  const std::string& root_;
  std::vector<std::string> wanted_;
  std::vector<bool> used_;
  std::unordered_map<std::string, Entry> of_file_;
};

Status check_splits(const std::vector<SplitFile>& splits, Granularity granularity) {
  if (splits.empty()) return {};
  if (granularity != Granularity::kFile) {
    return usage_error(
        "--kitty_split needs --kitty_granularity=file (SPLIT_FILES needs GRANULARITY file)");
  }
  for (size_t i = 0; i < splits.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (normalize_path(splits[i].file) == normalize_path(splits[j].file)) {
        return usage_error("--kitty_split names " + splits[i].file + " twice");
      }
    }
  }
  return {};
}

// A suite split out of one file must have no tests in any other: its
// selector, --kitty_suite, would run them too (twice, with their own file's
// unit) or not at all.
Status check_split_suites(const Catalog& catalog, const Units& units, const std::string& root) {
  std::unordered_map<std::string, const Unit*> split_suites;
  for (const Unit& unit : units.units) {
    if (unit.split && unit.selector.granularity == Granularity::kSuite) {
      split_suites.emplace(unit.selector.value, &unit);
    }
  }
  if (split_suites.empty()) return {};
  for (const CatalogTest& test : catalog) {
    const auto found = split_suites.find(test.suite);
    if (found == split_suites.end() || test.file == found->second->files.front()) continue;
    return Failure{
        Category::kUnitConflict,
        "suite " + test.suite + " is split by suite out of " + found->second->split_file +
            " but also has tests in " + relative_to(test.file, root) + " (" + test.full_name() +
            "): --kitty_suite=" + test.suite + " would run them in two units; split " +
            found->second->split_file + " by test instead, or keep the suite in one file"};
  }
  return {};
}

}  // namespace

Result<SplitFile> parse_split(const std::string& text) {
  SplitFile split{text, Granularity::kTest};
  const std::string::size_type equals = text.rfind('=');
  if (equals != std::string::npos) {
    const std::string word = text.substr(equals + 1);
    if (word == protocol::kFlagSuite) {
      split.granularity = Granularity::kSuite;
    } else if (word == protocol::kFlagTest) {
      split.granularity = Granularity::kTest;
    } else {
      return usage_error("split '" + text + "': '" + word +
                         "' after the last '=' must be suite or test (a file whose name holds "
                         "'=' is given with its granularity, as <file>=test)");
    }
    split.file = text.substr(0, equals);
  }
  if (split.file.empty()) return usage_error("split '" + text + "' names no file");
  return split;
}

Result<Units> make_units(const Catalog& catalog, Granularity granularity, const std::string& root,
                         const std::map<std::string, FileMarkers>& markers,
                         const std::vector<SplitFile>& splits) {
  if (Status checked = check_splits(splits, granularity); !checked) return checked.failure();
  Units result;
  std::unordered_map<std::string, size_t> unit_of_key;
  std::vector<std::string> all_files;
  SplitLookup lookup(splits, root);
  for (const CatalogTest& test : catalog) {
    const std::string* relative = nullptr;
    const SplitFile* split = lookup.find(test.file, &relative);
    Selector selector{granularity, unit_key(test, granularity)};
    // '\n' cannot occur in a path or a test name: split keys never meet
    // a file's.
    std::string key = selector.value;
    if (split != nullptr) {
      selector = Selector{split->granularity, unit_key(test, split->granularity)};
      key = "\n" + *relative + "\n" + selector.value;
    }
    auto [it, inserted] = unit_of_key.emplace(key, result.units.size());
    if (inserted) {
      Unit unit;
      unit.selector = selector;
      if (split != nullptr) {
        unit.name = *relative + ":" + selector.value;
        unit.split = true;
        unit.split_file = *relative;
      } else {
        unit.name = granularity == Granularity::kFile ? relative_to(key, root) : key;
      }
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
  if (const SplitFile* unused = lookup.unused()) {
    return usage_error("--kitty_split=" + unused->file + " names no source file with tests" +
                       (root.empty() ? std::string() : " (names are relative to " + root + ")"));
  }
  for (Unit& unit : result.units) {
    if (granularity == Granularity::kFile && !unit.split) {
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
  if (Status checked = check_split_suites(catalog, result, root); !checked)
    return checked.failure();
  return result;
}

}  // namespace kitty::internal
