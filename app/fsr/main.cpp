// fsr: the light front end. Data commands run here without loading LibTorch; the commands that
// train or adapt models are handed to fsr-engine, which sits next to this binary.
#include "cli/cli.h"
#include "common/expected.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace {

/// Lists the engine's commands in `fsr --help`; they are never parsed here.
void addEngineCommandSummaries(CLI::App& app, fsr::cli::Context&)
{
    app.add_subcommand("run", "Run an experiment from a JSON config (see fsr run --help)")->allow_extras();
    app.add_subcommand("runs", "List the stored runs")->allow_extras();
    app.add_subcommand("recommend", "Adapt a stored run's model to a user and show the top-N")->allow_extras();
    app.add_subcommand("rerun", "Re-run a stored run and compare it with the original")->allow_extras();
    app.add_subcommand("kinds", "List the protocols, models and methods with their settings")->allow_extras();
}

int forwardToEngine(char** argv)
{
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const auto engine = (ec ? std::filesystem::path(argv[0]).parent_path() : self.parent_path()) / "fsr-engine";
    execv(engine.c_str(), argv);
    std::cerr << "fsr: cannot start " << engine.string() << ": " << std::strerror(errno) << '\n';
    return static_cast<int>(fsr::ExitCode::RunFailed);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1 && fsr::cli::isEngineCommand(argv[1]))
        return forwardToEngine(argv);
    return fsr::cli::runCli(argc, argv, std::cout, std::cerr, addEngineCommandSummaries);
}
