// Split files (--kitty_split, kitty_add_tests SPLIT_FILES): one file's
// units by suite or by test while the other files stay whole.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "catalog_builder.h"
#include "listing/units.h"
#include "runtime/selection.h"

namespace kitty::internal {
namespace {

using Strings = std::vector<std::string>;

const std::string kHeavy = "/src/tests/heavy_test.cpp";
const std::string kLight = "/src/tests/light_test.cpp";

// GoogleTest's run order: suite by suite; the heavy file's suites around a
// light one, and a typed suite (names with '/').
Catalog split_catalog() {
  return {
      make_test("Store", "Open", kHeavy),          make_test("Store", "Close", kHeavy),
      make_test("Light", "One", kLight),           make_test("Scan", "Full", kHeavy),
      make_test("Scan", "DISABLED_Slow", kHeavy),  make_test("Typed/0", "Works", kHeavy),
      make_test("Values/Param", "Name/1", kHeavy),
  };
}

Result<Units> split_units(const Catalog& catalog, const std::vector<SplitFile>& splits,
                          Granularity granularity = Granularity::kFile) {
  return make_units(catalog, granularity, "/src", {}, splits);
}

Strings names_of(const Units& units) {
  Strings names;
  for (const Unit& unit : units.units) names.push_back(unit.name);
  return names;
}

// Every test the units select, in unit order, as the binary selects them.
Strings tests_selected(const Units& units, const Catalog& catalog) {
  Strings tests;
  for (const Unit& unit : units.units) {
    const Result<Selection> selection = select_tests(catalog, unit.selector, "*", true);
    EXPECT_TRUE(selection) << unit.name << ": " << selection.failure().message;
    if (!selection) continue;
    for (size_t index : selection->tests) tests.push_back(catalog[index].full_name());
  }
  return tests;
}

Strings sorted(Strings values) {
  std::sort(values.begin(), values.end());
  return values;
}

TEST(ParseSplit, DefaultsToTest) {
  const Result<SplitFile> split = parse_split("tests/heavy_test.cpp");
  ASSERT_TRUE(split) << split.failure().message;
  EXPECT_EQ(split->file, "tests/heavy_test.cpp");
  EXPECT_EQ(split->granularity, Granularity::kTest);
}

TEST(ParseSplit, TakesSuiteOrTestAfterTheLastEquals) {
  EXPECT_EQ(parse_split("a.cpp=suite")->granularity, Granularity::kSuite);
  EXPECT_EQ(parse_split("a.cpp=test")->granularity, Granularity::kTest);
  const Result<SplitFile> odd = parse_split("x=y [1]; $'\"\xc3\xa9.cpp=suite");
  ASSERT_TRUE(odd) << odd.failure().message;
  EXPECT_EQ(odd->file, "x=y [1]; $'\"\xc3\xa9.cpp");
  EXPECT_EQ(odd->granularity, Granularity::kSuite);
}

TEST(ParseSplit, BadGranularityWordIsAUsageErrorNamingIt) {
  const Result<SplitFile> split = parse_split("a.cpp=tset");
  ASSERT_FALSE(split);
  EXPECT_EQ(split.failure().category, Category::kUsage);
  EXPECT_NE(split.failure().message.find("'tset'"), std::string::npos) << split.failure().message;
  EXPECT_FALSE(parse_split("=test"));
  EXPECT_FALSE(parse_split(""));
}

TEST(SplitUnits, ByTestGivesOneUnitPerTestOfThatFileOnly) {
  const Catalog catalog = split_catalog();
  const Result<Units> units = split_units(catalog, {{"tests/heavy_test.cpp", Granularity::kTest}});
  ASSERT_TRUE(units) << units.failure().message;
  EXPECT_EQ(
      names_of(*units),
      (Strings{"tests/heavy_test.cpp:Store.Open", "tests/heavy_test.cpp:Store.Close",
               "tests/light_test.cpp", "tests/heavy_test.cpp:Scan.Full",
               "tests/heavy_test.cpp:Scan.DISABLED_Slow", "tests/heavy_test.cpp:Typed/0.Works",
               "tests/heavy_test.cpp:Values/Param.Name/1"}));
  const Unit& open = units->units[0];
  EXPECT_TRUE(open.split);
  EXPECT_EQ(open.split_file, "tests/heavy_test.cpp");
  EXPECT_EQ(open.selector.granularity, Granularity::kTest);
  EXPECT_EQ(open.selector.value, "Store.Open");
  EXPECT_EQ(open.files, Strings{kHeavy});
  EXPECT_EQ(units->units[4].enabled, size_t{0});  // DISABLED_: registered disabled

  const Unit& light = units->units[2];
  EXPECT_FALSE(light.split);
  EXPECT_EQ(light.selector.granularity, Granularity::kFile);
  EXPECT_EQ(light.selector.value, "tests/light_test.cpp");
}

TEST(SplitUnits, EveryTestIsSelectedByExactlyOneUnit) {
  const Catalog catalog = split_catalog();
  for (const Granularity by : {Granularity::kTest, Granularity::kSuite}) {
    const Result<Units> units = split_units(catalog, {{"tests/heavy_test.cpp", by}});
    ASSERT_TRUE(units) << units.failure().message;
    Strings all;
    for (const CatalogTest& test : catalog) all.push_back(test.full_name());
    EXPECT_EQ(sorted(tests_selected(*units, catalog)), sorted(all)) << granularity_name(by);
  }
}

TEST(SplitUnits, BySuiteGivesOneUnitPerSuiteOfThatFile) {
  const Result<Units> units =
      split_units(split_catalog(), {{"tests/heavy_test.cpp", Granularity::kSuite}});
  ASSERT_TRUE(units) << units.failure().message;
  EXPECT_EQ(names_of(*units), (Strings{"tests/heavy_test.cpp:Store", "tests/light_test.cpp",
                                       "tests/heavy_test.cpp:Scan", "tests/heavy_test.cpp:Typed/0",
                                       "tests/heavy_test.cpp:Values/Param"}));
  EXPECT_EQ(units->units[0].selector.granularity, Granularity::kSuite);
  EXPECT_EQ(units->units[0].selector.value, "Store");
  EXPECT_EQ(units->units[0].tests, size_t{2});
}

TEST(SplitUnits, SplitPiecesInheritTheirFilesMarkers) {
  const std::map<std::string, FileMarkers> markers = {{kHeavy, FileMarkers{{"slow"}, true, true}}};
  const Result<Units> units = make_units(split_catalog(), Granularity::kFile, "/src", markers,
                                         {{"tests/heavy_test.cpp", Granularity::kTest}});
  ASSERT_TRUE(units) << units.failure().message;
  for (const Unit& unit : units->units) {
    EXPECT_EQ(unit.labels, unit.split ? Strings{"slow"} : Strings{}) << unit.name;
    EXPECT_EQ(unit.uses_ports, unit.split) << unit.name;
    EXPECT_EQ(unit.quarantined, unit.split) << unit.name;
  }
}

TEST(SplitUnits, RecordedPathNamesTheFileToo) {
  const Result<Units> units = split_units(split_catalog(), {{kHeavy, Granularity::kSuite}});
  ASSERT_TRUE(units) << units.failure().message;
  EXPECT_EQ(units->units[0].name, "tests/heavy_test.cpp:Store");
}

TEST(SplitUnits, SplitNamingNoFileIsAUsageErrorNamingIt) {
  const Result<Units> units =
      split_units(split_catalog(), {{"tests/heavy.cpp", Granularity::kTest}});
  ASSERT_FALSE(units);
  EXPECT_EQ(units.failure().category, Category::kUsage);
  EXPECT_EQ(units.failure().message,
            "--kitty_split=tests/heavy.cpp names no source file with tests (names are relative "
            "to /src)");
}

TEST(SplitUnits, SplitsNeedFileGranularity) {
  const Result<Units> units = split_units(
      split_catalog(), {{"tests/heavy_test.cpp", Granularity::kTest}}, Granularity::kSuite);
  ASSERT_FALSE(units);
  EXPECT_EQ(units.failure().category, Category::kUsage);
  EXPECT_NE(units.failure().message.find("needs --kitty_granularity=file"), std::string::npos);
}

TEST(SplitUnits, OneFileSplitTwiceIsAUsageError) {
  const Result<Units> units =
      split_units(split_catalog(), {{"tests/heavy_test.cpp", Granularity::kTest},
                                    {"tests/./heavy_test.cpp", Granularity::kSuite}});
  ASSERT_FALSE(units);
  EXPECT_EQ(units.failure().category, Category::kUsage);
}

// Store's tests in two files: --kitty_suite=Store from the split file would
// run the light file's Store test as well, which its whole-file unit runs.
TEST(SplitUnits, SuiteSpanningASplitAndAWholeFileIsAConflictNamingBoth) {
  Catalog catalog = split_catalog();
  catalog.insert(catalog.begin() + 2, make_test("Store", "Other", kLight));
  const Result<Units> units = split_units(catalog, {{"tests/heavy_test.cpp", Granularity::kSuite}});
  ASSERT_FALSE(units);
  EXPECT_EQ(units.failure().category, Category::kUnitConflict);
  const std::string& message = units.failure().message;
  EXPECT_NE(message.find("suite Store"), std::string::npos) << message;
  EXPECT_NE(message.find("tests/heavy_test.cpp"), std::string::npos) << message;
  EXPECT_NE(message.find("tests/light_test.cpp"), std::string::npos) << message;

  // By test, each piece selects one test: no conflict.
  EXPECT_TRUE(split_units(catalog, {{"tests/heavy_test.cpp", Granularity::kTest}}));
}

TEST(SplitUnits, SuiteSpanningTwoFilesSplitBySuiteIsAConflict) {
  const Catalog catalog = {make_test("Store", "Open", kHeavy), make_test("Store", "Other", kLight)};
  const Result<Units> units = split_units(catalog, {{"tests/heavy_test.cpp", Granularity::kSuite},
                                                    {"tests/light_test.cpp", Granularity::kSuite}});
  ASSERT_FALSE(units);
  EXPECT_EQ(units.failure().category, Category::kUnitConflict);
}

}  // namespace
}  // namespace kitty::internal
