#pragma once
// Precompiled for every core translation unit: torch is expensive to parse (~20 s per file).
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>
