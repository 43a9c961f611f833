#include "cli/model/shard_proof.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <map>
#include <set>

#include "cli/model/shard_outputs.h"

namespace kitty::cli {
namespace {

std::string plan_of(const ShardManifest& manifest) {
  return manifest.costs_digest ? fmt::format("plan {}, cost file {} ({})", manifest.plan,
                                             *manifest.costs_file, *manifest.costs_digest)
                               : fmt::format("plan {}, no cost file", manifest.plan);
}

// The jobs are one plan's: the same N, registrations and plan; each index once.
void check_jobs(const std::vector<ShardOutput>& outputs, std::vector<std::string>& faults) {
  const ShardManifest& first = outputs.front().manifest;
  std::map<int, std::string> dir_of;
  for (const ShardOutput& output : outputs) {
    const ShardManifest& manifest = output.manifest;
    if (manifest.total != first.total) {
      faults.push_back(fmt::format("{} is one of {} jobs, {} one of {}", output.dir, manifest.total,
                                   outputs.front().dir, first.total));
      continue;
    }
    if (const auto [at, added] = dir_of.emplace(manifest.index, output.dir); !added) {
      faults.push_back(fmt::format("{} is in two outputs: {} and {}",
                                   shard_job_name(manifest.index, manifest.total), at->second,
                                   output.dir));
    }
    if (manifest.registered != first.registered) {
      faults.push_back(
          fmt::format("{} and {} saw different registered tests (built from other "
                      "sources?)",
                      output.dir, outputs.front().dir));
    } else if (manifest.plan != first.plan || manifest.costs_digest != first.costs_digest) {
      faults.push_back(fmt::format("{} planned differently: {}; {} followed {}", output.dir,
                                   plan_of(manifest), outputs.front().dir, plan_of(first)));
    }
    if (!manifest.ctest) {
      faults.push_back(fmt::format("{} did not finish ({} has no ctest result: killed?)",
                                   shard_job_name(manifest.index, manifest.total), output.dir));
    }
  }
  for (int index = 0; index < first.total; ++index) {
    if (!dir_of.count(index)) {
      faults.push_back(fmt::format("job {} of {} (--index {}) left no output: its tests never ran",
                                   index + 1, first.total, index));
    }
  }
}

// Each job's ctest ran every test of its share; a test in two shares, or in
// none, is a plan that does not add up.
void check_shares(const std::vector<ShardOutput>& outputs, std::vector<std::string>& faults) {
  std::map<std::string, std::vector<int>> jobs_of;
  for (const ShardOutput& output : outputs) {
    std::set<std::string> ran;
    for (const CtestCase& test : output.ctest_cases) {
      if (test.status != CtestStatus::kNotRun) ran.insert(test.name);
    }
    std::vector<std::string> not_run;
    for (const std::string& name : output.manifest.share) {
      jobs_of[name].push_back(output.manifest.index + 1);
      if (output.manifest.ctest && !ran.erase(name)) not_run.push_back(name);
    }
    for (const std::string& name : ran) {  // a test that is not kitty's leaves no record
      faults.push_back(fmt::format("{} ran {}, which is not in its share",
                                   shard_job_name(output.manifest.index, output.manifest.total),
                                   name));
    }
    if (!not_run.empty()) {
      faults.push_back(fmt::format("{} did not run {} of its share: {}",
                                   shard_job_name(output.manifest.index, output.manifest.total),
                                   not_run.size(), fmt::join(not_run, ", ")));
    }
  }
  for (const std::string& name : outputs.front().manifest.registered) {
    const auto found = jobs_of.find(name);
    if (found == jobs_of.end()) {
      faults.push_back(fmt::format("{} is in no job's share", name));
    } else if (found->second.size() > 1) {
      faults.push_back(
          fmt::format("{} is in the shares of jobs {}", name, fmt::join(found->second, ", ")));
    }
  }
}

// What the jobs' processes executed, by unit; a unit executed by two jobs is
// run twice or split between them; a process outside its job's share is a
// job that ran more than its plan.
struct Executed {
  std::map<std::string, std::vector<std::string>> tests_of_unit;  // in the order run
  std::map<std::string, std::set<int>> jobs_of_unit;
};

Executed executed_of(const std::vector<ShardOutput>& outputs, std::vector<std::string>& faults) {
  Executed executed;
  for (const ShardOutput& output : outputs) {
    const std::set<std::string> share(output.manifest.share.begin(), output.manifest.share.end());
    std::set<std::string> outside;
    for (const ProcessRecord& record : output.records) {
      if (!share.count(record.name)) outside.insert(record.name);
      executed.jobs_of_unit[record.name].insert(output.manifest.index + 1);
      for (const RecordedTest& test : record.tests) {
        if (test.iteration == 0) executed.tests_of_unit[record.name].push_back(test.name);
      }
    }
    for (const std::string& name : outside) {
      faults.push_back(fmt::format("{} ran {}, which is not in its share",
                                   shard_job_name(output.manifest.index, output.manifest.total),
                                   name));
    }
  }
  for (const auto& [unit, jobs] : executed.jobs_of_unit) {
    if (jobs.size() < 2) continue;
    // Split: each job ran part of the unit; twice: a test ran in two jobs.
    std::map<std::string, int> runs;
    for (const std::string& test : executed.tests_of_unit[unit]) ++runs[test];
    bool twice = false;
    for (const auto& [test, count] : runs) twice = twice || count > 1;
    faults.push_back(fmt::format("{} {} jobs {}", unit, twice ? "ran in" : "was split between",
                                 fmt::join(jobs, ", ")));
  }
  return executed;
}

}  // namespace

bool ShardProof::holds() const {
  if (!faults.empty()) return false;
  for (const auto& [binary, report] : binaries) {
    if (!report.equivalent()) return false;
  }
  return true;
}

ShardProof prove_shards(const std::vector<ShardOutput>& outputs) {
  ShardProof proof;
  if (outputs.empty()) {
    proof.faults.push_back("no shard outputs were given");
    return proof;
  }
  check_jobs(outputs, proof.faults);
  check_shares(outputs, proof.faults);
  const Executed executed = executed_of(outputs, proof.faults);

  // The serial side: the first job's listing (the others listed the same
  // binaries, unless they were built differently: said by the registered check).
  const ShardManifest& first = outputs.front().manifest;
  for (size_t b = 0; b < first.binaries.size(); ++b) {
    const ListedBinary& binary = first.binaries[b];
    std::set<std::string> quarantined;
    std::vector<SelectedTests> units;
    for (const ManifestUnit& unit : first.units) {
      if (unit.binary != static_cast<int>(b)) continue;
      if (unit.quarantined) quarantined.insert(unit.tests.begin(), unit.tests.end());
      const auto found = executed.tests_of_unit.find(unit.name);
      if (found != executed.tests_of_unit.end()) units.push_back({unit.name, found->second});
    }
    SelectedTests serial{"serial", {}};
    for (const std::string& test : binary.tests) {
      if (!quarantined.count(test)) serial.tests.push_back(test);
    }
    proof.binaries.emplace_back(fmt::format("{}", fmt::join(binary.command, " ")),
                                compare_selections(serial, units));
  }
  // Processes of units no job's manifest knows (a binary run by hand into
  // a job's records): their tests are extra.
  std::set<std::string> known;
  for (const ManifestUnit& unit : first.units) known.insert(unit.name);
  for (const auto& [unit, tests] : executed.tests_of_unit) {
    if (!known.count(unit)) {
      proof.faults.push_back(
          fmt::format("{} is no registered kitty unit, yet ran {}", unit, fmt::join(tests, ", ")));
    }
  }
  return proof;
}

Expected<ShardOutput> read_shard_output(const std::string& dir) {
  ShardOutput output;
  output.dir = dir;
  KITTY_TRY(output.manifest, read_manifest(dir));
  const std::string records = dir + "/records";
  if (std::filesystem::is_directory(records)) {
    KITTY_TRY(output.records, read_run_records(records));
  }
  if (!output.manifest.share.empty() && output.manifest.ctest) {
    Expected<std::vector<CtestCase>> cases = read_ctest_junit(dir + "/junit.xml");
    if (!cases) {
      return fail(fmt::format("{}: {} ran but its ctest report cannot be read: {}", dir,
                              shard_job_name(output.manifest.index, output.manifest.total),
                              cases.error().message),
                  1);
    }
    output.ctest_cases = std::move(*cases);
  }
  return output;
}

}  // namespace kitty::cli
