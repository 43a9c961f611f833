#include "runtime/selection.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include <gtest/gtest.h>

#include "common/kitty_flag.h"
#include "common/paths.h"
#include "platform/files.h"

namespace kitty::internal {
namespace {

// Glob match with * (any run) and ? (any one character), by backtracking to
// the last star: linear in practice, no recursion.
bool glob_matches(const char* pattern, const char* text) {
  const char* star = nullptr;
  const char* resume = nullptr;
  while (*text != '\0') {
    if (*pattern == '?' || (*pattern != '*' && *pattern != '\0' && *pattern == *text)) {
      ++pattern;
      ++text;
    } else if (*pattern == '*') {
      star = pattern++;
      resume = text;
    } else if (star != nullptr) {
      pattern = star + 1;
      text = ++resume;
    } else {
      return false;
    }
  }
  while (*pattern == '*') ++pattern;
  return *pattern == '\0';
}

bool any_pattern_matches(const std::string& patterns, const std::string& name) {
  std::string::size_type begin = 0;
  while (true) {
    const std::string::size_type end = patterns.find(':', begin);
    const std::string pattern = patterns.substr(begin, end - begin);
    if (glob_matches(pattern.c_str(), name.c_str())) return true;
    if (end == std::string::npos) return false;
    begin = end + 1;
  }
}

// Whether the selector names a test; a file's answer is worked out once per
// distinct file (path normalisation is the costly part), not per test.
bool selector_names(const Selector& selector, const CatalogTest& test,
                    std::unordered_map<std::string, bool>& file_answers) {
  switch (selector.granularity) {
    case Granularity::kFile: {
      const auto [answer, inserted] = file_answers.emplace(test.file, false);
      if (inserted)
        answer->second = path_selects(selector.value, test.file, file_names_ignore_case());
      return answer->second;
    }
    case Granularity::kSuite:
      return test.suite == selector.value;
    case Granularity::kTest:
      return test.full_name() == selector.value;
  }
  return false;
}

// The shortest filter that runs exactly the selected tests: "Suite.*" for a
// suite selected whole, exact names otherwise (GoogleTest looks exact names
// up in a hash set, so a long list stays cheap).
std::string filter_for(const Catalog& catalog, const std::vector<size_t>& selected,
                       const std::unordered_map<std::string, size_t>& suite_sizes) {
  std::map<std::string, size_t> selected_per_suite;
  for (size_t index : selected) ++selected_per_suite[catalog[index].suite];

  std::string filter;
  std::set<std::string> whole_suites_written;
  for (size_t index : selected) {
    const CatalogTest& test = catalog[index];
    const auto size = suite_sizes.find(test.suite);
    const bool whole_suite =
        size != suite_sizes.end() && selected_per_suite[test.suite] == size->second;
    if (whole_suite && !whole_suites_written.insert(test.suite).second) continue;
    if (!filter.empty()) filter += ':';
    filter += whole_suite ? test.suite + ".*" : test.full_name();
  }
  return filter;
}

}  // namespace

std::string filter_running(const Catalog& catalog, const std::vector<size_t>& selected) {
  std::unordered_map<std::string, size_t> suite_sizes;
  for (const CatalogTest& test : catalog) ++suite_sizes[test.suite];
  return filter_for(catalog, selected, suite_sizes);
}

const char* granularity_name(Granularity granularity) {
  switch (granularity) {
    // protocol.h's names are literals, so .data() ends in a NUL.
    case Granularity::kFile:
      return protocol::kFlagFile.data();
    case Granularity::kSuite:
      return protocol::kFlagSuite.data();
    case Granularity::kTest:
      return protocol::kFlagTest.data();
  }
  return "?";
}

bool gtest_filter_matches(const std::string& filter, const std::string& full_name) {
  const std::string::size_type dash = filter.find('-');
  const std::string positive = dash == std::string::npos ? filter : filter.substr(0, dash);
  const std::string negative = dash == std::string::npos ? "" : filter.substr(dash + 1);
  // As in GoogleTest: an empty positive part means "*" only before a '-';
  // a filter that is empty altogether matches nothing.
  const bool included =
      (positive.empty() && dash != std::string::npos) || any_pattern_matches(positive, full_name);
  return included && !(!negative.empty() && any_pattern_matches(negative, full_name));
}

Candidates all_candidates(const Catalog& catalog) {
  Candidates candidates;
  candidates.tests = catalog;
  candidates.total = catalog.size();
  for (const CatalogTest& test : catalog) ++candidates.suite_sizes[test.suite];
  return candidates;
}

Candidates candidates_from_gtest(const Selector& selector) {
  const testing::UnitTest& unit_test = *testing::UnitTest::GetInstance();
  Candidates candidates;
  candidates.total = static_cast<size_t>(unit_test.total_test_count());
  // A file's answer once per distinct file: GoogleTest keeps a copy of the
  // path in every test, so the key is a view of the text, not the pointer.
  std::unordered_map<std::string_view, bool> file_answers;
  std::string_view last_file;
  bool last_answer = false;
  const std::string& value = selector.value;
  for (int s = 0; s < unit_test.total_test_suite_count(); ++s) {
    const testing::TestSuite& suite = *unit_test.GetTestSuite(s);
    const char* suite_name = suite.name();
    const size_t suite_length = std::strlen(suite_name);
    if (selector.granularity == Granularity::kSuite && value != suite_name) continue;
    if (selector.granularity == Granularity::kTest &&
        (value.size() <= suite_length || value.compare(0, suite_length, suite_name) != 0 ||
         value[suite_length] != '.')) {
      continue;
    }
    bool kept_any = false;
    for (int t = 0; t < suite.total_test_count(); ++t) {
      const testing::TestInfo& info = *suite.GetTestInfo(t);
      const char* file = info.file() != nullptr ? info.file() : "";
      if (selector.granularity == Granularity::kFile) {
        // Neighbours share a file: the last answer serves until it changes.
        if (file != last_file) {
          const auto [answer, inserted] = file_answers.emplace(file, false);
          if (inserted) answer->second = path_selects(value, file, file_names_ignore_case());
          last_file = answer->first;
          last_answer = answer->second;
        }
        if (!last_answer) continue;
      } else if (selector.granularity == Granularity::kTest &&
                 value.compare(suite_length + 1, std::string::npos, info.name()) != 0) {
        continue;
      }
      candidates.tests.push_back(catalog_test_of(info));
      kept_any = true;
    }
    if (kept_any) {
      candidates.suite_sizes[suite_name] = static_cast<size_t>(suite.total_test_count());
    }
  }
  return candidates;
}

Result<Selection> select_tests(const Catalog& catalog, const Selector& selector,
                               const std::string& user_filter, bool also_run_disabled) {
  return select_among(all_candidates(catalog), selector, user_filter, also_run_disabled);
}

Result<Selection> select_among(const Candidates& candidates, const Selector& selector,
                               const std::string& user_filter, bool also_run_disabled) {
  const Catalog& catalog = candidates.tests;
  Selection selection;
  std::vector<std::string> files_named;  // distinct, for the ambiguity check
  std::unordered_map<std::string, bool> file_answers;
  for (size_t index = 0; index < catalog.size(); ++index) {
    const CatalogTest& test = catalog[index];
    if (!selector_names(selector, test, file_answers)) continue;
    ++selection.named;
    if (std::find(files_named.begin(), files_named.end(), test.file) == files_named.end()) {
      files_named.push_back(test.file);
    }
    if (test.disabled() && !also_run_disabled) continue;
    if (!gtest_filter_matches(user_filter, test.full_name())) continue;
    selection.tests.push_back(index);
  }

  // A selector equal to one file's recorded path names that file alone, even
  // when it is also the tail of another file's path.
  if (selector.granularity == Granularity::kFile && files_named.size() > 1) {
    const std::string exact = normalize_path(selector.value);
    const auto same =
        std::find_if(files_named.begin(), files_named.end(),
                     [&](const std::string& f) { return normalize_path(f) == exact; });
    if (same != files_named.end()) {
      const std::string file = *same;
      files_named = {file};
      selection.named = 0;
      for (const CatalogTest& test : catalog) selection.named += test.file == file ? 1 : 0;
      selection.tests.erase(
          std::remove_if(selection.tests.begin(), selection.tests.end(),
                         [&](size_t index) { return catalog[index].file != file; }),
          selection.tests.end());
    }
  }

  if (selection.named == 0) {
    return Failure{Category::kStaleSelection,
                   "no test matches " +
                       kitty_flag(granularity_name(selector.granularity), selector.value) +
                       ": a typo, or a stale registration (rebuild, or re-run discovery)"};
  }
  if (selector.granularity == Granularity::kFile && files_named.size() > 1) {
    return Failure{Category::kStaleSelection,
                   kitty_flag(protocol::kFlagFile, selector.value) + " is ambiguous, it names " +
                       files_named[0] + " and " + files_named[1] + ": give more of the path"};
  }
  selection.files = files_named;
  selection.filter = filter_for(catalog, selection.tests, candidates.suite_sizes);
  // A selector that names every test (a binary of one file, say) selects
  // exactly what the user's filter runs: that filter is left as it is, since
  // tests may read the flag themselves.
  selection.narrows = selection.named != candidates.total;
  return selection;
}

}  // namespace kitty::internal
