#include "cli/adapters/ctest_junit.h"

#include <fmt/format.h>
#include <pugixml.hpp>

namespace kitty::cli {

Expected<std::vector<CtestCase>> read_ctest_junit(const std::string& path) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_file(path.c_str());
  if (!parsed)
    return fail(fmt::format("cannot read ctest's JUnit {}: {}", path, parsed.description()));
  const pugi::xml_node suite = document.child("testsuite");
  if (!suite) return fail(fmt::format("{} is not ctest's JUnit report (no <testsuite>)", path));
  std::vector<CtestCase> cases;
  for (const pugi::xml_node& node : suite.children("testcase")) {
    CtestCase test;
    test.name = node.attribute("name").value();
    test.seconds = node.attribute("time").as_double();
    test.output = node.child("system-out").text().get();
    const std::string status = node.attribute("status").value();
    if (status == "run") {
      test.status = CtestStatus::kPassed;
    } else if (status == "fail") {
      test.status = CtestStatus::kFailed;
    } else if (status == "disabled") {
      test.status = CtestStatus::kDisabled;
    } else if (status == "notrun") {
      const std::string why = node.child("skipped").attribute("message").value();
      test.status = why.rfind("SKIP_", 0) == 0 ? CtestStatus::kSkipped : CtestStatus::kNotRun;
    } else {
      return fail(fmt::format("{}: test {} has an unknown status '{}'", path, test.name, status));
    }
    cases.push_back(std::move(test));
  }
  return cases;
}

}  // namespace kitty::cli
