// fsr-engine: the whole `fsr` command line including the commands that need LibTorch.
#include "cli/cli.h"

#include <iostream>

int main(int argc, char** argv)
{
    return fsr::cli::runCli(argc, argv, std::cout, std::cerr, fsr::cli::addRunCommands);
}
