// nlohmann_json reports malformed text (parse), a missing field (.at) and a
// field of the wrong type (.get, .value) by throwing. The CLI reads JSON
// (ctest's --show-only document, the run records) only inside read_json,
// its one catch of those exceptions: they come back as an error.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <type_traits>

#include "cli/expected.h"

namespace kitty::cli {

// Runs `read` (returning an Expected) and returns what it returns; when
// nlohmann throws in it, the error describe(what nlohmann said) instead.
// `describe` is called after the throw, so it can name where the reading
// stopped (a line number `read` kept).
template <typename Read, typename Describe>
std::invoke_result_t<Read> read_json(Read&& read, Describe&& describe) {
  try {
    return read();
  } catch (const nlohmann::json::exception& error) {
    return fail(describe(std::string(error.what())));
  }
}

}  // namespace kitty::cli
