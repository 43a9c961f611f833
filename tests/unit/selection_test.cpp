#include "runtime/selection.h"
#include "catalog_builder.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace kitty::internal {
namespace {

const std::string kFileA = "/src/tests/a_test.cpp";
const std::string kFileSyncB = "/src/tests/sync/b_test.cpp";
const std::string kFileAsyncB = "/src/tests/async/b_test.cpp";

// Index:                                    file:
//   0 Alpha.One                             a_test.cpp
//   1 Alpha.Two                             a_test.cpp
//   2 Alpha.DISABLED_Three                  a_test.cpp
//   3 Shared.InA                            a_test.cpp   (suite spans two files)
//   4 Shared.InB                            sync/b_test.cpp
//   5 Beta.One                              sync/b_test.cpp
//   6 Beta.Two                              sync/b_test.cpp
//   7 DISABLED_Gamma.One                    async/b_test.cpp
//   8 Delta.One                             async/b_test.cpp
Catalog sample_catalog() {
  return {
      make_test("Alpha", "One", kFileA),
      make_test("Alpha", "Two", kFileA),
      make_test("Alpha", "DISABLED_Three", kFileA),
      make_test("Shared", "InA", kFileA),
      make_test("Shared", "InB", kFileSyncB),
      make_test("Beta", "One", kFileSyncB),
      make_test("Beta", "Two", kFileSyncB),
      make_test("DISABLED_Gamma", "One", kFileAsyncB),
      make_test("Delta", "One", kFileAsyncB),
  };
}

// The indexes of the catalog's tests that `filter` lets GoogleTest run.
std::vector<size_t> matched_by(const std::string& filter, const Catalog& catalog) {
  std::vector<size_t> matched;
  for (size_t index = 0; index < catalog.size(); ++index) {
    if (gtest_filter_matches(filter, catalog[index].full_name())) matched.push_back(index);
  }
  return matched;
}

Selector file_selector(const std::string& value) { return {Granularity::kFile, value}; }
Selector suite_selector(const std::string& value) { return {Granularity::kSuite, value}; }
Selector test_selector(const std::string& value) { return {Granularity::kTest, value}; }

// select_tests' answer, flattened for the checks: the selection, or an empty
// one and the failure's message, which is always a stale selection.
struct Selected : Selection {
  std::string error;
};

Selected selection_of(const Catalog& catalog, const Selector& selector, const std::string& filter,
                      bool also_run_disabled) {
  const Result<Selection> selected = select_tests(catalog, selector, filter, also_run_disabled);
  if (selected) return {*selected, ""};
  EXPECT_EQ(selected.failure().category, Category::kStaleSelection);
  return {Selection{}, selected.failure().message};
}

TEST(GtestFilterMatches, ExactNameMatchesOnlyThatName) {
  EXPECT_TRUE(gtest_filter_matches("Suite.Name", "Suite.Name"));
  EXPECT_FALSE(gtest_filter_matches("Suite.Name", "Suite.Nam"));
  EXPECT_FALSE(gtest_filter_matches("Suite.Name", "Suite.NameX"));
  EXPECT_FALSE(gtest_filter_matches("Suite.Name", "XSuite.Name"));
}

TEST(GtestFilterMatches, StarMatchesAnyRunIncludingEmpty) {
  EXPECT_TRUE(gtest_filter_matches("*", "Suite.Name"));
  EXPECT_TRUE(gtest_filter_matches("Suite.*", "Suite.Name"));
  EXPECT_TRUE(gtest_filter_matches("Suite.*", "Suite."));
  EXPECT_FALSE(gtest_filter_matches("Suite.*", "SuiteX.Name"));
  EXPECT_FALSE(gtest_filter_matches("Suite.*", "OtherSuite.Name"));
  EXPECT_TRUE(gtest_filter_matches("*.Name", "Suite.Name"));
  EXPECT_TRUE(gtest_filter_matches("*Name", "Suite.Name"));
  EXPECT_TRUE(gtest_filter_matches("**", "Suite.Name"));
}

TEST(GtestFilterMatches, StarBacktracksAcrossRepeatedCharacters) {
  EXPECT_TRUE(gtest_filter_matches("*a*b", "xaaxab"));
  EXPECT_TRUE(gtest_filter_matches("*ab", "aaab"));
  EXPECT_FALSE(gtest_filter_matches("*a*b", "xbxa"));
  EXPECT_FALSE(gtest_filter_matches("*ab", "aaba"));
}

TEST(GtestFilterMatches, QuestionMarkMatchesExactlyOneCharacter) {
  EXPECT_TRUE(gtest_filter_matches("S?ite.A", "Suite.A"));
  EXPECT_FALSE(gtest_filter_matches("S?ite.A", "Site.A"));
  EXPECT_FALSE(gtest_filter_matches("S?ite.A", "Suuite.A"));
  EXPECT_TRUE(gtest_filter_matches("Suite.???", "Suite.abc"));
  EXPECT_FALSE(gtest_filter_matches("Suite.???", "Suite.ab"));
  EXPECT_FALSE(gtest_filter_matches("?", ""));
}

TEST(GtestFilterMatches, ColonSeparatesAlternatives) {
  EXPECT_TRUE(gtest_filter_matches("A.x:B.*", "A.x"));
  EXPECT_TRUE(gtest_filter_matches("A.x:B.*", "B.y"));
  EXPECT_FALSE(gtest_filter_matches("A.x:B.*", "A.y"));
  EXPECT_FALSE(gtest_filter_matches("A.x:B.*", "C.x"));
}

TEST(GtestFilterMatches, NegativePatternsExclude) {
  EXPECT_TRUE(gtest_filter_matches("Suite.*-Suite.Bad", "Suite.Good"));
  EXPECT_FALSE(gtest_filter_matches("Suite.*-Suite.Bad", "Suite.Bad"));
  EXPECT_FALSE(gtest_filter_matches("*-*Slow*", "Suite.VerySlowTest"));
  EXPECT_TRUE(gtest_filter_matches("*-*Slow*", "Suite.Fast"));
  EXPECT_FALSE(gtest_filter_matches("A.*:B.*-A.x:B.y", "A.x"));
  EXPECT_FALSE(gtest_filter_matches("A.*:B.*-A.x:B.y", "B.y"));
  EXPECT_TRUE(gtest_filter_matches("A.*:B.*-A.x:B.y", "B.x"));
}

TEST(GtestFilterMatches, NegativeWinsOverPositive) {
  EXPECT_FALSE(gtest_filter_matches("*-*", "Suite.Name"));
  EXPECT_FALSE(gtest_filter_matches("Suite.Name-Suite.Name", "Suite.Name"));
}

TEST(GtestFilterMatches, EmptyPositiveBeforeADashMeansEverything) {
  EXPECT_TRUE(gtest_filter_matches("-Suite.Bad", "Suite.Good"));
  EXPECT_TRUE(gtest_filter_matches("-Suite.Bad", "Other.Bad"));
  EXPECT_FALSE(gtest_filter_matches("-Suite.Bad", "Suite.Bad"));
  EXPECT_TRUE(gtest_filter_matches("-", "Suite.Name"));
}

TEST(GtestFilterMatches, OnlyTheFirstDashSplitsPositiveFromNegative) {
  // GoogleTest: "A-B-C" is positive "A", negative "B-C".
  EXPECT_TRUE(gtest_filter_matches("*-B-C", "B"));
  EXPECT_FALSE(gtest_filter_matches("*-B-C", "B-C"));
}

TEST(GtestFilterMatches, EmptyPatternInAListMatchesNoName) {
  EXPECT_FALSE(gtest_filter_matches("A.x:", "B.y"));
  EXPECT_FALSE(gtest_filter_matches(":A.x", "B.y"));
  EXPECT_TRUE(gtest_filter_matches("A.x:", "A.x"));
}

// As in GoogleTest (PositiveAndNegativeUnitTestFilter): "" with no '-'
// matches nothing; only before a '-' does an empty positive part mean "*".
TEST(GtestFilterMatches, EmptyFilterWithoutDashMatchesNothingAsInGoogleTest) {
  EXPECT_FALSE(gtest_filter_matches("", "Suite.Name"));
}

TEST(SelectTests, FileSelectorRunsTheEnabledTestsOfThatFile) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("a_test.cpp"), "*", false);
  EXPECT_EQ(selection.error, "");
  EXPECT_EQ(selection.tests, (std::vector<size_t>{0, 1, 3}));
  EXPECT_EQ(selection.named, size_t{4});
}

