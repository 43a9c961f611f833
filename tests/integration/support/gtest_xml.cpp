#include "gtest_xml.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <pugixml.hpp>

namespace kitty_it {

std::vector<ExecutedTest> executed_tests(const std::string& xml_path) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_file(xml_path.c_str());
  if (!parsed) throw std::runtime_error("cannot read " + xml_path + ": " + parsed.description());
  std::vector<ExecutedTest> tests;
  for (const pugi::xpath_node& node : document.select_nodes("/testsuites/testsuite/testcase")) {
    const pugi::xml_node testcase = node.node();
    if (std::string(testcase.attribute("status").value()) != "run") continue;
    ExecutedTest test;
    test.name = std::string(testcase.attribute("classname").value()) + "." +
                testcase.attribute("name").value();
    test.file = testcase.attribute("file").value();
    test.result = testcase.attribute("result").value();
    test.failed = static_cast<bool>(testcase.child("failure"));
    tests.push_back(std::move(test));
  }
  return tests;
}

std::vector<std::string> xml_reports_below(const std::string& dir) {
  std::vector<std::string> reports;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".xml") {
      reports.push_back(entry.path().string());
    }
  }
  std::sort(reports.begin(), reports.end());
  return reports;
}

}  // namespace kitty_it
