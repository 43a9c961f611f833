#include "cli/model/shard_manifest.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/adapters/json_reader.h"

namespace kitty::cli {
namespace {

nlohmann::json optional_text(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

std::optional<std::string> read_optional_text(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<std::string>();
}

}  // namespace

std::string manifest_path(const std::string& out_dir) { return out_dir + "/shard.json"; }

Expected<void> write_manifest(const std::string& out_dir, const ShardManifest& manifest) {
  nlohmann::json document = {
      {"format", kShardFormat},
      {"index", manifest.index},
      {"total", manifest.total},
      {"plan", manifest.plan},
      {"costs",
       {{"file", optional_text(manifest.costs_file)},
        {"digest", optional_text(manifest.costs_digest)}}},
      {"config", manifest.config},
      {"registered", manifest.registered},
      {"share", manifest.share},
  };
  nlohmann::json binaries = nlohmann::json::array();
  for (const ListedBinary& binary : manifest.binaries) {
    binaries.push_back({{"command", binary.command}, {"tests", binary.tests}});
  }
  document["binaries"] = std::move(binaries);
  nlohmann::json units = nlohmann::json::object();
  for (const ManifestUnit& unit : manifest.units) {
    units[unit.name] = {{"binary", unit.binary}, {"file", unit.file}};
    if (unit.quarantined) {
      units[unit.name]["quarantined"] = true;
      units[unit.name]["tests"] = unit.tests;
    }
  }
  document["units"] = std::move(units);
  document["ctest"] = manifest.ctest ? nlohmann::json{{"exit_code", manifest.ctest->exit_code},
                                                      {"seconds", manifest.ctest->seconds}}
                                     : nlohmann::json(nullptr);

  document["reports"] = manifest.reports;

  const std::string path = manifest_path(out_dir);
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    // Invalid UTF-8 in a name is replaced, not thrown over: the names come
    // from ctest and the binaries, and the manifest must still be written.
    out << document.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    out.close();
    if (!out) return fail(fmt::format("cannot write {}", partial));
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) return fail(fmt::format("cannot write {}: {}", path, error.message()));
  return {};
}

Expected<ShardManifest> read_manifest(const std::string& out_dir) {
  const std::string path = manifest_path(out_dir);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(fmt::format("{} has no shard.json: not the output of gtest-kitty shard", out_dir),
                1);
  }
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json document = nlohmann::json::parse(text.str(), nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return fail(fmt::format("{} is not JSON (truncated?)", path), 1);
  }
  return read_json(
      [&]() -> Expected<ShardManifest> {
        if (document.value("format", std::string()) != kShardFormat) {
          return fail(fmt::format("{} is not a {} manifest", path, kShardFormat), 1);
        }
        ShardManifest manifest;
        manifest.index = document.at("index").get<int>();
        manifest.total = document.at("total").get<int>();
        manifest.plan = document.at("plan").get<std::string>();
        manifest.costs_file = read_optional_text(document.at("costs").at("file"));
        manifest.costs_digest = read_optional_text(document.at("costs").at("digest"));
        manifest.config = document.at("config").get<std::string>();
        manifest.registered = document.at("registered").get<std::vector<std::string>>();
        manifest.share = document.at("share").get<std::vector<std::string>>();
        for (const nlohmann::json& binary : document.at("binaries")) {
          manifest.binaries.push_back({binary.at("command").get<std::vector<std::string>>(),
                                       binary.at("tests").get<std::vector<std::string>>()});
        }
        for (const auto& [name, unit] : document.at("units").items()) {
          ManifestUnit read{name,
                            unit.at("binary").get<int>(),
                            unit.at("file").get<std::string>(),
                            unit.value("quarantined", false),
                            {}};
          if (read.quarantined) read.tests = unit.at("tests").get<std::vector<std::string>>();
          manifest.units.push_back(std::move(read));
        }
        if (const nlohmann::json& ctest = document.at("ctest"); !ctest.is_null()) {
          manifest.ctest =
              CtestRun{ctest.at("exit_code").get<int>(), ctest.at("seconds").get<double>()};
        }
        if (document.contains("reports")) {
          manifest.reports = document.at("reports").get<std::map<std::string, std::string>>();
        }
        if (manifest.total < 1 || manifest.index < 0 || manifest.index >= manifest.total) {
          return fail(fmt::format("{}: index {} is not within the {} shards", path, manifest.index,
                                  manifest.total),
                      1);
        }
        const std::set<std::string> registered(manifest.registered.begin(),
                                               manifest.registered.end());
        for (const std::string& name : manifest.share) {
          if (!registered.count(name)) {
            return fail(fmt::format("{}: its share names {}, which is not registered", path, name),
                        1);
          }
        }
        for (const ManifestUnit& unit : manifest.units) {
          if (unit.binary < 0 || unit.binary >= std::ssize(manifest.binaries)) {
            return fail(fmt::format("{}: unit {} names no listed binary", path, unit.name), 1);
          }
        }
        return manifest;
      },
      [&](const std::string& what) { return fmt::format("{} is malformed: {}", path, what); });
}

}  // namespace kitty::cli