TEST(SelectTests, FileSelectorAcceptsAnySpellingOfThePath) {
  const Catalog catalog = sample_catalog();
  for (const std::string value :
       {"a_test.cpp", "tests/a_test.cpp", "/src/tests/a_test.cpp", "./tests/a_test.cpp",
        "tests\\a_test.cpp", "/src/tests/../tests/a_test.cpp"}) {
    SCOPED_TRACE(value);
    const Selected selection = selection_of(catalog, file_selector(value), "*", false);
    EXPECT_EQ(selection.error, "");
    EXPECT_EQ(selection.tests, (std::vector<size_t>{0, 1, 3}));
  }
}

TEST(SelectTests, FileSelectorMatchesWholeComponentsOnly) {
  // "sync/b_test.cpp" is a suffix of ".../async/b_test.cpp" as a string, but
  // not on a component boundary.
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("sync/b_test.cpp"), "*", false);
  EXPECT_EQ(selection.error, "");
  EXPECT_EQ(selection.tests, (std::vector<size_t>{4, 5, 6}));
  EXPECT_EQ(selection.named, size_t{3});
}

TEST(SelectTests, AlsoRunDisabledIncludesDisabledTests) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("a_test.cpp"), "*", true);
  EXPECT_EQ(selection.error, "");
  EXPECT_EQ(selection.tests, (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_EQ(selection.named, size_t{4});
}

TEST(SelectTests, DisabledSuiteIsDisabledForEveryTest) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("async/b_test.cpp"), "*", false);
  EXPECT_EQ(selection.error, "");
  EXPECT_EQ(selection.tests, (std::vector<size_t>{8}));
  EXPECT_EQ(selection.named, size_t{2});
}

