#include "process.h"

#include "cli/adapters/process.h"
#include "failure.h"

namespace kitty_bench {

// The tool's own process runner (cli/adapters/process.h), with the harness's
// one way to fail: a command that cannot start ends the run.
Finished run(const Launch& launch, bool merge_stderr) {
  if (launch.argv.empty()) throw Failure("an empty command");
  kitty::cli::ProcessOptions options;
  options.working_directory = launch.working_directory;
  options.merge_stderr = merge_stderr;
  for (const std::string& pair : launch.environment) {
    const size_t equals = pair.find('=');
    options.environment[pair.substr(0, equals)] =
        equals == std::string::npos ? "" : pair.substr(equals + 1);
  }
  const auto result = kitty::cli::run_program(launch.argv, options);
  if (!result) throw Failure(result.error().message);
  return Finished{result->exit_code, result->output};
}

}  // namespace kitty_bench
