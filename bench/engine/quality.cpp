// Quality sweep: trains model + method pairs on a dataset folder under a protocol and prints MAE
// (and RMSE) per support size, so the quality bars can be checked outside the GUI.
//
//   fsr_quality DATASET_DIR FORMAT PROTOCOL model:method[:key=value,...] ...
// e.g. fsr_quality datasets/movietweetings-100k movietweetings user-cold-start bias-foldin:none biased-mf:maml

#include "experiment/learnerfactory.h"
#include "fewshot/protocol.h"
#include "io/importer.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

using namespace fsr;

namespace {

void applyOption(ExperimentConfig& c, const std::string& key, const std::string& value)
{
    const double v = std::atof(value.c_str());
    if (key == "dim")
        c.model.dim = static_cast<int>(v);
    else if (key == "hidden")
        c.model.hidden = static_cast<int>(v);
    else if (key == "layers")
        c.model.layers = static_cast<int>(v);
    else if (key == "heads")
        c.model.heads = static_cast<int>(v);
    else if (key == "epochs")
        c.train.epochs = static_cast<int>(v);
    else if (key == "lr")
        c.train.lr = v;
    else if (key == "wd")
        c.train.weightDecay = v;
    else if (key == "batch")
        c.train.batchSize = static_cast<int>(v);
    else if (key == "inner_lr")
        c.method.innerLr = v;
    else if (key == "inner_steps")
        c.method.innerSteps = static_cast<int>(v);
    else if (key == "scope")
        c.method.scope = value;
    else if (key == "meta_batch")
        c.method.metaBatch = static_cast<int>(v);
    else if (key == "lambda")
        c.method.lambda = v;
    else if (key == "alpha")
        c.method.alpha = v;
    else if (key == "seed")
        c.seed = (unsigned long long)v;
    else
        std::fprintf(stderr, "unknown option %s\n", key.c_str());
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 5) {
        std::fprintf(stderr, "usage: fsr_quality DIR FORMAT PROTOCOL model:method[:k=v,...]...\n");
        return 2;
    }
    ImportRequest request;
    request.format = *parseImportFormat(argv[2]);
    request.path = argv[1];
    auto report = importDataset("data", request);
    if (!report) {
        std::fprintf(stderr, "%s\n", report.error().message.c_str());
        return 3;
    }
    const Dataset& data = report->data;
    ExperimentConfig base;
    base.protocol.kind = argv[3];
    if (base.protocol.kind == "warm")
        base.protocol.supportSizes = {kSupportAll};
    auto split = makeSplit(data, base.protocol, base.seed);
    if (!split) {
        std::fprintf(stderr, "%s\n", split.error().message.c_str());
        return 3;
    }
    std::printf("%zu ratings, %zu train rows, %zu train tasks, %zu test tasks\n", data.ratingCount(),
                split->trainRatings.size(), split->trainTasks.size(), split->testTasks.size());
    for (int a = 4; a < argc; ++a) {
        std::string spec = argv[a];
        ExperimentConfig c = base;
        std::stringstream ss(spec);
        std::string part;
        std::getline(ss, c.model.kind, ':');
        std::getline(ss, c.method.kind, ':');
        while (std::getline(ss, part, ',')) {
            const auto eq = part.find('=');
            if (eq != std::string::npos)
                applyOption(c, part.substr(0, eq), part.substr(eq + 1));
        }
        auto learner = makeLearner(c, data);
        if (!learner) {
            std::printf("%-40s error: %s\n", spec.c_str(), learner.error().message.c_str());
            continue;
        }
        NullProgressSink sink;
        const auto t0 = std::chrono::steady_clock::now();
        auto status = (*learner)->train(*split, sink);
        const auto t1 = std::chrono::steady_clock::now();
        if (!status) {
            std::printf("%-40s error: %s\n", spec.c_str(), status.error().message.c_str());
            continue;
        }
        std::printf("%-40s train %.1fs |", spec.c_str(), std::chrono::duration<double>(t1 - t0).count());
        std::vector<int> sizes = split->supportSizes;
        sizes.insert(sizes.begin(), 0); // 0 = before adaptation
        for (int k : sizes) {
            double ae = 0, se = 0;
            long n = 0;
            for (const auto& task : split->testTasks) {
                const size_t len = k == kSupportAll || k == 0 ? task.support.size()
                                                              : std::min(task.support.size(), static_cast<size_t>(k));
                std::vector<int32_t> support(task.support.begin(), task.support.begin() + static_cast<long>(len));
                std::vector<int32_t> targets;
                for (int32_t row : task.query)
                    targets.push_back(base.protocol.kind == "item-cold-start" ? data.ratingUser[row]
                                                                              : data.ratingItem[row]);
                auto result = (*learner)->predict(support, targets, k != 0);
                for (size_t i = 0; i < task.query.size(); ++i) {
                    const double err = result.scores[i] - data.ratingValue[task.query[i]];
                    ae += std::abs(err);
                    se += err * err;
                    ++n;
                }
            }
            std::printf(" %s %.4f/%.4f",
                        k == 0                 ? "K0"
                            : k == kSupportAll ? "all"
                                               : ("K" + std::to_string(k)).c_str(),
                        ae / n, std::sqrt(se / n));
        }
        std::printf("  [eval %.1fs]\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count());
        std::fflush(stdout);
    }
    return 0;
}