TEST(SelectTests, UserFilterIntersectsTheFileSelection) {
  const Catalog catalog = sample_catalog();
  const Selector a = file_selector("a_test.cpp");
  EXPECT_EQ(selection_of(catalog, a, "*One", false).tests, (std::vector<size_t>{0}));
  EXPECT_EQ(selection_of(catalog, a, "-Alpha.*", false).tests, (std::vector<size_t>{3}));
  EXPECT_EQ(selection_of(catalog, a, "Alpha.*-*Two", false).tests, (std::vector<size_t>{0}));
  // A user filter naming tests of other files does not widen the selection.
  EXPECT_EQ(selection_of(catalog, a, "Alpha.One:Beta.*", false).tests, (std::vector<size_t>{0}));
}

TEST(SelectTests, UserFilterCannotBringBackADisabledTest) {
  const Catalog catalog = sample_catalog();
  const Selected selection =
      selection_of(catalog, file_selector("a_test.cpp"), "Alpha.DISABLED_Three", false);
  EXPECT_EQ(selection.error, "");
  EXPECT_TRUE(selection.tests.empty());
  EXPECT_EQ(selection.named, size_t{4});
}

TEST(SelectTests, KeepsCatalogOrderWhateverTheUserFilterOrder) {
  const Catalog catalog = sample_catalog();
  const Selected selection =
      selection_of(catalog, file_selector("a_test.cpp"), "Shared.InA:Alpha.One", false);
  EXPECT_EQ(selection.tests, (std::vector<size_t>{0, 3}));
}

TEST(SelectTests, UserFilterExcludingEverythingIsAnEmptySelectionNotAnError) {
  // The file exists: "nothing to run" is a skip, not a stale registration.
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("a_test.cpp"), "Nope.*", false);
  EXPECT_EQ(selection.error, "");
  EXPECT_TRUE(selection.tests.empty());
  EXPECT_EQ(selection.named, size_t{4});
}

