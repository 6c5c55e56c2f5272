#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "common/expected.h"
#include "spec/distributed.h"

#include <torch/torch.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace fsr {

/// One rank of a data-parallel run, on PyTorch's own c10d: the ranks meet through a TCPStore
/// that rank 0 holds and sum gradients with ProcessGroupGloo. Every rank runs the same program
/// on the same data with the same seed, so shuffles and draws agree; each takes its part of
/// every step (rows of a batch, tasks of a meta-batch, users of the evaluation) and the
/// collectives make the parameters identical again after each step.
///
/// A collective that fails (another rank stopped, the network went away) throws
/// DistributedError naming the ranks that stopped answering.
class DataParallel {
public:
    /// Meets the other ranks. Errors: the store cannot be opened or reached within the timeout,
    /// or not every rank arrived (RunFailed, naming the address and what to check).
    static Expected<std::unique_ptr<DataParallel>> join(const DistributedSettings& settings);
    ~DataParallel();
    DataParallel(const DataParallel&) = delete;
    DataParallel& operator=(const DataParallel&) = delete;

    int rank() const { return m_settings.rank; }
    int worldSize() const { return m_settings.worldSize; }

    /// A rank's contiguous part [begin, end) of a step's `count` items and the weight of its
    /// mean loss (its share of the items), so the weighted parts add up to the whole step's
    /// mean. A rank left without items takes item 0 at weight 0: every rank then runs the same
    /// operations and meets the others in the same collectives.
    struct Part {
        std::size_t begin = 0;
        std::size_t end = 0;
        double weight = 1.0;
    };
    Part part(std::size_t count) const;
    /// This rank's contiguous range of `count` items (evaluation's users); may be empty.
    std::pair<std::size_t, std::size_t> range(std::size_t count) const;

    /// Sums the ranks' gradients of `params` (each rank's loss weighted by its Part) and their
    /// weighted losses; afterwards every rank holds the same gradients. Returns the summed loss.
    double sumGradients(const std::vector<torch::Tensor>& params, double loss, const std::string& during);
    /// The mean of every rank's `value` (the same on every rank: decisions such as early stopping
    /// then agree even where the ranks' arithmetic differs in the last bits).
    double mean(double value, const std::string& during);
    /// Every rank's `bytes`, in rank order.
    std::vector<std::string> allGather(const std::string& bytes, const std::string& during);
    /// Fails on every rank (BadInput) unless all ranks pass the same `fingerprint` of `what`.
    Status agree(const std::string& what, const std::string& fingerprint);

private:
    struct Connection;
    DataParallel(DistributedSettings settings, std::unique_ptr<Connection> connection);
    /// Finds out which ranks stopped answering and throws DistributedError naming them.
    [[noreturn]] void fail(const std::string& during, const std::exception& cause) const;

    DistributedSettings m_settings;
    std::unique_ptr<Connection> m_connection;
};

} // namespace fsr
