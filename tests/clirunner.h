#pragma once
// Runs the real `fsr` binary (FSR_CLI, set by tests/CMakeLists.txt) as a user's shell would, for
// the tests of exit codes, output contracts and crash safety.

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace fsrtest {

struct CliOutcome {
    int exitCode = -1; ///< -1: crashed or timed out
    QByteArray out;
    QByteArray err;
};

inline QString cliPath()
{
    return qEnvironmentVariable("FSR_CLI");
}

inline CliOutcome runFsr(const QStringList& arguments, int timeoutMs = 120000,
                         const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(cliPath(), arguments);
    CliOutcome outcome;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        outcome.err = "timed out";
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

/// Exit code and both streams for a failure message (long outputs cut to their start).
inline QByteArray describe(const CliOutcome& outcome)
{
    return "exit " + QByteArray::number(outcome.exitCode) + "\nstdout: " + outcome.out.left(2000)
        + "\nstderr: " + outcome.err.left(2000);
}

} // namespace fsrtest