TEST(SelectTests, SuiteSelectorRunsTheSuiteAcrossFiles) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, suite_selector("Shared"), "*", false);
  EXPECT_EQ(selection.error, "");
  EXPECT_EQ(selection.tests, (std::vector<size_t>{3, 4}));
  EXPECT_EQ(selection.named, size_t{2});
  EXPECT_EQ(selection.filter, "Shared.*");
}

TEST(SelectTests, SuiteSelectorIsExactNotAPrefix) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, suite_selector("Alph"), "*", false);
  EXPECT_EQ(selection.error,
            "no test matches --kitty_suite=Alph: a typo, or a stale registration (rebuild, or "
            "re-run discovery)");
  EXPECT_TRUE(selection.tests.empty());
  EXPECT_EQ(selection.named, size_t{0});
}

TEST(SelectTests, DisabledSuiteSelectedRunsOnlyWithAlsoRunDisabled) {
  const Catalog catalog = sample_catalog();
  const Selected without = selection_of(catalog, suite_selector("DISABLED_Gamma"), "*", false);
  EXPECT_EQ(without.error, "");
  EXPECT_TRUE(without.tests.empty());
  EXPECT_EQ(without.named, size_t{1});

  const Selected with = selection_of(catalog, suite_selector("DISABLED_Gamma"), "*", true);
  EXPECT_EQ(with.error, "");
  EXPECT_EQ(with.tests, (std::vector<size_t>{7}));
  EXPECT_EQ(with.filter, "DISABLED_Gamma.*");
}

TEST(SelectTests, TestSelectorRunsOneTest) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, test_selector("Beta.Two"), "*", false);
  EXPECT_EQ(selection.error, "");
  EXPECT_EQ(selection.tests, (std::vector<size_t>{6}));
  EXPECT_EQ(selection.named, size_t{1});
  EXPECT_EQ(selection.filter, "Beta.Two");
}

TEST(SelectTests, TestSelectorIsNotAGlob) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, test_selector("Beta.*"), "*", false);
  EXPECT_EQ(selection.error,
            "no test matches --kitty_test=Beta.*: a typo, or a stale registration (rebuild, or "
            "re-run discovery)");
  EXPECT_TRUE(selection.tests.empty());
}

TEST(SelectTests, TestSelectorOfADisabledTestSelectsNothingWithoutError) {
  const Catalog catalog = sample_catalog();
  const Selected selection =
      selection_of(catalog, test_selector("Alpha.DISABLED_Three"), "*", false);
  EXPECT_EQ(selection.error, "");
  EXPECT_TRUE(selection.tests.empty());
  EXPECT_EQ(selection.named, size_t{1});
}

TEST(SelectTests, FileNamingNoTestIsAStaleRegistrationError) {
  const Catalog catalog = sample_catalog();
  const Selected selection =
      selection_of(catalog, file_selector("tests/missing_test.cpp"), "*", false);
  EXPECT_EQ(selection.error,
            "no test matches --kitty_file=tests/missing_test.cpp: a typo, or a stale registration "
            "(rebuild, or re-run discovery)");
  EXPECT_TRUE(selection.tests.empty());
  EXPECT_EQ(selection.named, size_t{0});
}

TEST(SelectTests, NoMatchErrorEvenInAnEmptyCatalog) {
  const Selected selection = selection_of({}, file_selector("a_test.cpp"), "*", false);
  EXPECT_EQ(selection.error,
            "no test matches --kitty_file=a_test.cpp: a typo, or a stale registration (rebuild, or "
            "re-run discovery)");
}

TEST(SelectTests, FileSelectorNamingTwoFilesIsAmbiguous) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("b_test.cpp"), "*", false);
  EXPECT_EQ(selection.error,
            "--kitty_file=b_test.cpp is ambiguous, it names /src/tests/sync/b_test.cpp and "
            "/src/tests/async/b_test.cpp: give more of the path");
  // Running either file (or both) would be a guess.
  EXPECT_TRUE(selection.tests.empty());
  EXPECT_EQ(selection.filter, "");
}

