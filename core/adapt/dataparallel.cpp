#include "adapt/dataparallel.h"

// TorchConfig.cmake defines USE_C10D_GLOO where LibTorch has Gloo; its headers come from
// libgloo-dev (Debian) or the wheel's include folder.
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace fsr {

namespace {

using namespace std::chrono_literals;

// A collective waits this long for a slow rank before giving up: long enough for one rank's
// share of a large evaluation to finish while rank 0 waits for it. A rank that dies is noticed
// at once (its connections close), not after this.
constexpr std::chrono::minutes kCollectiveTimeout {30};
// After a failure, how long a rank waits for the others to report that they are still there.
constexpr std::chrono::seconds kFailureGrace {3};

std::string rankText(int rank)
{
    return "rank " + std::to_string(rank);
}

/// The device Gloo binds: the interface GLOO_SOCKET_IFNAME names (as PyTorch reads it), loopback
/// for a run on one machine, else the address this host's name resolves to.
std::shared_ptr<::gloo::transport::Device> glooDevice(const std::string& masterAddress)
{
    if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
        return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
    if (masterAddress == "127.0.0.1" || masterAddress == "localhost" || masterAddress == "::1")
        return c10d::ProcessGroupGloo::createDeviceForHostname(masterAddress);
    return c10d::ProcessGroupGloo::createDefaultDevice();
}

} // namespace

struct DataParallel::Connection {
    c10::intrusive_ptr<c10d::TCPStore> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
};

DataParallel::DataParallel(DistributedSettings settings, std::unique_ptr<Connection> connection)
    : m_settings(std::move(settings))
    , m_connection(std::move(connection))
{
}

DataParallel::~DataParallel() = default;

Expected<std::unique_ptr<DataParallel>> DataParallel::join(const DistributedSettings& settings)
{
    const std::string where = settings.masterAddress + ":" + std::to_string(settings.masterPort);
    const std::string timeout = std::to_string(settings.storeTimeoutSeconds) + " s";
    auto connection = std::make_unique<Connection>();
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(settings.masterPort);
    options.isServer = settings.rank == 0;
    options.numWorkers = static_cast<std::size_t>(settings.worldSize);
    // Arrivals are counted below instead: the store's own wait for workers has no deadline.
    options.waitWorkers = false;
    options.timeout = std::chrono::seconds(settings.storeTimeoutSeconds);
    try {
        connection->store = c10::make_intrusive<c10d::TCPStore>(settings.masterAddress, options);
    } catch (const std::exception& e) {
        const std::string cause = c10::GetExceptionString(e);
        if (settings.rank == 0)
            return Error {"rank 0 could not hold the store at " + where + ": is the port free? ("
                              + cause.substr(0, cause.find('\n')) + ")",
                          ExitCode::RunFailed};
        return Error {rankText(settings.rank) + " could not reach the store at " + where + " within " + timeout
                          + ": is rank 0 running there (MASTER_ADDR, MASTER_PORT)?",
                      ExitCode::RunFailed};
    }
    try {
        auto& store = *connection->store;
        int64_t arrived = store.add("joined", 1);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(settings.storeTimeoutSeconds);
        while (arrived < settings.worldSize && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(50ms);
            arrived = store.add("joined", 0);
        }
        if (arrived < settings.worldSize)
            return Error {rankText(settings.rank) + ": only " + std::to_string(arrived) + " of "
                              + std::to_string(settings.worldSize) + " ranks reached the store at " + where + " within "
                              + timeout + "; start every rank with the same MASTER_ADDR, MASTER_PORT "
                              + "and WORLD_SIZE",
                          ExitCode::RunFailed};
    } catch (const std::exception& e) {
        const std::string cause = c10::GetExceptionString(e);
        return Error {rankText(settings.rank) + " lost the store at " + where + " while waiting for the other ranks ("
                          + cause.substr(0, cause.find('\n')) + ")",
                      ExitCode::RunFailed};
    }
    try {
        auto groupOptions = c10d::ProcessGroupGloo::Options::create(kCollectiveTimeout);
        groupOptions->devices.push_back(glooDevice(settings.masterAddress));
        connection->group = c10::make_intrusive<c10d::ProcessGroupGloo>(connection->store, settings.rank,
                                                                        settings.worldSize, groupOptions);
    } catch (const std::exception& e) {
        const std::string cause = c10::GetExceptionString(e);
        return Error {rankText(settings.rank) + " reached the store at " + where
                          + " but could not connect to the other ranks (" + cause.substr(0, cause.find('\n')) + ")",
                      ExitCode::RunFailed};
    }
    return std::unique_ptr<DataParallel>(new DataParallel(settings, std::move(connection)));
}

DataParallel::Part DataParallel::part(std::size_t count) const
{
    const auto [begin, end] = range(count);
    if (begin == end)
        return {0, std::min<std::size_t>(1, count), 0.0};
    return {begin, end, static_cast<double>(end - begin) / static_cast<double>(count)};
}

std::pair<std::size_t, std::size_t> DataParallel::range(std::size_t count) const
{
    const auto ranks = static_cast<std::size_t>(worldSize()), me = static_cast<std::size_t>(rank());
    return {count * me / ranks, count * (me + 1) / ranks};
}

namespace {

/// Appends a row-sparse gradient (undefined: no rows) as its row count, row indices and rows.
void appendRows(std::string& out, const torch::Tensor& sparse)
{
    const int64_t count = sparse.defined() ? sparse._nnz() : 0;
    out.append(reinterpret_cast<const char*>(&count), sizeof count);
    if (count == 0)
        return;
    const auto indices = sparse._indices().reshape({-1}).to(torch::kCPU, torch::kLong).contiguous();
    const auto values = sparse._values().to(torch::kCPU, torch::kFloat).contiguous();
    out.append(reinterpret_cast<const char*>(indices.data_ptr<int64_t>()), sizeof(int64_t) * indices.numel());
    out.append(reinterpret_cast<const char*>(values.data_ptr<float>()), sizeof(float) * values.numel());
}

/// Reads what appendRows() wrote for `param` at `offset` and moves past it.
void readRows(const std::string& in, std::size_t& offset, const torch::Tensor& param,
              std::vector<torch::Tensor>& indices, std::vector<torch::Tensor>& values)
{
    int64_t count = 0;
    std::memcpy(&count, in.data() + offset, sizeof count);
    offset += sizeof count;
    std::vector<int64_t> shape = param.sizes().vec();
    shape[0] = count;
    auto rowIndices = torch::empty({count}, torch::kLong);
    auto rows = torch::empty(shape, torch::kFloat);
    std::memcpy(rowIndices.data_ptr<int64_t>(), in.data() + offset, sizeof(int64_t) * count);
    offset += sizeof(int64_t) * count;
    std::memcpy(rows.data_ptr<float>(), in.data() + offset, sizeof(float) * rows.numel());
    offset += sizeof(float) * rows.numel();
    indices.push_back(rowIndices);
    values.push_back(rows);
}

} // namespace

double DataParallel::sumGradients(const std::vector<torch::Tensor>& params, double loss, const std::string& during)
{
    if (worldSize() == 1)
        return loss;
    try {
        // First, which parameters have dense and which sparse gradients on any rank (a rank may
        // have none for a table its rows did not touch), and the losses: one small collective.
        const auto count = static_cast<int64_t>(params.size());
        auto kinds = torch::zeros({2 * count + 1}, torch::kFloat64);
        auto* kind = kinds.data_ptr<double>();
        for (int64_t i = 0; i < count; ++i) {
            const auto& grad = params[static_cast<std::size_t>(i)].grad();
            if (grad.defined())
                kind[grad.is_sparse() ? count + i : i] = 1.0;
        }
        kind[2 * count] = loss;
        std::vector<torch::Tensor> header {kinds};
        m_connection->group->allreduce(header)->wait();
        kind = header[0].data_ptr<double>();

        // Dense gradients travel in one flat buffer; sparse ones (the embedding rows a batch
        // touched) as every rank's rows of every table in one gather, added up in rank order:
        // two collectives a step instead of Gloo's several per table, which cost more than the
        // step's arithmetic.
        std::vector<torch::Tensor> dense;
        std::vector<std::size_t> denseAt, sparseAt;
        std::string rows;
        for (std::size_t i = 0; i < params.size(); ++i) {
            const torch::Tensor& param = params[i];
            const auto& grad = param.grad();
            if (kind[count + static_cast<int64_t>(i)] > 0) {
                sparseAt.push_back(i);
                appendRows(rows, !grad.defined() ? torch::Tensor()
                                 : grad.is_sparse()  ? grad.coalesce()
                                                     : grad.to_sparse(1));
            } else if (kind[i] > 0) {
                dense.push_back(grad.defined() ? grad.reshape(-1).cpu() : torch::zeros({param.numel()}));
                denseAt.push_back(i);
            }
        }
        if (!sparseAt.empty()) {
            const auto parts = allGather(rows, during);
            std::vector<std::vector<torch::Tensor>> indices(sparseAt.size()), values(sparseAt.size());
            for (const std::string& part : parts) {
                std::size_t offset = 0;
                for (std::size_t k = 0; k < sparseAt.size(); ++k)
                    readRows(part, offset, params[sparseAt[k]], indices[k], values[k]);
            }
            for (std::size_t k = 0; k < sparseAt.size(); ++k) {
                const torch::Tensor& param = params[sparseAt[k]];
                auto summed = torch::sparse_coo_tensor(torch::cat(indices[k]).unsqueeze(0), torch::cat(values[k]),
                                                       param.sizes())
                                  .coalesce();
                param.mutable_grad() = summed.to(param.device(), param.scalar_type());
            }
        }
        if (!dense.empty()) {
            std::vector<torch::Tensor> flat {torch::cat(dense)};
            m_connection->group->allreduce(flat)->wait();
            int64_t offset = 0;
            for (std::size_t i : denseAt) {
                const torch::Tensor& param = params[i];
                auto summed = flat[0].narrow(0, offset, param.numel()).view(param.sizes()).to(param.device());
                offset += param.numel();
                if (param.grad().defined())
                    param.mutable_grad().copy_(summed);
                else
                    param.mutable_grad() = summed.clone();
            }
        }
        return kind[2 * count];
    } catch (const std::exception& e) {
        fail(during, e);
    }
}

double DataParallel::mean(double value, const std::string& during)
{
    if (worldSize() == 1)
        return value;
    try {
        std::vector<torch::Tensor> sum {torch::tensor({value}, torch::kFloat64)};
        m_connection->group->allreduce(sum)->wait();
        return sum[0].item<double>() / worldSize();
    } catch (const std::exception& e) {
        fail(during, e);
    }
}

std::vector<std::string> DataParallel::allGather(const std::string& bytes, const std::string& during)
{
    if (worldSize() == 1)
        return {bytes};
    try {
        const auto ranks = static_cast<std::size_t>(worldSize());
        // Gloo gathers equal sizes: the lengths first, then every part padded to the longest.
        std::vector<torch::Tensor> mine {torch::tensor({static_cast<int64_t>(bytes.size())}, torch::kLong)};
        std::vector<std::vector<torch::Tensor>> lengths(1);
        for (std::size_t r = 0; r < ranks; ++r)
            lengths[0].push_back(torch::zeros({1}, torch::kLong));
        m_connection->group->allgather(lengths, mine)->wait();
        int64_t longest = 0;
        for (const auto& length : lengths[0])
            longest = std::max(longest, length.item<int64_t>());

        std::vector<torch::Tensor> padded {torch::zeros({std::max<int64_t>(longest, 1)}, torch::kUInt8)};
        std::memcpy(padded[0].data_ptr<uint8_t>(), bytes.data(), bytes.size());
        std::vector<std::vector<torch::Tensor>> parts(1);
        for (std::size_t r = 0; r < ranks; ++r)
            parts[0].push_back(torch::zeros_like(padded[0]));
        m_connection->group->allgather(parts, padded)->wait();
        std::vector<std::string> out;
        for (std::size_t r = 0; r < ranks; ++r)
            out.emplace_back(reinterpret_cast<const char*>(parts[0][r].data_ptr<uint8_t>()),
                             static_cast<std::size_t>(lengths[0][r].item<int64_t>()));
        return out;
    } catch (const std::exception& e) {
        fail(during, e);
    }
}

Status DataParallel::agree(const std::string& what, const std::string& fingerprint)
{
    const auto all = allGather(fingerprint, "comparing the ranks' " + what);
    std::string differing;
    int count = 0;
    for (std::size_t r = 1; r < all.size(); ++r)
        if (all[r] != all[0])
            differing += (count++ ? ", " : "") + std::to_string(r);
    if (count == 0)
        return Status::success();
    return badInput("the " + what
                    + (count == 1 ? " of rank " + differing + " differs" : "s of ranks " + differing + " differ")
                    + " from rank 0's; every rank must run the same config on the same data");
}

void DataParallel::fail(const std::string& during, const std::exception& cause) const
{
    const std::string me = rankText(rank()) + " of " + std::to_string(worldSize());
    const std::string reason = c10::GetExceptionString(cause);
    std::string stopped;
    try {
        // Every rank that is still there says so; the ones that stay silent are the ones that stopped.
        auto& store = *m_connection->store;
        store.set("failed/" + std::to_string(rank()), std::vector<uint8_t> {1});
        const auto deadline = std::chrono::steady_clock::now() + kFailureGrace;
        do {
            stopped.clear();
            for (int r = 0; r < worldSize(); ++r)
                if (r != rank() && !store.check({"failed/" + std::to_string(r)}))
                    stopped += (stopped.empty() ? "" : ", ") + rankText(r);
            if (stopped.empty())
                break;
            std::this_thread::sleep_for(100ms);
        } while (std::chrono::steady_clock::now() < deadline);
    } catch (const std::exception&) {
        stopped = "rank 0 (which holds the store at " + m_settings.masterAddress + ":"
            + std::to_string(m_settings.masterPort) + ")";
    }
    throw DistributedError(me + ": " + (stopped.empty() ? "another rank failed" : stopped + " stopped") + " during "
                           + during + ", so the run cannot go on (" + reason.substr(0, reason.find('\n')) + ")");
}

} // namespace fsr
