#include "listing/units.h"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "catalog_builder.h"
#include "common/paths.h"

namespace kitty::internal {
namespace {

using Strings = std::vector<std::string>;
using Markers = std::map<std::string, FileMarkers>;

const std::string kFileA = "/src/tests/a_test.cpp";
const std::string kFileB = "/src/tests/b_test.cpp";

// GoogleTest runs suite by suite, so files interleave: b_test.cpp's first
// test runs before a_test.cpp's.
Catalog interleaved_catalog() {
  return {
      make_test("Alpha", "One", kFileB), make_test("Alpha", "Two", kFileA),
      make_test("Beta", "One", kFileB),  make_test("Beta", "DISABLED_Two", kFileB),
      make_test("Gamma", "One", kFileA),
  };
}

Strings names_of(const Units& units) {
  Strings names;
  for (const Unit& unit : units.units) names.push_back(unit.name);
  return names;
}

Strings selector_values_of(const Units& units) {
  Strings values;
  for (const Unit& unit : units.units) values.push_back(unit.selector.value);
  return values;
}

// make_units' answer, flattened for the checks: the units, or none and the
// failure's message, which is always a unit conflict.
struct Made : Units {
  std::string error;
};

Made units_of(const Catalog& catalog, Granularity granularity, const std::string& root,
              const Markers& markers) {
  const Result<Units> made = make_units(catalog, granularity, root, markers);
  if (made) return {*made, ""};
  EXPECT_EQ(made.failure().category, Category::kUnitConflict);
  return {Units{}, made.failure().message};
}

// The distinct files of the catalog that a unit's selector names.
// The files whose tests the unit's selector runs, as the binary selects them.
Strings files_selected_by(const Unit& unit, const Catalog& catalog) {
  Strings files;
  const Result<Selection> selection = select_tests(catalog, unit.selector, "*", true);
  EXPECT_TRUE(selection) << selection.failure().message;
  for (size_t index : selection ? selection->tests : std::vector<size_t>{}) {
    const std::string& file = catalog[index].file;
    if (std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
  }
  return files;
}

TEST(MakeUnits, FileGranularityGroupsByFileInOrderOfFirstAppearance) {
  const Made units = units_of(interleaved_catalog(), Granularity::kFile, "/src", {});
  EXPECT_EQ(units.error, "");
  ASSERT_EQ(units.units.size(), size_t{2});

  const Unit& b = units.units[0];
  EXPECT_EQ(b.name, "tests/b_test.cpp");
  EXPECT_EQ(b.selector.granularity, Granularity::kFile);
  EXPECT_EQ(b.selector.value, "tests/b_test.cpp");
  EXPECT_EQ(b.files, Strings{kFileB});
  EXPECT_EQ(b.tests, size_t{3});
  EXPECT_EQ(b.enabled, size_t{2});
  EXPECT_EQ(b.labels, Strings{});

  const Unit& a = units.units[1];
  EXPECT_EQ(a.name, "tests/a_test.cpp");
  EXPECT_EQ(a.selector.value, "tests/a_test.cpp");
  EXPECT_EQ(a.files, Strings{kFileA});
  EXPECT_EQ(a.tests, size_t{2});
  EXPECT_EQ(a.enabled, size_t{2});
}

TEST(MakeUnits, SuiteGranularityGroupsBySuite) {
  const Made units = units_of(interleaved_catalog(), Granularity::kSuite, "/src", {});
  EXPECT_EQ(units.error, "");
  EXPECT_EQ(names_of(units), (Strings{"Alpha", "Beta", "Gamma"}));
  EXPECT_EQ(selector_values_of(units), (Strings{"Alpha", "Beta", "Gamma"}));
  ASSERT_EQ(units.units.size(), size_t{3});
  for (const Unit& unit : units.units) EXPECT_EQ(unit.selector.granularity, Granularity::kSuite);
  // A suite spread over two files lists both, in first-seen order.
  EXPECT_EQ(units.units[0].files, (Strings{kFileB, kFileA}));
  EXPECT_EQ(units.units[0].tests, size_t{2});
  EXPECT_EQ(units.units[1].files, Strings{kFileB});
  EXPECT_EQ(units.units[1].tests, size_t{2});
  EXPECT_EQ(units.units[1].enabled, size_t{1});
}

TEST(MakeUnits, TestGranularityMakesOneUnitPerTest) {
  const Made units = units_of(interleaved_catalog(), Granularity::kTest, "/src", {});
  EXPECT_EQ(units.error, "");
  const Strings expected = {"Alpha.One", "Alpha.Two", "Beta.One", "Beta.DISABLED_Two", "Gamma.One"};
  EXPECT_EQ(names_of(units), expected);
  EXPECT_EQ(selector_values_of(units), expected);
  ASSERT_EQ(units.units.size(), size_t{5});
  for (const Unit& unit : units.units) {
    EXPECT_EQ(unit.selector.granularity, Granularity::kTest);
    EXPECT_EQ(unit.tests, size_t{1});
  }
  EXPECT_EQ(units.units[3].enabled, size_t{0});
  EXPECT_EQ(units.units[4].enabled, size_t{1});
  EXPECT_EQ(units.units[4].files, Strings{kFileA});
}

TEST(MakeUnits, SuiteAndTestNamesIgnoreTheRoot) {
  const Made units = units_of(interleaved_catalog(), Granularity::kSuite, "/elsewhere", {});
  EXPECT_EQ(names_of(units), (Strings{"Alpha", "Beta", "Gamma"}));
}

TEST(MakeUnits, EmptyCatalogHasNoUnits) {
  const Made units = units_of({}, Granularity::kFile, "/src", {});
  EXPECT_EQ(units.error, "");
  EXPECT_TRUE(units.units.empty());
}

TEST(MakeUnits, EmptyRootNamesFilesByTheirNormalisedPath) {
  const Catalog catalog = {make_test("S", "a", "/src/./tests/a_test.cpp")};
  const Made units = units_of(catalog, Granularity::kFile, "", {});
  EXPECT_EQ(names_of(units), Strings{"/src/tests/a_test.cpp"});
  EXPECT_EQ(selector_values_of(units), Strings{"/src/tests/a_test.cpp"});
}

TEST(MakeUnits, NamesAreRelativeToARootWithTrailingSlash) {
  const Made units = units_of(interleaved_catalog(), Granularity::kFile, "/src/tests/", {});
  EXPECT_EQ(names_of(units), (Strings{"b_test.cpp", "a_test.cpp"}));
  EXPECT_EQ(selector_values_of(units), (Strings{"b_test.cpp", "a_test.cpp"}));
}

TEST(MakeUnits, UnnormalisedRecordedPathIsNamedNormalisedButKeptInFiles) {
  const std::string recorded = "/src/tests/../tests/./a_test.cpp";
  const Made units = units_of({make_test("S", "a", recorded)}, Granularity::kFile, "/src", {});
  ASSERT_EQ(units.units.size(), size_t{1});
  EXPECT_EQ(units.units[0].name, "tests/a_test.cpp");
  EXPECT_EQ(units.units[0].selector.value, "tests/a_test.cpp");
  EXPECT_EQ(units.units[0].files, Strings{recorded});
}

TEST(MakeUnits, FileOutsideTheRootIsNamedByLevelsUpWithoutDotDot) {
  const Catalog catalog = {make_test("In", "a", "/src/tests/a_test.cpp"),
                           make_test("Out", "a", "/src/gen/c_test.cpp")};
  const Made units = units_of(catalog, Granularity::kFile, "/src/tests", {});
  EXPECT_EQ(units.error, "");
  EXPECT_EQ(names_of(units), (Strings{"a_test.cpp", "@up1/gen/c_test.cpp"}));
  // A name outside the root is no path a selector could use, so the
  // recorded path selects it.
  EXPECT_EQ(selector_values_of(units), (Strings{"a_test.cpp", "/src/gen/c_test.cpp"}));
}

// Files from another tree (item 11 of issue 9): no ".." in any name, one
// name per file, and every name selects its own file.
TEST(MakeUnits, FilesFromAnotherTreeGetDistinctNamesWithoutDotDot) {
  const Catalog catalog = {make_test("In", "t", "/work/proj/tests/a_test.cc"),
                           make_test("Sibling", "t", "/work/lib/test/a_test.cc"),
                           make_test("Near", "t", "/work/proj/lib/test/a_test.cc"),
                           make_test("Far", "t", "/usr/src/lib/test/a_test.cc")};
  const Made units = units_of(catalog, Granularity::kFile, "/work/proj/tests", {});
  ASSERT_EQ(units.error, "");
  EXPECT_EQ(names_of(units), (Strings{"a_test.cc", "@up2/lib/test/a_test.cc",
                                      "@up1/lib/test/a_test.cc", "@/usr/src/lib/test/a_test.cc"}));
  for (const Unit& unit : units.units) {
    EXPECT_EQ(files_selected_by(unit, catalog), unit.files) << unit.name;
  }
}

TEST(MakeUnits, SelectorFallsBackToRecordedPathWhenRelativePathIsAmbiguous) {
  const std::string in_root = "/src/a/x_test.cpp";
  const std::string outside = "/src/b/x_test.cpp";
  const Catalog catalog = {make_test("A", "t", in_root), make_test("B", "t", outside)};
  const Made units = units_of(catalog, Granularity::kFile, "/src/a", {});
  EXPECT_EQ(units.error, "");
  EXPECT_EQ(names_of(units), (Strings{"x_test.cpp", "@up1/b/x_test.cpp"}));
  // "x_test.cpp" would also name /src/b/x_test.cpp.
  EXPECT_EQ(selector_values_of(units), (Strings{in_root, outside}));
}

TEST(MakeUnits, SelectorStaysRelativeWhenItNamesOneFile) {
  const Catalog catalog = {make_test("A", "t", "/src/a/x_test.cpp"),
                           make_test("B", "t", "/src/b/x_test.cpp")};
  const Made units = units_of(catalog, Granularity::kFile, "/src", {});
  EXPECT_EQ(names_of(units), (Strings{"a/x_test.cpp", "b/x_test.cpp"}));
  EXPECT_EQ(selector_values_of(units), (Strings{"a/x_test.cpp", "b/x_test.cpp"}));
}

TEST(MakeUnits, SelectorFallsBackWhenAnotherFileEndsWithTheRelativePath) {
  // Relative name "sync/x_test.cpp" (root /src) also names
  // /other/src/sync/x_test.cpp, a file outside the root.
  const Catalog catalog = {make_test("A", "t", "/src/sync/x_test.cpp"),
                           make_test("B", "t", "/other/src/sync/x_test.cpp")};
  const Made units = units_of(catalog, Granularity::kFile, "/src", {});
  EXPECT_EQ(names_of(units), (Strings{"sync/x_test.cpp", "@/other/src/sync/x_test.cpp"}));
  EXPECT_EQ(selector_values_of(units),
            (Strings{"/src/sync/x_test.cpp", "/other/src/sync/x_test.cpp"}));
}

TEST(MakeUnits, EveryFileSelectorNamesExactlyItsOwnFile) {
  // A registered ctest test that names two files would fail as ambiguous;
  // one that names another file would run the wrong tests.
  const std::vector<Catalog> catalogs = {
      interleaved_catalog(),
      {make_test("A", "t", "/src/a/x_test.cpp"), make_test("B", "t", "/src/b/x_test.cpp"),
       make_test("C", "t", "/src/x_test.cpp"), make_test("D", "t", "/gen/a/x_test.cpp"),
       make_test("E", "t", "/src/a/sub/x_test.cpp")},
  };
  for (const Catalog& catalog : catalogs) {
    for (const char* root : {"", "/", "/src", "/src/a", "/gen", "/nowhere"}) {
      const Made units = units_of(catalog, Granularity::kFile, root, {});
      ASSERT_EQ(units.error, "") << "root " << root;
      for (const Unit& unit : units.units) {
        EXPECT_EQ(files_selected_by(unit, catalog), unit.files)
            << "root " << root << ", unit " << unit.name << ", selector " << unit.selector.value;
      }
    }
  }
}

// A relative recorded path (__FILE__ under -fmacro-prefix-map, or Bazel)
// that is the tail of another file's path still selects its own file: a
// selector equal to a recorded path names that file alone.
TEST(MakeUnits, RelativeRecordedPathThatIsASuffixOfAnotherStillSelectsOneFile) {
  const Catalog catalog = {make_test("Top", "t", "a_test.cpp"),
                           make_test("Nested", "t", "sub/a_test.cpp")};
  const Made units = units_of(catalog, Granularity::kFile, "/src/tests", {});
  ASSERT_EQ(units.error, "");
  ASSERT_EQ(units.units.size(), size_t{2});
  const Unit& top = units.units[0];
  EXPECT_EQ(files_selected_by(top, catalog), Strings{"a_test.cpp"});
  const Result<Selection> selection = select_tests(catalog, top.selector, "*", false);
  ASSERT_TRUE(selection) << selection.failure().message;
  EXPECT_EQ(selection->tests, std::vector<size_t>{0});
}

TEST(MakeUnits, LabelsComeFromTheMarkersOfTheUnitsFiles) {
  const Markers markers = {
      {kFileA, FileMarkers{{"slow", "db"}}},
      {kFileB, FileMarkers{{"db", "net"}}},
      {"/src/tests/unused_test.cpp", FileMarkers{{"ignored"}}},
  };
  const Made by_file = units_of(interleaved_catalog(), Granularity::kFile, "/src", markers);
  ASSERT_EQ(by_file.units.size(), size_t{2});
  EXPECT_EQ(by_file.units[0].labels, (Strings{"db", "net"}));
  EXPECT_EQ(by_file.units[1].labels, (Strings{"slow", "db"}));

  // A suite over both files gets the union, first file first, no duplicate.
  const Made by_suite = units_of(interleaved_catalog(), Granularity::kSuite, "/src", markers);
  ASSERT_EQ(by_suite.units.size(), size_t{3});
  EXPECT_EQ(by_suite.units[0].labels, (Strings{"db", "net", "slow"}));
  EXPECT_EQ(by_suite.units[1].labels, (Strings{"db", "net"}));
  EXPECT_EQ(by_suite.units[2].labels, (Strings{"slow", "db"}));

  // Each test unit carries its file's labels.
  const Made by_test = units_of(interleaved_catalog(), Granularity::kTest, "/src", markers);
  ASSERT_EQ(by_test.units.size(), size_t{5});
  EXPECT_EQ(by_test.units[0].labels, (Strings{"db", "net"}));
  EXPECT_EQ(by_test.units[1].labels, (Strings{"slow", "db"}));
}

TEST(MakeUnits, FileWithoutMarkersHasNoLabels) {
  const Markers markers = {{kFileA, FileMarkers{{"slow"}}}};
  const Made units = units_of(interleaved_catalog(), Granularity::kFile, "/src", markers);
  ASSERT_EQ(units.units.size(), size_t{2});
  EXPECT_EQ(units.units[0].labels, Strings{});
  EXPECT_EQ(units.units[1].labels, Strings{"slow"});
}

TEST(MakeUnits, TwoSpellingsOfOneFileAreADuplicateNameError) {
  // A header included under two spellings is recorded twice by GoogleTest;
  // both would register as ctest test "a.h".
  const Catalog catalog = {make_test("S", "a", "/src/a.h"), make_test("T", "b", "/src/./a.h")};
  const Made units = units_of(catalog, Granularity::kFile, "/src", {});
  EXPECT_EQ(units.error, "two units are both named 'a.h' (/src/a.h and /src/./a.h)");
}

TEST(MakeUnits, RelativeAndAbsoluteRecordingOfOneNameIsADuplicateNameError) {
  const Catalog catalog = {make_test("S", "a", "tests/a_test.cpp"),
                           make_test("T", "b", "/src/tests/a_test.cpp")};
  const Made units = units_of(catalog, Granularity::kFile, "/src", {});
  EXPECT_EQ(units.error,
            "two units are both named 'tests/a_test.cpp' (tests/a_test.cpp and "
            "/src/tests/a_test.cpp)");
}

TEST(MakeUnits, DuplicateErrorNamesTheFirstClash) {
  const Catalog catalog = {make_test("S", "a", "/src/a.h"), make_test("T", "b", "/src/./a.h"),
                           make_test("U", "c", "/src/b.h"), make_test("V", "d", "/src//b.h")};
  const Made units = units_of(catalog, Granularity::kFile, "/src", {});
  EXPECT_EQ(units.error, "two units are both named 'a.h' (/src/a.h and /src/./a.h)");
}

}  // namespace
}  // namespace kitty::internal