TEST(SelectTests, AmbiguityDoesNotDependOnWhatTheUserFilterKeeps) {
  // Only one of the two files has a test passing the user filter, but the
  // selector still names both.
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("b_test.cpp"), "Beta.*", false);
  EXPECT_NE(selection.error, "");
  EXPECT_TRUE(selection.tests.empty());
}

TEST(SelectTests, SuiteSelectorSpanningFilesIsNotAmbiguous) {
  const Catalog catalog = sample_catalog();
  EXPECT_EQ(selection_of(catalog, suite_selector("Shared"), "*", false).error, "");
}

TEST(SelectionFilter, WholeSuiteIsWrittenAsSuiteStar) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("sync/b_test.cpp"), "*", false);
  EXPECT_EQ(selection.filter, "Shared.InB:Beta.*");
  EXPECT_EQ(matched_by(selection.filter, catalog), selection.tests);
}

TEST(SelectionFilter, SuiteMissingADisabledTestIsWrittenAsExactNames) {
  // "Alpha.*" would also match Alpha.DISABLED_Three.
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("a_test.cpp"), "*", false);
  EXPECT_EQ(selection.filter, "Alpha.One:Alpha.Two:Shared.InA");
  EXPECT_EQ(matched_by(selection.filter, catalog), selection.tests);
}

TEST(SelectionFilter, SuiteWithItsDisabledTestIsWrittenAsSuiteStar) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("a_test.cpp"), "*", true);
  EXPECT_EQ(selection.filter, "Alpha.*:Shared.InA");
  EXPECT_EQ(matched_by(selection.filter, catalog), selection.tests);
}

TEST(SelectionFilter, SuitePartlyInAnotherFileIsWrittenAsExactNames) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, suite_selector("Beta"), "-Beta.One", false);
  EXPECT_EQ(selection.tests, (std::vector<size_t>{6}));
  EXPECT_EQ(selection.filter, "Beta.Two");
}

TEST(SelectionFilter, RunsExactlyTheSelectedTestsForEverySelector) {
  // Every selector of every granularity, with several user filters, with and
  // without disabled tests: the generated filter, applied to the whole
  // catalog, must give back exactly the selected tests.
  const Catalog catalog = sample_catalog();
  std::vector<Selector> selectors;
  for (const std::string& file : {kFileA, kFileSyncB, kFileAsyncB}) {
    selectors.push_back(file_selector(file));
  }
  for (const CatalogTest& test : catalog) {
    selectors.push_back(suite_selector(test.suite));
    selectors.push_back(test_selector(test.full_name()));
  }
  int checked = 0;
  for (const Selector& selector : selectors) {
    for (const std::string filter : {"*", "-Alpha.One", "*One:Shared.*", "*-*Two", "?eta.*"}) {
      for (const bool also_run_disabled : {false, true}) {
        const Selected selection = selection_of(catalog, selector, filter, also_run_disabled);
        ASSERT_EQ(selection.error, "");
        if (selection.tests.empty()) continue;
        SCOPED_TRACE(std::string(granularity_name(selector.granularity)) + "=" + selector.value +
                     " filter=" + filter + " generated=" + selection.filter);
        EXPECT_EQ(matched_by(selection.filter, catalog), selection.tests);
        ++checked;
      }
    }
  }
  // Guards against the loop above silently checking nothing.
  EXPECT_GT(checked, 100);
}

TEST(SelectionFilter, EachWholeSuiteIsWrittenOnce) {
  const Catalog catalog = {
      make_test("S", "a", "/x.cpp"),
      make_test("S", "b", "/x.cpp"),
      make_test("S", "c", "/x.cpp"),
  };
  EXPECT_EQ(selection_of(catalog, file_selector("x.cpp"), "*", false).filter, "S.*");
}

// The filter of an empty selection runs nothing, like the selection.
TEST(SelectionFilter, EmptySelectionFilterRunsNothing) {
  const Catalog catalog = sample_catalog();
  const Selected selection = selection_of(catalog, file_selector("a_test.cpp"), "Nope", false);
  ASSERT_TRUE(selection.tests.empty());
  EXPECT_EQ(matched_by(selection.filter, catalog), std::vector<size_t>{});
}

