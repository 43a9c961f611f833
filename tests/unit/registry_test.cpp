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

// Each of these made nlohmann_json throw (type_error, out_of_range).
TEST(ParseRegistry, FieldsOfTheWrongTypeOrMissingAreAnError) {
  const char* const malformed[] = {
      R"({"tests": 5})",
      R"({"tests": [{"name": "a", "command": [1, 2]}]})",
      R"({"tests": [{"name": 7}]})",
      R"({"tests": [{"name": "a", "properties": [{"name": "LABELS"}]}]})",
      R"({"tests": [{"name": "a", "properties": [{"name": "LABELS", "value": [true]}]}]})",
      R"({"tests": [{"name": "a", "properties": [{"name": "ENVIRONMENT", "value": [3]}]}]})",
  };
  for (const char* text : malformed) {
    SCOPED_TRACE(text);
    const Expected<Registry> registry = parse_registry("/build", text);
    ASSERT_FALSE(registry);
    EXPECT_EQ(registry.error().message.rfind(
                  "ctest's description of /build's tests is malformed ([json.exception.", 0),
              0u)
        << registry.error().message;
    EXPECT_EQ(registry.error().message.find('\n'), std::string::npos);
  }
}

}  // namespace
}  // namespace kitty::cli
