#pragma once

#include <optional>
#include <string>
#include <utility>

namespace fsr {

/// Exit codes shared by the CLI and reported by core operations (DESIGN.md, CLI contract).
enum class ExitCode : int { Ok = 0, Usage = 2, BadInput = 3, RunFailed = 4, Cancelled = 130 };

/// An expected failure: a user-facing message and the exit code it maps to.
struct Error {
    std::string message;
    ExitCode code = ExitCode::BadInput;
};

/// A value or an Error. Expected failures (bad files, bad configs) travel as values, not exceptions.
template <typename T> class [[nodiscard]] Expected {
public:
    Expected(T value) : m_value(std::move(value)) { }
    Expected(Error error) : m_error(std::move(error)) { }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    T& value() { return *m_value; }
    const T& value() const { return *m_value; }
    T& operator*() { return *m_value; }
    const T& operator*() const { return *m_value; }
    T* operator->() { return &*m_value; }
    const T* operator->() const { return &*m_value; }
    const Error& error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

/// Success or an Error, for operations without a result value.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)), m_failed(true) { }
    static Status success() { return {}; }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

inline Error badInput(std::string message)
{
    return {std::move(message), ExitCode::BadInput};
}
inline Error cancelledError()
{
    return {"cancelled", ExitCode::Cancelled};
}

} // namespace fsr
