#pragma once

#include "common/expected.h"

#include <cstdint>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
class Validator;
} // namespace CLI

namespace fsr::cli {

/// State shared by the subcommands of one `fsr` invocation.
struct Context {
    std::string dbPath; ///< --db; empty = Store::defaultPath()
    bool json = false;  ///< --json
    std::ostream* out = nullptr;
    std::ostream* err = nullptr;
    int exitCode = 0; ///< set by the subcommand that ran
};

/// import, generate, list, stats, delete, items.
void addDataCommands(CLI::App& app, Context& context);
/// run, runs, recommend, kinds.
void addRunCommands(CLI::App& app, Context& context);
/// launch: starts the ranks of a data-parallel `fsr run --distributed` (needs no torch itself).
void addLaunchCommand(CLI::App& app, Context& context);
/// kinds: the catalog (part of addRunCommands).
void addKindsCommand(CLI::App& app, Context& context);

/// Registers subcommands on the app (addDataCommands, addRunCommands, ...).
using CommandRegistrar = void (*)(CLI::App& app, Context& context);

/// The `fsr` command line with the data commands plus those `extraCommands` adds; returns the
/// process exit code (DESIGN.md, CLI contract).
int runCli(int argc, char** argv, std::ostream& out, std::ostream& err, CommandRegistrar extraCommands);

/// Subcommands that need the torch engine; the light `fsr` front end hands them to `fsr-engine`.
bool isEngineCommand(const std::string& name);

} // namespace fsr::cli

namespace fsr {
class Store;
}

namespace fsr::cli {

/// Adds `--db FILE` to a subcommand.
void addDbOption(CLI::App& command, Context& context);
/// Adds `--json` to a subcommand.
void addJsonOption(CLI::App& command, Context& context);
/// Opens the database the command line names (or the default one).
Expected<Store> openStore(const Context& context);
/// Prints `fsr: message` and records the error's exit code.
void reportError(Context& context, const Error& error);

/// A whole number in [low, high], checked as text before CLI11 converts it, so that a value
/// beyond the option's type is refused instead of clamped or wrapped ("-1" for an unsigned
/// seed). The message states the range as a person reads it: "in [1, 1000]", "at least 1".
CLI::Validator wholeNumber(int64_t low, int64_t high);
/// A whole number in [0, 2^64 - 1], for unsigned 64-bit options such as seeds.
CLI::Validator unsignedNumber();
/// A finite number >= low.
CLI::Validator numberAtLeast(double low);

} // namespace fsr::cli
