#include "common/paths.h"

#include <gtest/gtest.h>

namespace kitty::internal {
namespace {

TEST(NormalizePath, FoldsDotsAndBackslashes) {
  EXPECT_EQ(normalize_path("a/./b/../c.cpp"), "a/c.cpp");
  EXPECT_EQ(normalize_path("a\\b\\c.cpp"), "a/b/c.cpp");
}

TEST(NormalizePath, CollapsesRepeatedSeparators) {
  EXPECT_EQ(normalize_path("a//b///c.cpp"), "a/b/c.cpp");
  EXPECT_EQ(normalize_path("/src//tests/a.cpp"), "/src/tests/a.cpp");
}

TEST(NormalizePath, DropsLeadingDotComponent) {
  EXPECT_EQ(normalize_path("./a.cpp"), "a.cpp");
  EXPECT_EQ(normalize_path(".\\tests\\a.cpp"), "tests/a.cpp");
}

TEST(NormalizePath, KeepsLeadingDotDotOfARelativePath) {
  // Nothing to fold a leading ".." into: it must survive, or a file outside
  // the root would be confused with one inside it.
  EXPECT_EQ(normalize_path("../a.cpp"), "../a.cpp");
  EXPECT_EQ(normalize_path("../../x/./y.h"), "../../x/y.h");
}

TEST(NormalizePath, DotDotAboveTheRootStaysAtTheRoot) {
  EXPECT_EQ(normalize_path("/a/../../b.cpp"), "/b.cpp");
}

TEST(NormalizePath, DropsTrailingSeparator) {
  EXPECT_EQ(normalize_path("a/b/"), "a/b");
  EXPECT_EQ(normalize_path("/src/tests/"), "/src/tests");
  EXPECT_EQ(normalize_path("a\\b\\"), "a/b");
}

TEST(NormalizePath, KeepsTheFilesystemRoot) {
  // The trailing-separator rule must not turn "/" into "".
  EXPECT_EQ(normalize_path("/"), "/");
}

TEST(NormalizePath, EmptyStaysEmpty) { EXPECT_EQ(normalize_path(""), ""); }

TEST(NormalizePath, LeavesAlreadyNormalPathsAlone) {
  EXPECT_EQ(normalize_path("/src/tests/sync/x_test.cpp"), "/src/tests/sync/x_test.cpp");
  EXPECT_EQ(normalize_path("tests/x_test.cpp"), "tests/x_test.cpp");
}

TEST(PathSelects, EqualPathsSelect) {
  EXPECT_TRUE(path_selects("/src/tests/a_test.cpp", "/src/tests/a_test.cpp"));
  EXPECT_TRUE(path_selects("tests/a_test.cpp", "tests/a_test.cpp"));
}

TEST(PathSelects, EqualAfterNormalisationSelects) {
  EXPECT_TRUE(path_selects("/src/./tests/../tests/a_test.cpp", "/src/tests/a_test.cpp"));
  EXPECT_TRUE(path_selects("/src/tests/a_test.cpp", "/src//tests/./a_test.cpp"));
  EXPECT_TRUE(path_selects("tests\\a_test.cpp", "/src/tests/a_test.cpp"));
}

TEST(PathSelects, RelativeSelectorNamesTrailingComponents) {
  EXPECT_TRUE(path_selects("sync/x_test.cpp", "/src/tests/sync/x_test.cpp"));
  EXPECT_TRUE(path_selects("x_test.cpp", "/src/tests/sync/x_test.cpp"));
  EXPECT_TRUE(path_selects("tests/sync/x_test.cpp", "/src/tests/sync/x_test.cpp"));
  EXPECT_TRUE(path_selects("src/tests/sync/x_test.cpp", "/src/tests/sync/x_test.cpp"));
  EXPECT_TRUE(path_selects("./sync/x_test.cpp", "/src/tests/sync/x_test.cpp"));
}

TEST(PathSelects, SuffixMustStartOnAComponentBoundary) {
  EXPECT_FALSE(path_selects("sync/x_test.cpp", "/src/tests/async/x_test.cpp"));
  EXPECT_FALSE(path_selects("x_test.cpp", "/src/tests/sync/max_test.cpp"));
  EXPECT_FALSE(path_selects("_test.cpp", "/src/tests/x_test.cpp"));
}

TEST(PathSelects, RelativeSelectorOfARelativeFile) {
  EXPECT_TRUE(path_selects("x_test.cpp", "tests/x_test.cpp"));
  EXPECT_FALSE(path_selects("x_test.cpp", "tests/xx_test.cpp"));
}

TEST(PathSelects, AbsoluteSelectorMustEqualTheWholePath) {
  // "/tests/a.cpp" is absolute: it names exactly that file, never a file that
  // merely ends with those components.
  EXPECT_FALSE(path_selects("/tests/a_test.cpp", "/src/tests/a_test.cpp"));
}

TEST(PathSelects, SelectorLongerThanTheFileDoesNotSelect) {
  EXPECT_FALSE(path_selects("src/tests/a_test.cpp", "tests/a_test.cpp"));
  EXPECT_FALSE(path_selects("more/tests/a_test.cpp", "/tests/a_test.cpp"));
}

TEST(PathSelects, EmptyOrDotSelectorSelectsNothing) {
  EXPECT_FALSE(path_selects("", "/src/a_test.cpp"));
  EXPECT_FALSE(path_selects(".", "/src/a_test.cpp"));
  EXPECT_FALSE(path_selects("./", "a_test.cpp"));
  EXPECT_FALSE(path_selects("", ""));
}

TEST(PathSelects, DirectorySelectorDoesNotSelectFilesBelowIt) {
  // A selector names one file, not a directory prefix.
  EXPECT_FALSE(path_selects("tests", "/src/tests/a_test.cpp"));
  EXPECT_FALSE(path_selects("/src/tests", "/src/tests/a_test.cpp"));
}

TEST(RelativeTo, FileBelowTheRoot) {
  EXPECT_EQ(relative_to("/src/tests/a_test.cpp", "/src"), "tests/a_test.cpp");
  EXPECT_EQ(relative_to("/src/tests/sync/b_test.cpp", "/src/tests"), "sync/b_test.cpp");
}

// A cross-build for Windows names files from a root without a drive; the
// name stays UTF-8 through std::filesystem (not the ANSI code page).
TEST(RelativeTo, ARootedPathWithoutADriveAndAUnicodeName) {
  EXPECT_EQ(relative_to("/src/tests/gr\xc3\xbc\xc3\x9f \xe2\x82\xac_test.cpp", "/src/tests"),
            "gr\xc3\xbc\xc3\x9f \xe2\x82\xac_test.cpp");
  EXPECT_EQ(normalize_path("/src/gr\xc3\xbc\xc3\x9f/./a.cpp"), "/src/gr\xc3\xbc\xc3\x9f/a.cpp");
}

TEST(RelativeTo, RootWithTrailingSeparatorOrDots) {
  EXPECT_EQ(relative_to("/src/tests/a_test.cpp", "/src/"), "tests/a_test.cpp");
  EXPECT_EQ(relative_to("/src/tests/a_test.cpp", "/src/tests/../."), "tests/a_test.cpp");
}

TEST(RelativeTo, NormalisesTheFile) {
  EXPECT_EQ(relative_to("/src/x/../tests/./a_test.cpp", "/src"), "tests/a_test.cpp");
}

// Issue 9, item 11: no ".." in a name; how far up, or the absolute path.
TEST(RelativeTo, FileOutsideTheRootIsNamedByLevelsAboveTheRoot) {
  EXPECT_EQ(relative_to("/src/gen/c_test.cpp", "/src/tests"), "@up1/gen/c_test.cpp");
  EXPECT_EQ(relative_to("/w/proj/x/y/z.cc", "/w/proj/tests/unit"), "@up2/x/y/z.cc");
}

TEST(RelativeTo, FileSharingOnlyTheFilesystemRootIsNamedByItsAbsolutePath) {
  EXPECT_EQ(relative_to("/other/x.h", "/src/tests"), "@/other/x.h");
  EXPECT_EQ(relative_to("/usr/src/lib/test/a_test.cc", "/work/t"), "@/usr/src/lib/test/a_test.cc");
  EXPECT_EQ(relative_to("/usr/src/../lib/./a_test.cc", "/work/t/"), "@/usr/lib/a_test.cc");
}

TEST(RelativeTo, NamesOutsideTheRootAreMarked) {
  EXPECT_TRUE(names_outside_root(relative_to("/src/gen/c_test.cpp", "/src/tests")));
  EXPECT_TRUE(names_outside_root(relative_to("/other/x.h", "/src/tests")));
  EXPECT_FALSE(names_outside_root(relative_to("/src/tests/a_test.cpp", "/src/tests")));
}

TEST(RelativeTo, DotDotPrefixedFileNamesStayInside) {
  // "..x" is a file name, not a step up.
  EXPECT_EQ(relative_to("/src/tests/..x/a_test.cpp", "/src/tests"), "..x/a_test.cpp");
  EXPECT_EQ(relative_to("/src/..x/a_test.cpp", "/src/tests"), "@up1/..x/a_test.cpp");
}

TEST(RelativeTo, FilesystemRootAsRoot) {
  EXPECT_EQ(relative_to("/src/a_test.cpp", "/"), "src/a_test.cpp");
}

TEST(RelativeTo, EmptyRootLeavesTheFileNormalised) {
  EXPECT_EQ(relative_to("/src/./tests/a_test.cpp", ""), "/src/tests/a_test.cpp");
  EXPECT_EQ(relative_to("tests\\a_test.cpp", ""), "tests/a_test.cpp");
}

TEST(RelativeTo, RelativeFileIsKeptNormalised) {
  // A relative __FILE__ (e.g. from -fmacro-prefix-map) cannot be placed
  // against an absolute root.
  EXPECT_EQ(relative_to("tests/./a_test.cpp", "/src"), "tests/a_test.cpp");
  EXPECT_EQ(relative_to("../gen/c_test.cpp", "/src"), "@up1/gen/c_test.cpp");
  EXPECT_EQ(relative_to("../../gen/c_test.cpp", ""), "@up2/gen/c_test.cpp");
}

TEST(RelativeTo, RelativeRootLeavesAnAbsoluteFileAlone) {
  EXPECT_EQ(relative_to("/src/tests/a_test.cpp", "src"), "/src/tests/a_test.cpp");
}

}  // namespace
}  // namespace kitty::internal