TEST(GranularityName, NamesEachGranularity) {
  EXPECT_STREQ(granularity_name(Granularity::kFile), "file");
  EXPECT_STREQ(granularity_name(Granularity::kSuite), "suite");
  EXPECT_STREQ(granularity_name(Granularity::kTest), "test");
}

}  // namespace
}  // namespace kitty::internal

namespace kitty::internal {
namespace {

TEST(SelectionNarrows, NotWhenTheSelectorNamesEveryTestOfTheBinary) {
  const Catalog one_file = {make_test("Alpha", "One", kFileA), make_test("Alpha", "Two", kFileA)};
  const Selected selection =
      selection_of(one_file, file_selector("a_test.cpp"), "Alpha.One", false);
  EXPECT_FALSE(selection.narrows);
  EXPECT_EQ(selection.tests, (std::vector<size_t>{0}));
}

TEST(SelectionNarrows, WhenOtherFilesHaveTests) {
  EXPECT_TRUE(selection_of(sample_catalog(), file_selector("a_test.cpp"), "*", false).narrows);
}

}  // namespace
}  // namespace kitty::internal

namespace kitty::internal {
namespace {

// The names a selection runs, in order, so that selections over different
// candidate lists compare.
std::vector<std::string> names_of(const Catalog& tests, const Selection& selection) {
  std::vector<std::string> names;
  for (const size_t index : selection.tests) names.push_back(tests[index].full_name());
  return names;
}

// What a process does at start (candidates_from_gtest, a pass over
// GoogleTest's names and file pointers) must select exactly what the whole
// catalog selects: every file, suite and test of this very binary, with and
// without a filter, the same tests, the same filter text, the same answer
// to "narrows".
TEST(CandidatesFromGtest, SelectExactlyWhatTheWholeCatalogSelects) {
  const Catalog catalog = catalog_from_gtest();
  ASSERT_GT(catalog.size(), 100u);
  std::vector<Selector> selectors;
  std::vector<std::string> seen_files;
  std::vector<std::string> seen_suites;
  for (const CatalogTest& test : catalog) {
    if (std::find(seen_files.begin(), seen_files.end(), test.file) == seen_files.end()) {
      seen_files.push_back(test.file);
      selectors.push_back(file_selector(test.file));
      const std::string base = test.file.substr(test.file.rfind('/') + 1);
      selectors.push_back(file_selector(base));
    }
    if (std::find(seen_suites.begin(), seen_suites.end(), test.suite) == seen_suites.end()) {
      seen_suites.push_back(test.suite);
      selectors.push_back(suite_selector(test.suite));
    }
    selectors.push_back(test_selector(test.full_name()));
  }
  // Names that are almost right: no candidate, the same stale answer.
  selectors.push_back(test_selector(catalog.front().suite + "." + catalog.front().name + "X"));
  selectors.push_back(test_selector(catalog.front().suite + "X." + catalog.front().name));
  selectors.push_back(suite_selector(catalog.front().suite + "X"));
  selectors.push_back(file_selector("no_such_test.cpp"));
  for (const Selector& selector : selectors) {
    for (const std::string filter : {"*", "*Files*:*Selector*", "-*Catalog*"}) {
      SCOPED_TRACE(std::string(granularity_name(selector.granularity)) + "=" + selector.value +
                   " filter " + filter);
      const Result<Selection> whole = select_tests(catalog, selector, filter, false);
      const Candidates candidates = candidates_from_gtest(selector);
      EXPECT_EQ(candidates.total, catalog.size());
      const Result<Selection> fast = select_among(candidates, selector, filter, false);
      ASSERT_EQ(static_cast<bool>(whole), static_cast<bool>(fast));
      if (!whole) {
        EXPECT_EQ(whole.failure().message, fast.failure().message);
        continue;
      }
      EXPECT_EQ(names_of(catalog, *whole), names_of(candidates.tests, *fast));
      EXPECT_EQ(whole->filter, fast->filter);
      EXPECT_EQ(whole->named, fast->named);
      EXPECT_EQ(whole->narrows, fast->narrows);
      EXPECT_EQ(whole->files, fast->files);
    }
  }
}

}  // namespace
}  // namespace kitty::internal
