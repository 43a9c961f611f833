// gtest_kitty as a user gets it: a plain build installed and found with
// find_package, or brought in from source with FetchContent or
// add_subdirectory; in each the gtest-kitty tool is a target
// (GTestKitty::gtest-kitty) a custom command can run. The fixture
// (build_projects.cmake) builds the consume_kitty project all three ways.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

std::string source_dir() {
  const char* source = std::getenv("KITTY_IT_SOURCE_DIR");
  return source != nullptr ? source : "";
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// project(gtest_kitty VERSION x.y.z ...) of the top-level CMakeLists.txt.
std::string project_version() {
  const std::string lists = read_text(fs::path(source_dir()) / "CMakeLists.txt");
  std::smatch match;
  if (!std::regex_search(lists, match,
                         std::regex(R"(project\(gtest_kitty\s+VERSION\s+([0-9.]+))"))) {
    return "";
  }
  return match[1];
}

// The lines of the guide's fenced cmake block that declares gtest_kitty
// with FetchContent, each without its indentation.
std::vector<std::string> trimmed_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(' ');
    lines.push_back(first == std::string::npos ? "" : line.substr(first));
  }
  return lines;
}

std::vector<std::string> guide_fetchcontent_snippet() {
  const std::string guide = read_text(fs::path(source_dir()) / "docs/guide.md");
  const std::regex block(R"(```cmake\n([^`]*FetchContent_Declare\(gtest_kitty[^`]*)```)");
  std::smatch match;
  if (!std::regex_search(guide, match, block)) return {};
  return trimmed_lines(match[1]);
}

bool contains_in_order(const std::vector<std::string>& lines,
                       const std::vector<std::string>& part) {
  if (part.empty()) return false;
  for (std::size_t start = 0; start + part.size() <= lines.size(); ++start) {
    if (std::equal(part.begin(), part.end(), lines.begin() + static_cast<std::ptrdiff_t>(start))) {
      return true;
    }
  }
  return false;
}

TEST(Packaging, InstallHasConfigModuleHeaderAndTool) {
  const fs::path install = work_path("install");
  EXPECT_TRUE(fs::exists(install / "include/gtest_kitty/kitty.h"));
  EXPECT_TRUE(fs::exists(install / "bin/gtest-kitty"));
  bool found_config = false;
  for (const auto& entry : fs::recursive_directory_iterator(install)) {
    if (entry.path().filename() == "GTestKittyConfig.cmake") {
      found_config = true;
      EXPECT_TRUE(fs::exists(entry.path().parent_path() / "KittyTest.cmake"));
      EXPECT_TRUE(fs::exists(entry.path().parent_path() / "KittyTestAddTests.cmake"));
    }
  }
  EXPECT_TRUE(found_config);
}

// The fixture configures gtest_kitty with no option at all, as the README's
// install command does: no test of kitty's own is registered or in the build.
TEST(Packaging, PlainTopLevelBuildHasNoTests) {
  const fs::path build = work_path("kitty-build");
  EXPECT_TRUE(registered_tests(build.string()).empty());
  EXPECT_FALSE(fs::exists(build / "tests"));
  const std::string ninja = read_text(build / "build.ninja");
  ASSERT_FALSE(ninja.empty());
  EXPECT_EQ(ninja.find("kitty_integration_tests"), std::string::npos);
  EXPECT_EQ(ninja.find("kitty_unit_tests"), std::string::npos);
  EXPECT_NE(ninja.find("gtest-kitty"), std::string::npos) << "the tool is in the build";
}

