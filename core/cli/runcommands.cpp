#include "cli/cli.h"

#include <CLI/CLI.hpp>

namespace fsr::cli {

void addRunCommands(CLI::App&, Context&) {}

} // namespace fsr::cli
