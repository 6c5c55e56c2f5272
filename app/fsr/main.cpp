#include "cli/cli.h"

#include <iostream>

int main(int argc, char** argv)
{
    return fsr::cli::runCli(argc, argv, std::cout, std::cerr);
}
