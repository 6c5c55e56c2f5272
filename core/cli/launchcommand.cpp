#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace fsr::cli {

namespace {

using namespace std::chrono_literals;

// Once a rank has failed, the others normally notice at their next collective and stop on
// their own within seconds; ranks still running after this are stopped.
constexpr auto kStopGrace = 60s;
// The port PyTorch's launchers use when none is given.
constexpr int kDefaultPort = 29500;

struct LaunchOptions {
    int ranks = 2;
    std::string masterAddress = "127.0.0.1";
    int masterPort = 0;
    bool print = false;
    std::vector<std::string> command;
};

std::atomic<bool> g_terminate {false};

extern "C" void onTerminate(int)
{
    g_terminate.store(true);
}

/// A free TCP port on loopback, for a run on one machine.
int freeLoopbackPort()
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return kDefaultPort;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    int port = kDefaultPort;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0
        && getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    close(fd);
    return port;
}

/// The rank's command: `fsr` means this program, and --distributed is added when missing.
std::vector<std::string> rankCommand(const std::vector<std::string>& command, bool resolveSelf)
{
    std::vector<std::string> out = command;
    if (resolveSelf && out.front() == "fsr") {
        std::error_code ec;
        const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
        if (!ec)
            out.front() = self.string();
    }
    if (std::find(out.begin(), out.end(), "--distributed") == out.end())
        out.push_back("--distributed");
    return out;
}

