// ctest's --show-only=json-v1 document, read into the registry: a document
// not as expected (wrong types, missing fields, not JSON) is an error that
// names the tree, never an exception out of nlohmann_json.
#include "cli/model/registry.h"

#include <gtest/gtest.h>

namespace kitty::cli {
namespace {

TEST(ParseRegistry, ReadsTheTestsCtestDescribes) {
  const Expected<Registry> registry = parse_registry(
      "/build",
      R"({"tests":[{"name":"unit/a_test.cpp","command":["/build/unit","--kitty_file=a_test.cpp"],
                 "properties":[{"name":"LABELS","value":["unit"]},{"name":"TIMEOUT","value":30}]}]})");
  ASSERT_TRUE(registry) << registry.error().message;
  ASSERT_EQ(registry->tests.size(), 1u);
  EXPECT_EQ(registry->tests[0].kitty_selector, "--kitty_file=a_test.cpp");
  EXPECT_EQ(registry->tests[0].labels, std::vector<std::string>{"unit"});
  EXPECT_DOUBLE_EQ(registry->tests[0].timeout, 30);
}

TEST(ParseRegistry, TextThatIsNotJsonIsAnError) {
  const Expected<Registry> registry = parse_registry("/build", "{\"tests\": [");
  ASSERT_FALSE(registry);
  EXPECT_EQ(registry.error().message,
            "ctest did not describe the tests of /build (is it a build tree?)");
}

// Each of these made nlohmann_json throw (type_error, out_of_range) when the
// registry was read through its document tree; read as it is lexed now.
TEST(ParseRegistry, FieldsOfTheWrongTypeOrMissingAreAnError) {
  const char* const malformed[] = {
      R"({"tests": 5})",
      R"({"tests": [{"name": "a", "command": [1, 2]}]})",
      R"({"tests": [{"name": 7}]})",
      R"({"tests": [{"name": "a", "properties": [{"name": "LABELS"}]}]})",
      R"({"tests": [{"name": "a", "properties": [{"name": "LABELS", "value": [true]}]}]})",
      R"({"tests": [{"name": "a", "properties": [{"name": "ENVIRONMENT", "value": [3]}]}]})",
      R"({"tests": [{"name": "a", "command": ["x", ["y"]]}]})",
      R"({"tests": [{"name": "a", "properties": [{"name": "LABELS", "value": [{}]}]}]})",
      R"({"tests": {"name": "a"}})",
  };
  for (const char* text : malformed) {
    SCOPED_TRACE(text);
    const Expected<Registry> registry = parse_registry("/build", text);
    ASSERT_FALSE(registry);
    EXPECT_EQ(
        registry.error().message.rfind("ctest's description of /build's tests is malformed (", 0),
        0u)
        << registry.error().message;
    EXPECT_EQ(registry.error().message.find('\n'), std::string::npos);
  }
}

// Everything the registry keeps, from a document shaped as ctest writes it,
// with members kitty does not read (at any depth) skipped.
TEST(ParseRegistry, KeepsEveryFieldItReadsAndSkipsTheRest) {
  const Expected<Registry> registry = parse_registry("/build", R"({
    "kind": "ctestInfo", "version": {"major": 1, "minor": 0},
    "backtraceGraph": {"commands": ["add_test"], "files": ["x"], "nodes": [{"file": 0}]},
    "tests": [
      {"backtrace": 1, "command": ["/l", "--", "/b", "--kitty_file=a.cpp", "--kitty_x"],
       "name": "t/a.cpp",
       "properties": [
         {"name": "COST", "value": 2.5}, {"name": "DISABLED", "value": false},
         {"name": "ENVIRONMENT", "value": ["A=1", "KITTY_SPLIT_FILE=s.cpp"]},
         {"name": "LABELS", "value": ["x", "y"]}, {"name": "TIMEOUT", "value": 30},
         {"name": "WORKING_DIRECTORY", "value": "/w"},
         {"name": "RESOURCE_GROUPS", "value": [{"requirements": [{"ports": 1}]}]},
         {"name": "FIXTURES_REQUIRED", "value": {"nested": ["z"]}}]},
      {"name": "t/b", "properties": [{"name": "DISABLED", "value": "TRUE"}]},
      {"name": "t/c", "command": ["/c"], "properties": [{"name": "DISABLED", "value": "FALSE"}]}
    ]})");
  ASSERT_TRUE(registry) << registry.error().message;
  ASSERT_EQ(registry->tests.size(), 3u);
  const RegisteredTest& a = registry->tests[0];
  EXPECT_EQ(a.name, "t/a.cpp");
  EXPECT_EQ(a.command,
            (std::vector<std::string>{"/l", "--", "/b", "--kitty_file=a.cpp", "--kitty_x"}));
  EXPECT_EQ(a.kitty_selector, "--kitty_file=a.cpp");
  EXPECT_DOUBLE_EQ(a.cost, 2.5);
  EXPECT_FALSE(a.disabled);
  EXPECT_EQ(a.environment, (std::vector<std::string>{"A=1", "KITTY_SPLIT_FILE=s.cpp"}));
  EXPECT_EQ(a.split_file, "s.cpp");
  EXPECT_EQ(a.labels, (std::vector<std::string>{"x", "y"}));
  EXPECT_DOUBLE_EQ(a.timeout, 30);
  EXPECT_EQ(a.working_directory, "/w");
  EXPECT_TRUE(registry->tests[1].disabled);
  EXPECT_TRUE(registry->tests[1].command.empty());
  EXPECT_FALSE(registry->tests[2].disabled);
  EXPECT_FALSE(registry->tests[2].kitty_selector);
}

TEST(ParseRegistry, ADocumentWithoutTestsIsNoBuildTree) {
  for (const char* text : {"5", "[1, 2]", R"({"kind": "ctestInfo"})", ""}) {
    const Expected<Registry> registry = parse_registry("/build", text);
    ASSERT_FALSE(registry) << text;
    EXPECT_EQ(registry.error().message,
              "ctest did not describe the tests of /build (is it a build tree?)");
  }
}

}  // namespace
}  // namespace kitty::cli
