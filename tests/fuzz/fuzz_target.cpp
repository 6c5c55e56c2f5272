// libFuzzer entry point for one target of fuzzharness.h, chosen at compile time
// (-DFSR_FUZZ_TARGET=\"csv\"); bench/fuzz/build.sh builds one binary per target.
#include "fuzz/fuzzharness.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#ifndef FSR_FUZZ_TARGET
#error "define FSR_FUZZ_TARGET to a target name of fuzzharness.h"
#endif
#ifndef FSR_FIXTURES_DIR
#error "define FSR_FIXTURES_DIR to tests/fixtures"
#endif

namespace {

const fsr::fuzz::Target* g_target = nullptr;
std::filesystem::path g_work;

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    g_target = fsr::fuzz::findTarget(FSR_FUZZ_TARGET);
    if (!g_target) {
        std::fprintf(stderr, "unknown fuzz target %s\n", FSR_FUZZ_TARGET);
        std::abort();
    }
    // A private folder per process: several fuzzers may run at once.
    std::string pattern = (std::filesystem::temp_directory_path() / "fsr-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data()) || !fsr::fuzz::prepareFolder(*g_target, FSR_FIXTURES_DIR, pattern)) {
        std::fprintf(stderr, "cannot prepare a work folder\n");
        std::abort();
    }
    g_work = pattern;
    std::atexit([] {
        std::error_code ec;
        std::filesystem::remove_all(g_work, ec);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string why;
    if (!fsr::fuzz::runInput(*g_target, g_work, data, size, &why)) {
        // Not (yet) a crash, but a broken promise: make libFuzzer keep the input.
        std::fprintf(stderr, "fuzz target %s: %s\n", g_target->name, why.c_str());
        std::abort();
    }
    return 0;
}