std::string shellQuoted(const std::string& word)
{
    if (!word.empty()
        && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@")
            == std::string::npos)
        return word;
    std::string quoted = "'";
    for (char c : word)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::vector<std::string> rankEnvironment(const LaunchOptions& options, int port, int rank)
{
    std::vector<std::string> env;
    for (char** at = environ; *at; ++at) {
        const std::string entry = *at;
        const std::string name = entry.substr(0, entry.find('='));
        if (name != "MASTER_ADDR" && name != "MASTER_PORT" && name != "WORLD_SIZE" && name != "RANK")
            env.push_back(entry);
    }
    env.push_back("MASTER_ADDR=" + options.masterAddress);
    env.push_back("MASTER_PORT=" + std::to_string(port));
    env.push_back("WORLD_SIZE=" + std::to_string(options.ranks));
    env.push_back("RANK=" + std::to_string(rank));
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& words)
{
    std::vector<char*> out;
    for (std::string& word : words)
        out.push_back(word.data());
    out.push_back(nullptr);
    return out;
}

/// How a rank ended, as the exit code it stands for and words for the message.
std::pair<int, std::string> describeEnd(int status)
{
    if (WIFEXITED(status))
        return {WEXITSTATUS(status), "exited with code " + std::to_string(WEXITSTATUS(status))};
    const int signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    return {static_cast<int>(ExitCode::RunFailed),
            "was killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")"};
}

void printCommands(Context& context, const LaunchOptions& options)
{
    const int port = options.masterPort > 0 ? options.masterPort : kDefaultPort;
    auto& out = *context.out;
    out << "# One line per rank, each on its machine with the same config and dataset. Rank 0 holds the\n"
        << "# store at " << options.masterAddress << ":" << port << " and stores the run; every rank must reach\n"
        << "# that address, and the ranks connect to each other too (GLOO_SOCKET_IFNAME picks the interface).\n";
    for (int rank = 0; rank < options.ranks; ++rank) {
        out << "MASTER_ADDR=" << shellQuoted(options.masterAddress) << " MASTER_PORT=" << port
            << " WORLD_SIZE=" << options.ranks << " RANK=" << rank;
        for (const std::string& word : rankCommand(options.command, false))
            out << ' ' << shellQuoted(word);
        out << '\n';
    }
}

void runLaunch(Context& context, const LaunchOptions& options)
{
    if (options.command.empty())
        return reportError(context,
                           {"launch: give the command after --, e.g. fsr launch -n 2 -- fsr run --config "
                            "C.json",
                            ExitCode::Usage});
    if (options.print)
        return printCommands(context, options);

    const int port = options.masterPort > 0 ? options.masterPort : freeLoopbackPort();
    // Ctrl-C reaches every rank from the terminal; SIGTERM to the launcher is passed on.
    struct sigaction ignore {
    }, terminate {}, previousInt {}, previousTerm {};
    ignore.sa_handler = SIG_IGN;
    terminate.sa_handler = onTerminate;
    sigemptyset(&ignore.sa_mask);
    sigemptyset(&terminate.sa_mask);
    sigaction(SIGINT, &ignore, &previousInt);
    sigaction(SIGTERM, &terminate, &previousTerm);
    g_terminate.store(false);

    struct Rank {
        pid_t pid = 0;
        bool running = false;
        int code = 0;
    };
    std::vector<Rank> ranks(static_cast<std::size_t>(options.ranks));
    auto stopAll = [&](int signal) {
        for (const Rank& rank : ranks)
            if (rank.running)
                kill(rank.pid, signal);
    };
    for (int r = 0; r < options.ranks; ++r) {
        std::vector<std::string> argv = rankCommand(options.command, true);
        std::vector<std::string> env = rankEnvironment(options, port, r);
        auto argvPointers = pointers(argv), envPointers = pointers(env);
        pid_t pid = 0;
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        // The ranks keep Ctrl-C's default, not the launcher's "ignore".
        sigset_t defaults;
        sigemptyset(&defaults);
        sigaddset(&defaults, SIGINT);
        posix_spawnattr_setsigdefault(&attributes, &defaults);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
        const int error
            = posix_spawnp(&pid, argv.front().c_str(), nullptr, &attributes, argvPointers.data(), envPointers.data());
        posix_spawnattr_destroy(&attributes);
        if (error != 0) {
            *context.err << "fsr launch: cannot start rank " << r << " (" << argv.front()
                         << "): " << std::strerror(error) << '\n';
            stopAll(SIGTERM);
            ranks.resize(static_cast<std::size_t>(r));
            context.exitCode = static_cast<int>(ExitCode::RunFailed);
            break;
        }
        ranks[static_cast<std::size_t>(r)] = {pid, true, 0};
    }

    std::optional<std::chrono::steady_clock::time_point> failedAt;
    bool forwarded = false, stopped = false;
    auto running = [&] { return std::any_of(ranks.begin(), ranks.end(), [](const Rank& r) { return r.running; }); };
    while (running()) {
        int status = 0;
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            for (std::size_t r = 0; r < ranks.size(); ++r) {
                if (ranks[r].pid != pid || !ranks[r].running)
                    continue;
                ranks[r].running = false;
                const auto [code, words] = describeEnd(status);
                ranks[r].code = code;
                if (code != 0) {
                    *context.err << "fsr launch: rank " << r << " " << words << '\n';
                    failedAt = failedAt.value_or(std::chrono::steady_clock::now());
                }
            }
            continue;
        }
        if (g_terminate.load() && !forwarded) {
            stopAll(SIGTERM);
            forwarded = true;
        }
        if (failedAt && !stopped && std::chrono::steady_clock::now() - *failedAt > kStopGrace) {
            *context.err << "fsr launch: stopping the ranks still running "
                         << std::chrono::duration_cast<std::chrono::seconds>(kStopGrace).count()
                         << " s after the first failure\n";
            stopAll(SIGKILL);
            stopped = true;
        }
        std::this_thread::sleep_for(50ms);
    }
    sigaction(SIGINT, &previousInt, nullptr);
    sigaction(SIGTERM, &previousTerm, nullptr);

    // Rank 0's code says how the run ended (it stores the run); else the first failure's.
    if (context.exitCode == 0 && !ranks.empty()) {
        context.exitCode = ranks.front().code;
        for (const Rank& rank : ranks)
            if (context.exitCode == 0)
                context.exitCode = rank.code;
    }
}

} // namespace

void addLaunchCommand(CLI::App& app, Context& context)
{
    auto options = std::make_shared<LaunchOptions>();
    CLI::App* launch = app.add_subcommand(
        "launch", "Start N ranks of a data-parallel run on this machine (or print the commands for several)");
    launch->add_option("-n,--ranks", options->ranks, "Number of ranks (processes)")
        ->capture_default_str()
        ->check(wholeNumber(1, 1024));
    launch->add_option("--master-addr", options->masterAddress, "Address of rank 0, which holds the store")
        ->capture_default_str();
    launch
        ->add_option("--master-port", options->masterPort,
                     "Port of the store (default: a free one on loopback, "
                     "29500 with --print)")
        ->check(wholeNumber(0, 65535));
    launch->add_flag("--print", options->print,
                     "Print one command per rank for running across machines instead of starting them here");
    launch->add_option("command", options->command, "The rank's command, after --: fsr run --config C.json ...")
        ->required();
    launch->footer("Example: fsr launch -n 2 -- fsr run --config C.json");
    launch->callback([&context, options] { runLaunch(context, *options); });
}

} // namespace fsr::cli
