#include "listing/catalog.h"

#include <set>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

namespace kitty::internal {
namespace {

CatalogTest make_test(const std::string& suite, const std::string& name) {
  CatalogTest test;
  test.suite = suite;
  test.name = name;
  return test;
}

// The catalog entry of the test that is running now.
const CatalogTest* find_current(const Catalog& catalog) {
  const testing::TestInfo& info = *testing::UnitTest::GetInstance()->current_test_info();
  for (const CatalogTest& test : catalog) {
    if (test.suite == info.test_suite_name() && test.name == info.name()) return &test;
  }
  return nullptr;
}

size_t index_of(const Catalog& catalog, const std::string& full_name) {
  for (size_t index = 0; index < catalog.size(); ++index) {
    if (catalog[index].full_name() == full_name) return index;
  }
  return catalog.size();
}

TEST(CatalogTestFullName, JoinsSuiteAndNameWithADot) {
  EXPECT_EQ(make_test("Suite", "Name").full_name(), "Suite.Name");
  EXPECT_EQ(make_test("Prefix/Suite", "Name/3").full_name(), "Prefix/Suite.Name/3");
  EXPECT_EQ(make_test("Typed/0", "Works").full_name(), "Typed/0.Works");
}

TEST(CatalogTestDisabled, DisabledPrefixOnTheSuite) {
  EXPECT_TRUE(make_test("DISABLED_Suite", "Name").disabled());
}

TEST(CatalogTestDisabled, DisabledPrefixOnTheName) {
  // Judged on the name alone: the full name "Suite.DISABLED_Name" matches
  // neither "DISABLED_*" nor "*/DISABLED_*".
  EXPECT_TRUE(make_test("Suite", "DISABLED_Name").disabled());
}

TEST(CatalogTestDisabled, DisabledAfterASlash) {
  // TEST_P instantiations, typed tests and parameter indexes add "/" parts.
  EXPECT_TRUE(make_test("Prefix/DISABLED_Suite", "Name/0").disabled());
  EXPECT_TRUE(make_test("DISABLED_Prefix/Suite", "Name/0").disabled());
  EXPECT_TRUE(make_test("Suite", "DISABLED_x/0").disabled());
  EXPECT_TRUE(make_test("Suite", "x/DISABLED_0").disabled());
  EXPECT_TRUE(make_test("A/B/DISABLED_C", "Name").disabled());
}

TEST(CatalogTestDisabled, EnabledTests) {
  EXPECT_FALSE(make_test("Suite", "Name").disabled());
  EXPECT_FALSE(make_test("Prefix/Suite", "Name/0").disabled());
}

TEST(CatalogTestDisabled, DisabledMustStartTheNameOrASlashPart) {
  EXPECT_FALSE(make_test("MyDISABLED_Suite", "Name").disabled());
  EXPECT_FALSE(make_test("Suite", "NotDISABLED_Name").disabled());
  EXPECT_FALSE(make_test("Prefix/MyDISABLED_Suite", "Name").disabled());
  EXPECT_FALSE(make_test("PrefixDISABLED_/Suite", "Name").disabled());
}

TEST(CatalogTestDisabled, PrefixIsCaseSensitiveAndNeedsTheUnderscore) {
  EXPECT_FALSE(make_test("disabled_Suite", "Name").disabled());
  EXPECT_FALSE(make_test("Suite", "Disabled_Name").disabled());
  EXPECT_FALSE(make_test("DISABLEDSuite", "Name").disabled());
  EXPECT_FALSE(make_test("Suite", "DISABLED").disabled());
}

// The line of the TEST below, as GoogleTest records it.
constexpr int kSelfLine = __LINE__ + 1;
TEST(CatalogFromGtest, SeesTheTestThatCallsItWithItsFileAndLine) {
  const Catalog catalog = catalog_from_gtest();
  const CatalogTest* self = find_current(catalog);
  ASSERT_NE(self, nullptr);
  EXPECT_EQ(self->suite, "CatalogFromGtest");
  EXPECT_EQ(self->name, "SeesTheTestThatCallsItWithItsFileAndLine");
  EXPECT_EQ(self->file, __FILE__);
  EXPECT_EQ(self->line, kSelfLine);
  EXPECT_EQ(self->type_param, "");
  EXPECT_EQ(self->value_param, "");
  EXPECT_FALSE(self->disabled());
}

constexpr int kSecondLine = __LINE__ + 1;
TEST(CatalogFromGtest, ListsThisFilesTestsInDefinitionOrder) {
  // The catalog follows GoogleTest's run order, which --gtest_shuffle
  // permutes once tests run; kitty itself takes it before that.
  if (GTEST_FLAG_GET(shuffle)) GTEST_SKIP() << "run order is shuffled";
  const Catalog catalog = catalog_from_gtest();
  const size_t first =
      index_of(catalog, "CatalogFromGtest.SeesTheTestThatCallsItWithItsFileAndLine");
  const size_t second = index_of(catalog, "CatalogFromGtest.ListsThisFilesTestsInDefinitionOrder");
  const size_t third = index_of(catalog, "CatalogFromGtest.HasEveryRegisteredTestOnce");
  ASSERT_LT(third, catalog.size());
  EXPECT_EQ(second, first + 1);
  EXPECT_EQ(third, second + 1);
  EXPECT_EQ(catalog[second].line, kSecondLine);
  EXPECT_EQ(catalog[third].file, __FILE__);
}

TEST(CatalogFromGtest, HasEveryRegisteredTestOnce) {
  const Catalog catalog = catalog_from_gtest();
  const testing::UnitTest& unit_test = *testing::UnitTest::GetInstance();
  EXPECT_EQ(catalog.size(), static_cast<size_t>(unit_test.total_test_count()));
  std::set<std::string> names;
  for (const CatalogTest& test : catalog) {
    EXPECT_TRUE(names.insert(test.full_name()).second) << test.full_name();
  }
}

TEST(CatalogFromGtest, IncludesTestsOfOtherFilesThatTheFilterExcludes) {
  // kitty runs this file alone (--kitty_file), yet the catalog must hold
  // every test of the binary: selection works on the whole catalog.
  const Catalog catalog = catalog_from_gtest();
  const size_t index = index_of(catalog, "NormalizePath.FoldsDotsAndBackslashes");
  ASSERT_LT(index, catalog.size());
  const std::string file = catalog[index].file;
  const std::string tail = "tests/unit/paths_test.cpp";
  ASSERT_GE(file.size(), tail.size());
  EXPECT_EQ(file.substr(file.size() - tail.size()), tail);
}

class CatalogValueProbe : public testing::TestWithParam<int> {};

constexpr int kValueProbeLine = __LINE__ + 1;
TEST_P(CatalogValueProbe, RecordsItsValueParam) {
  const Catalog catalog = catalog_from_gtest();
  const CatalogTest* self = find_current(catalog);
  ASSERT_NE(self, nullptr);
  EXPECT_EQ(self->suite, "Values/CatalogValueProbe");
  EXPECT_EQ(self->value_param, testing::PrintToString(GetParam()));
  EXPECT_EQ(self->type_param, "");
  // GoogleTest attributes TEST_P to the TEST_P line, not the instantiation.
  EXPECT_EQ(self->file, __FILE__);
  EXPECT_EQ(self->line, kValueProbeLine);
}

INSTANTIATE_TEST_SUITE_P(Values, CatalogValueProbe, testing::Values(7, 42));

TEST(CatalogFromGtest, ValueParamIsThePrintedValue) {
  const Catalog catalog = catalog_from_gtest();
  const size_t seven = index_of(catalog, "Values/CatalogValueProbe.RecordsItsValueParam/0");
  const size_t forty_two = index_of(catalog, "Values/CatalogValueProbe.RecordsItsValueParam/1");
  ASSERT_LT(seven, catalog.size());
  ASSERT_LT(forty_two, catalog.size());
  EXPECT_EQ(catalog[seven].value_param, "7");
  EXPECT_EQ(catalog[forty_two].value_param, "42");
}

template <typename T>
class CatalogTypeProbe : public testing::Test {};

using ProbeTypes = testing::Types<int, char>;
TYPED_TEST_SUITE(CatalogTypeProbe, ProbeTypes);

constexpr int kTypeProbeLine = __LINE__ + 1;
TYPED_TEST(CatalogTypeProbe, RecordsItsTypeParam) {
  const Catalog catalog = catalog_from_gtest();
  const CatalogTest* self = find_current(catalog);
  ASSERT_NE(self, nullptr);
  const bool is_int = std::is_same<TypeParam, int>::value;
  EXPECT_EQ(self->suite, is_int ? "CatalogTypeProbe/0" : "CatalogTypeProbe/1");
  EXPECT_EQ(self->type_param, is_int ? "int" : "char");
  EXPECT_EQ(self->value_param, "");
  EXPECT_EQ(self->file, __FILE__);
  EXPECT_EQ(self->line, kTypeProbeLine);
}

}  // namespace
}  // namespace kitty::internal
