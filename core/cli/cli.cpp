#include "cli/cli.h"

#include "common/text.h"
#include "store/store.h"

#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <ostream>

namespace fsr::cli {

void addDbOption(CLI::App& command, Context& context)
{
    // An empty --db (an unset shell variable) would silently mean the default database.
    command.add_option("--db", context.dbPath, "SQLite database file (default: " + Store::defaultPath() + ")")
        ->check(CLI::Validator(
            [](std::string& path) {
                return path.empty() ? std::string("must name a file; leave --db out for the default database")
                                    : std::string();
            },
            "FILE"));
}

namespace {

std::string rangeText(int64_t low, int64_t high)
{
    if (high == std::numeric_limits<int64_t>::max())
        return "at least " + std::to_string(low);
    return "in [" + std::to_string(low) + ", " + std::to_string(high) + "]";
}

std::string shown(const std::string& text)
{
    return "'" + text::abbreviated(text) + "'";
}

/// Whether `input` is exactly one decimal number of type T. from_chars takes plain decimal only:
/// no "0x10", no octal "010" read as 8, no spaces, and for an unsigned T no minus sign (which
/// strtoull would wrap around).
template <class T> bool decimal(const std::string& input, T& value)
{
    const char* end = input.data() + input.size();
    const auto result = std::from_chars(input.data(), end, value);
    return !input.empty() && result.ec == std::errc() && result.ptr == end;
}

} // namespace

CLI::Validator wholeNumber(int64_t low, int64_t high)
{
    const std::string range = rangeText(low, high);
    return CLI::Validator(
        [low, high, range](std::string& input) {
            int64_t value = 0;
            if (!decimal(input, value) || value < low || value > high)
                return shown(input) + " is not a whole number " + range;
            return std::string();
        },
        "INT " + range);
}

CLI::Validator unsignedNumber()
{
    return CLI::Validator(
        [](std::string& input) {
            uint64_t value = 0;
            if (!decimal(input, value))
                return shown(input) + " is not a whole number in [0, " + std::to_string(UINT64_MAX) + "]";
            return std::string();
        },
        "UINT");
}

CLI::Validator numberAtLeast(double low)
{
    const std::string range = "at least " + text::significant(low, 6);
    return CLI::Validator(
        [low, range](std::string& input) {
            char* end = nullptr;
            const double value = std::strtod(input.c_str(), &end);
            if (input.empty() || end != input.c_str() + input.size() || !std::isfinite(value) || value < low)
                return shown(input) + " is not a number " + range;
            return std::string();
        },
        "NUMBER " + range);
}

void addJsonOption(CLI::App& command, Context& context)
{
    command.add_flag("--json", context.json, "Print machine-readable JSON");
}

Expected<Store> openStore(const Context& context)
{
    return Store::open(context.dbPath.empty() ? Store::defaultPath() : context.dbPath);
}

void reportError(Context& context, const Error& error)
{
    *context.err << "fsr: " << error.message << '\n';
    context.exitCode = static_cast<int>(error.code);
}

bool isEngineCommand(const std::string& name)
{
    return name == "run" || name == "runs" || name == "recommend" || name == "kinds" || name == "rerun";
}

int runCli(int argc, char** argv, std::ostream& out, std::ostream& err, CommandRegistrar extraCommands)
{
    Context context;
    context.out = &out;
    context.err = &err;
    CLI::App app("fsr: the Few-Shot Recommender Workbench without a window", "fsr");
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("fsr ") + FSR_VERSION);
    addDataCommands(app, context);
    addLaunchCommand(app, context);
    if (extraCommands)
        extraCommands(app, context);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Help and version are "errors" with code 0; every other parse failure is a usage error.
        const int code = app.exit(e, out, err);
        return code == 0 ? 0 : static_cast<int>(ExitCode::Usage);
    } catch (const SqliteError& e) {
        // Unexpected at this level: a database that fails mid-command (disk full, I/O error).
        err << "fsr: database error: " << e.what() << '\n';
        return static_cast<int>(ExitCode::BadInput);
    }
    return context.exitCode;
}

} // namespace fsr::cli
