#include "listing/listing.h"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <gtest_kitty/protocol.h>
#include <nlohmann/json.hpp>

namespace kitty::internal {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

// json_string's output decoded by an independent JSON parser.
std::string decoded(const std::string& text) {
  return json::parse(json_string(text)).get<std::string>();
}

bool is_printable_ascii(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F) return false;
  }
  return true;
}

Strings split_lines(const std::string& text) {
  Strings lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(JsonString, PlainTextIsQuoted) {
  EXPECT_EQ(json_string(""), "\"\"");
  EXPECT_EQ(json_string("Suite.Name/0"), "\"Suite.Name/0\"");
  EXPECT_EQ(json_string("a b ~{}()<>"), "\"a b ~{}()<>\"");
}

TEST(JsonString, EscapesQuoteAndBackslash) {
  EXPECT_EQ(json_string("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(json_string("C:\\src\\a.cpp"), "\"C:\\\\src\\\\a.cpp\"");
}

TEST(JsonString, EscapesControlCharactersAsUnicode) {
  EXPECT_EQ(json_string("\n"), "\"\\u000a\"");
  EXPECT_EQ(json_string("\t\r"), "\"\\u0009\\u000d\"");
  EXPECT_EQ(json_string("\x01\x1f"), "\"\\u0001\\u001f\"");
  EXPECT_EQ(json_string("\x7f"), "\"\\u007f\"");
  EXPECT_EQ(json_string(std::string("a\0b", 3)), "\"a\\u0000b\"");
}

TEST(JsonString, EscapesCMakeListCharacters) {
  // CMake's list handling splits on ; and treats [ ] specially.
  EXPECT_EQ(json_string("a;b"), "\"a\\u003bb\"");
  EXPECT_EQ(json_string("[x]"), "\"\\u005bx\\u005d\"");
}

TEST(JsonString, EscapesTwoByteUtf8) {
  EXPECT_EQ(json_string("\xc3\xa9"), "\"\\u00e9\"");  // U+00E9 e acute
  EXPECT_EQ(json_string("\xc2\x80"), "\"\\u0080\"");  // lowest two-byte code
  EXPECT_EQ(json_string("\xdf\xbf"), "\"\\u07ff\"");  // highest two-byte code
}

TEST(JsonString, EscapesThreeByteUtf8) {
  EXPECT_EQ(json_string("\xe2\x82\xac"), "\"\\u20ac\"");  // U+20AC euro sign
  EXPECT_EQ(json_string("\xe0\xa0\x80"), "\"\\u0800\"");  // lowest three-byte code
  EXPECT_EQ(json_string("\xef\xbf\xbf"), "\"\\uffff\"");  // highest three-byte code
}

TEST(JsonString, EscapesFourByteUtf8AsSurrogatePair) {
  EXPECT_EQ(json_string("\xf0\x9f\x98\x80"), "\"\\ud83d\\ude00\"");  // U+1F600
  EXPECT_EQ(json_string("\xf0\x90\x80\x80"), "\"\\ud800\\udc00\"");  // U+10000
  EXPECT_EQ(json_string("\xf4\x8f\xbf\xbf"), "\"\\udbff\\udfff\"");  // U+10FFFF
}

TEST(JsonString, MixedTextKeepsItsOrder) {
  EXPECT_EQ(json_string("a\xc3\xa9;\xf0\x9f\x98\x80z"), "\"a\\u00e9\\u003b\\ud83d\\ude00z\"");
}

TEST(JsonString, LoneContinuationByteIsReplaced) {
  EXPECT_EQ(json_string("a\x80z"), "\"a\\ufffdz\"");
}

TEST(JsonString, TruncatedSequenceIsReplacedByteByByte) {
  EXPECT_EQ(json_string("\xc3"), "\"\\ufffd\"");
  // The lead byte is replaced; the 'A' that broke the sequence survives.
  EXPECT_EQ(json_string("\xe2\x82"
                        "A"),
            "\"\\ufffd\\ufffdA\"");
  EXPECT_EQ(json_string("\xf0\x9f\x98"), "\"\\ufffd\\ufffd\\ufffd\"");
}

TEST(JsonString, OverlongEncodingIsReplaced) {
  EXPECT_EQ(json_string("\xc0\xaf"), "\"\\ufffd\\ufffd\"");             // '/' in two bytes
  EXPECT_EQ(json_string("\xe0\x80\xaf"), "\"\\ufffd\\ufffd\\ufffd\"");  // '/' in three
}

TEST(JsonString, EncodedSurrogateIsReplaced) {
  EXPECT_EQ(json_string("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");  // U+D800
}

TEST(JsonString, CodeAboveUnicodeRangeIsReplaced) {
  EXPECT_EQ(json_string("\xf4\x90\x80\x80"), "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");  // U+110000
  EXPECT_EQ(json_string("\xf8\x88\x80\x80\x80"),
            "\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");  // five-byte lead
  EXPECT_EQ(json_string("\xff"), "\"\\ufffd\"");
}

TEST(JsonString, OutputIsAlwaysPrintableAscii) {
  for (const std::string& text :
       {std::string("plain"), std::string("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"),
        std::string("\x80\xff\xc0\xaf"), std::string("\x01\n\x7f;[]\"\\")}) {
    EXPECT_TRUE(is_printable_ascii(json_string(text))) << json_string(text);
  }
}

TEST(JsonString, ValidTextRoundTripsThroughAJsonParser) {
  for (const std::string& text :
       {std::string(""), std::string("Suite.Name"), std::string("a;b[c]d"),
        std::string("quote\" back\\slash"), std::string("\n\t\x01\x7f", 4), std::string("a\0b", 3),
        std::string("/src/t\xc3\xa9st dir/\xe2\x82\xac_test.cpp"),
        std::string("\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf")}) {
    EXPECT_EQ(decoded(text), text) << json_string(text);
  }
}

TEST(JsonString, InvalidBytesDecodeAsReplacementCharacter) {
  EXPECT_EQ(decoded("a\xff"
                    "b"),
            "a\xef\xbf\xbd"
            "b");
}

TEST(SelectorFlag, NamesTheGranularity) {
  EXPECT_EQ(selector_flag({Granularity::kFile, "sync/a_test.cpp"}), "--kitty_file=sync/a_test.cpp");
  EXPECT_EQ(selector_flag({Granularity::kSuite, "Alpha"}), "--kitty_suite=Alpha");
  EXPECT_EQ(selector_flag({Granularity::kTest, "Alpha.One"}), "--kitty_test=Alpha.One");
}

CatalogTest make_test(const std::string& suite, const std::string& name, const std::string& file,
                      int line) {
  CatalogTest test;
  test.suite = suite;
  test.name = name;
  test.file = file;
  test.line = line;
  return test;
}

const std::string kUnicodeFile =
    "/src/tests/\xc3\xbcn\xc3\xaf c\xc3\xb4"
    "de_test.cpp";
const std::string kValueParam = "\"a;b[c]\" \xe2\x82\xac";

// Every kind of test, and files with spaces, unicode and a path outside the
// root.
Catalog listing_catalog() {
  Catalog catalog = {
      make_test("Alpha", "One", "/src/tests/a_test.cpp", 10),
      make_test("Alpha", "DISABLED_Two", "/src/tests/a_test.cpp", 20),
      make_test("Typed/0", "Works", kUnicodeFile, 5),
      make_test("Values/Param", "Name/0", "/src/gen/p_test.cpp", 7),
  };
  catalog[2].type_param = "int";
  catalog[3].value_param = kValueParam;
  return catalog;
}

std::string listing_text(const Catalog& catalog, Granularity granularity,
                         const std::map<std::string, FileMarkers>& markers) {
  const Result<Units> units = make_units(catalog, granularity, "/src/tests", markers);
  EXPECT_TRUE(units) << units.failure().message;
  std::ostringstream out;
  if (units) write_listing(out, catalog, *units, granularity, "/src/tests");
  return out.str();
}

TEST(WriteListing, HeaderLineIsExact) {
  const Strings lines = split_lines(listing_text(listing_catalog(), Granularity::kFile, {}));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "{\"kitty_listing\":1,\"granularity\":\"file\",\"root\":\"/src/tests\",\"tests\":4,"
            "\"units\":3}");
}

TEST(WriteListing, OneLinePerTestThenOnePerUnit) {
  const std::string text = listing_text(listing_catalog(), Granularity::kFile, {});
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const Strings lines = split_lines(text);
  ASSERT_EQ(lines.size(), size_t{1 + 4 + 3});
  for (size_t i = 1; i <= 4; ++i) EXPECT_TRUE(json::parse(lines[i]).contains("test")) << i;
  for (size_t i = 5; i <= 7; ++i) EXPECT_TRUE(json::parse(lines[i]).contains("unit")) << i;
}

TEST(WriteListing, EveryLineIsPrintableAscii) {
  const std::map<std::string, FileMarkers> markers = {
      {kUnicodeFile, FileMarkers{{"sl\xc3\xb6w", "a;b"}, true, true}}};
  for (const std::string& line :
       split_lines(listing_text(listing_catalog(), Granularity::kFile, markers))) {
    EXPECT_TRUE(is_printable_ascii(line)) << line;
  }
}

TEST(WriteListing, HeaderFieldsRoundTrip) {
  const Strings lines = split_lines(listing_text(listing_catalog(), Granularity::kSuite, {}));
  ASSERT_FALSE(lines.empty());
  const json header = json::parse(lines[0]);
  EXPECT_EQ(header.at("kitty_listing"), protocol::kListingVersion);
  EXPECT_EQ(header.at("granularity"), "suite");
  EXPECT_EQ(header.at("root"), "/src/tests");
  EXPECT_EQ(header.at("tests"), 4);
  EXPECT_EQ(header.at("units"), 3);
  EXPECT_EQ(header.size(), size_t{5});
}

TEST(WriteListing, TestFieldsRoundTrip) {
  const Catalog catalog = listing_catalog();
  const Strings lines = split_lines(listing_text(catalog, Granularity::kFile, {}));
  ASSERT_EQ(lines.size(), size_t{8});
  for (size_t i = 0; i < catalog.size(); ++i) {
    SCOPED_TRACE(lines[i + 1]);
    const json test = json::parse(lines[i + 1]);
    EXPECT_EQ(test.at("test"), catalog[i].full_name());
    EXPECT_EQ(test.at("suite"), catalog[i].suite);
    EXPECT_EQ(test.at("name"), catalog[i].name);
    // Test files stay as recorded (absolute), unlike unit files.
    EXPECT_EQ(test.at("file"), catalog[i].file);
    EXPECT_EQ(test.at("line"), catalog[i].line);
    EXPECT_EQ(test.at("disabled"), catalog[i].disabled());
  }
  EXPECT_EQ(json::parse(lines[2]).at("disabled"), true);
  EXPECT_EQ(json::parse(lines[1]).at("disabled"), false);
}

TEST(WriteListing, TypeAndValueParamsOnlyWhenPresent) {
  const Strings lines = split_lines(listing_text(listing_catalog(), Granularity::kFile, {}));
  ASSERT_EQ(lines.size(), size_t{8});
  const json plain = json::parse(lines[1]);
  EXPECT_FALSE(plain.contains("type_param"));
  EXPECT_FALSE(plain.contains("value_param"));
  EXPECT_EQ(plain.size(), size_t{6});

  const json typed = json::parse(lines[3]);
  EXPECT_EQ(typed.at("type_param"), "int");
  EXPECT_FALSE(typed.contains("value_param"));

  const json valued = json::parse(lines[4]);
  EXPECT_EQ(valued.at("value_param"), kValueParam);
  EXPECT_FALSE(valued.contains("type_param"));
}

TEST(WriteListing, UnitFieldsRoundTrip) {
  const std::map<std::string, FileMarkers> markers = {
      {kUnicodeFile, FileMarkers{{"sl\xc3\xb6w", "a;b"}, true, true}}};
  const Strings lines = split_lines(listing_text(listing_catalog(), Granularity::kFile, markers));
  ASSERT_EQ(lines.size(), size_t{8});

  const json a = json::parse(lines[5]);
  EXPECT_EQ(a.at("unit"), "a_test.cpp");
  EXPECT_EQ(a.at("selector"), "--kitty_file=a_test.cpp");
  EXPECT_EQ(a.at("tests"), 2);
  EXPECT_EQ(a.at("enabled"), 1);
  EXPECT_EQ(a.at("files"), json::array({"a_test.cpp"}));
  EXPECT_EQ(a.at("labels"), json::array());
  EXPECT_EQ(a.at("ports"), false);
  EXPECT_EQ(a.at("quarantined"), false);
  EXPECT_EQ(a.size(), size_t{8});

  const json unicode = json::parse(lines[6]);
  EXPECT_EQ(unicode.at("unit"),
            "\xc3\xbcn\xc3\xaf c\xc3\xb4"
            "de_test.cpp");
  EXPECT_EQ(unicode.at("selector"),
            "--kitty_file=\xc3\xbcn\xc3\xaf c\xc3\xb4"
            "de_test.cpp");
  EXPECT_EQ(unicode.at("labels"), json::array({"sl\xc3\xb6w", "a;b"}));
  EXPECT_EQ(unicode.at("ports"), true);
  EXPECT_EQ(unicode.at("quarantined"), true);

  // Outside the root: named by how far above it, selected by its recorded path.
  const json outside = json::parse(lines[7]);
  EXPECT_EQ(outside.at("unit"), "@up1/gen/p_test.cpp");
  EXPECT_EQ(outside.at("selector"), "--kitty_file=/src/gen/p_test.cpp");
  EXPECT_EQ(outside.at("files"), json::array({"@up1/gen/p_test.cpp"}));
}

TEST(WriteListing, SuiteUnitsListTheirFilesRelativeToTheRoot) {
  Catalog catalog = listing_catalog();
  catalog.push_back(make_test("Alpha", "Three", "/src/tests/sub/b_test.cpp", 3));
  const Strings lines = split_lines(listing_text(catalog, Granularity::kSuite, {}));
  ASSERT_EQ(lines.size(), size_t{1 + 5 + 3});
  const json alpha = json::parse(lines[6]);
  EXPECT_EQ(alpha.at("unit"), "Alpha");
  EXPECT_EQ(alpha.at("selector"), "--kitty_suite=Alpha");
  EXPECT_EQ(alpha.at("tests"), 3);
  EXPECT_EQ(alpha.at("enabled"), 2);
  EXPECT_EQ(alpha.at("files"), json::array({"a_test.cpp", "sub/b_test.cpp"}));
}

// A split file's pieces carry "split" and "file"; whole files' units do not.
TEST(WriteListing, SplitUnitsNameTheirFileAndHowItIsSplit) {
  const Catalog catalog = listing_catalog();
  const Result<Units> units = make_units(
      catalog, Granularity::kFile, "/src/tests", {},
      {{kUnicodeFile, Granularity::kTest}, {"@up1/gen/p_test.cpp", Granularity::kSuite}});
  ASSERT_TRUE(units) << units.failure().message;
  std::ostringstream out;
  write_listing(out, catalog, *units, Granularity::kFile, "/src/tests");
  const Strings lines = split_lines(out.str());
  ASSERT_EQ(lines.size(), size_t{1 + 4 + 3});
  for (const std::string& line : lines) EXPECT_TRUE(is_printable_ascii(line)) << line;

  const json whole = json::parse(lines[5]);
  EXPECT_FALSE(whole.contains("split"));
  EXPECT_EQ(whole.at("selector"), "--kitty_file=a_test.cpp");

  const std::string unicode_name =
      "\xc3\xbcn\xc3\xaf c\xc3\xb4"
      "de_test.cpp";
  const json by_test = json::parse(lines[6]);
  EXPECT_EQ(by_test.at("unit"), unicode_name + ":Typed/0.Works");
  EXPECT_EQ(by_test.at("selector"), "--kitty_test=Typed/0.Works");
  EXPECT_EQ(by_test.at("split"), "test");
  EXPECT_EQ(by_test.at("file"), unicode_name);
  EXPECT_EQ(by_test.at("files"), json::array({unicode_name}));

  const json by_suite = json::parse(lines[7]);
  EXPECT_EQ(by_suite.at("unit"), "@up1/gen/p_test.cpp:Values/Param");
  EXPECT_EQ(by_suite.at("selector"), "--kitty_suite=Values/Param");
  EXPECT_EQ(by_suite.at("split"), "suite");
  EXPECT_EQ(by_suite.at("file"), "@up1/gen/p_test.cpp");
}

TEST(WriteListing, EmptyCatalogIsJustTheHeader) {
  std::ostringstream out;
  write_listing(out, {}, Units{}, Granularity::kTest, "");
  EXPECT_EQ(out.str(),
            "{\"kitty_listing\":1,\"granularity\":\"test\",\"root\":\"\",\"tests\":0,\"units\":0}"
            "\n");
}

}  // namespace
}  // namespace kitty::internal
