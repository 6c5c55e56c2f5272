#include "cli/cli.h"

#include "store/store.h"

#include <CLI/CLI.hpp>

#include <ostream>

namespace fsr::cli {

void addDbOption(CLI::App& command, Context& context)
{
    command.add_option("--db", context.dbPath, "SQLite database file (default: " + Store::defaultPath() + ")");
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
    return name == "run" || name == "runs" || name == "recommend" || name == "kinds";
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