// A consume_kitty build: its tests pass under ctest -j2, and its custom
// target runs GTestKitty::gtest-kitty (the binary `tool`) on the tree.
void expect_consumer_works(const std::string& build, const fs::path& tool) {
  const CtestRun run = run_ctest(build, {"-j2"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  const std::map<std::string, std::string> passed = {{"greet_tests/tests/greet_test.cpp", "Passed"},
                                                     {"greet_tests/tests/home_test.cpp", "Passed"}};
  EXPECT_EQ(run.outcomes, passed);

  const ProcessResult target =
      run_process({"cmake", "--build", build, "--target", "kitty_equivalence"});
  EXPECT_EQ(target.exit_code, 0) << target.output;
  EXPECT_NE(target.output.find("tool: " + tool.lexically_normal().string() + "\n"),
            std::string::npos)
      << target.output;
  EXPECT_NE(target.output.find(": equivalent"), std::string::npos) << target.output;
  EXPECT_EQ(target.output.find("NOT equivalent"), std::string::npos) << target.output;
}

// GoogleTest comes from source here too: kitty uses the tree's GTest::gtest.
// This consumer turned the tool off: the library and the module work
// without it, and nothing of the tool is built or targeted.
TEST(Packaging, ConsumerByFetchContentWithoutTheToolRunsItsTests) {
  const fs::path build = work_path("consume-fetch");
  const CtestRun run = run_ctest(build.string(), {"-j2"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  const std::map<std::string, std::string> passed = {{"greet_tests/tests/greet_test.cpp", "Passed"},
                                                     {"greet_tests/tests/home_test.cpp", "Passed"}};
  EXPECT_EQ(run.outcomes, passed);
  EXPECT_FALSE(fs::exists(build / "_deps/gtest_kitty-build/gtest_kitty/cli/gtest-kitty"));
  const ProcessResult target =
      run_process({"cmake", "--build", build.string(), "--target", "kitty_equivalence"});
  EXPECT_NE(target.exit_code, 0) << "no tool, no kitty_equivalence target:\n" << target.output;
}

// This consumer also has its own pugixml::pugixml target, which the tool
// must use instead of finding the package a second time. It is a unity
// build: kitty's sources compile together (no two files may define the same
// helper), and the consumer's two test files, compiled as one, are still
// two ctest tests (expect_consumer_works counts them).
TEST(Packaging, ConsumerByAddSubdirectoryRunsTheToolThroughItsTarget) {
  const fs::path build = work_path("consume-subdir");
  std::ifstream cache(build / "CMakeCache.txt");
  const std::string text{std::istreambuf_iterator<char>(cache), {}};
  EXPECT_NE(text.find("CMAKE_UNITY_BUILD:BOOL=ON"), std::string::npos);
  EXPECT_TRUE(fs::exists(build / "gtest_kitty/gtest_kitty/CMakeFiles/gtest_kitty.dir/Unity"));
  expect_consumer_works(build.string(), build / "gtest_kitty/gtest_kitty/cli/gtest-kitty");
}

TEST(Packaging, ConsumerByFindPackageRunsTheInstalledTool) {
  expect_consumer_works(work_path("consume-package"),
                        fs::path(work_path("install")) / "bin/gtest-kitty");
}

// A project asking find_package for `version` of the fixture's install.
ProcessResult configure_version_request(const std::string& name, const std::string& version) {
  const std::string dir = scratch_dir(name);
  std::ofstream(fs::path(dir) / "CMakeLists.txt")
      << "cmake_minimum_required(VERSION 3.21)\nproject(" << name << " LANGUAGES CXX)\n"
      << "find_package(GTestKitty " << version << " REQUIRED)\n";
  return run_process(
      {"cmake", "-S", dir, "-B", dir + "/build", "-DCMAKE_PREFIX_PATH=" + work_path("install")});
}

TEST(Packaging, FindPackageAcceptsTheMinorVersionAndRefusesANewerOne) {
  const std::string version = project_version();
  ASSERT_EQ(version.rfind("0.1.", 0), 0u) << "project(VERSION) is " << version;

  const ProcessResult same = configure_version_request("version_same", "0.1");
  EXPECT_EQ(same.exit_code, 0) << same.output;

  const ProcessResult newer = configure_version_request("version_newer", "1.0");
  EXPECT_NE(newer.exit_code, 0) << newer.output;
  const std::string said = collapse_whitespace(newer.output);
  EXPECT_NE(said.find("compatible with requested version \"1.0\""), std::string::npos) << said;
  EXPECT_NE(said.find("version: " + version), std::string::npos) << said;
}

// The guide's FetchContent snippet is the one consume_kitty builds (the
// fixture points FETCHCONTENT_SOURCE_DIR_GTEST_KITTY at this checkout), and
// it names the tag of this version: v<project(VERSION)>.
TEST(Packaging, GuideSnippetIsTheTestedOneAndNamesThisVersion) {
  const std::vector<std::string> snippet = guide_fetchcontent_snippet();
  ASSERT_FALSE(snippet.empty())
      << "no ```cmake block with FetchContent_Declare(gtest_kitty in the guide";
  const std::vector<std::string> consumer = trimmed_lines(
      read_text(fs::path(source_dir()) / "tests/projects/consume_kitty/CMakeLists.txt"));
  EXPECT_TRUE(contains_in_order(consumer, snippet))
      << "the guide's snippet is not in consume_kitty";

  const std::string tag_line = "GIT_TAG v" + project_version() + ")";
  EXPECT_NE(std::find(snippet.begin(), snippet.end(), tag_line), snippet.end())
      << "the snippet does not name " << tag_line;
}

// The snippet as written, fetching for real: a clone at $HOME/src/gtest_kitty
// with this version's tag. Configure only; the build is the fixture's.
TEST(Packaging, GuideSnippetFetchesTheVersionTag) {
  if (!fs::exists(fs::path(source_dir()) / ".git")) GTEST_SKIP() << "not a git checkout";
  const std::string home = scratch_dir("snippet_home");
  const std::string clone = home + "/src/gtest_kitty";
  const ProcessResult cloned = run_process({"git", "clone", "--quiet", source_dir(), clone});
  ASSERT_EQ(cloned.exit_code, 0) << cloned.output;
  const std::string tag = "v" + project_version();
  ASSERT_EQ(run_process({"git", "-C", clone, "tag", "-f", tag}).exit_code, 0);

  const std::string build = home + "/build";
  ProcessOptions options;
  options.environment["HOME"] = home;
  const ProcessResult configured =
      run_process({"cmake", "-S", source_dir() + "/tests/projects/consume_kitty", "-B", build,
                   "-DKITTY_ROUTE=fetchcontent"},
                  options);
  ASSERT_EQ(configured.exit_code, 0) << configured.output;
  const ProcessResult fetched = run_process(
      {"git", "-C", build + "/_deps/gtest_kitty-src", "describe", "--tags", "--exact-match"});
  EXPECT_EQ(fetched.output, tag + "\n");
}

// Without one of the tool's dependencies (here CLI11, hidden from
// find_package), AUTO builds the rest and says what to install; ON refuses.
TEST(Packaging, MissingToolDependencyIsNamed) {
  const std::string build = scratch_dir("missing_dependency");
  const ProcessResult automatic =
      run_process({"cmake", "-S", source_dir(), "-B", build,
                   "-DCMAKE_DISABLE_FIND_PACKAGE_CLI11=ON", "-DGTEST_KITTY_INSTALL=OFF"});
  EXPECT_EQ(automatic.exit_code, 0) << automatic.output;
  EXPECT_NE(automatic.output.find("-- gtest_kitty: not building the gtest-kitty tool: CLI11 not "
                                  "found (on Debian: apt install libcli11-dev)"),
            std::string::npos)
      << automatic.output;

  const ProcessResult required =
      run_process({"cmake", "-S", source_dir(), "-B", build, "-DGTEST_KITTY_BUILD_CLI=ON"});
  EXPECT_NE(required.exit_code, 0) << required.output;
  EXPECT_NE(collapse_whitespace(required.output)
                .find("gtest_kitty: GTEST_KITTY_BUILD_CLI=ON, but the gtest-kitty tool cannot be "
                      "built: CLI11 not found (on Debian: apt install libcli11-dev)"),
            std::string::npos)
      << required.output;
}

// A GoogleTest source that is not there is named at configure time, not
// replaced by the installed GoogleTest behind the user's back.
TEST(Packaging, MissingGoogleTestSourceIsNamed) {
  const std::string build = scratch_dir("missing_googletest");
  const std::string missing = build + "/no such dir/googletest.tar.gz";
  const ProcessResult configured =
      run_process({"cmake", "-S", source_dir(), "-B", build,
                   "-DGTEST_KITTY_GOOGLETEST_SOURCE=" + missing, "-DGTEST_KITTY_INSTALL=OFF"});
  EXPECT_NE(configured.exit_code, 0) << configured.output;
  EXPECT_NE(collapse_whitespace(configured.output)
                .find("gtest_kitty: GTEST_KITTY_GOOGLETEST_SOURCE names '" + missing +
                      "', which does not exist"),
            std::string::npos)
      << configured.output;
}

}  // namespace
}  // namespace kitty_it
