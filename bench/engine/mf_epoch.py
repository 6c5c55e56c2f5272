"""Python peer of mf_epoch: one biased-MF epoch over 1M ratings the way a practitioner writes it
(nn.Embedding, Adam, shuffled mini-batches of 1024). Prints the median seconds of N epochs."""
import os, sys, time
import torch

torch.set_num_threads(max(1, (os.cpu_count() or 2) - 1))
torch.manual_seed(1)
users, items, n, dim = 6040, 3706, 1_000_000, 32
u = torch.randint(0, users, (n,))
i = torch.randint(0, items, (n,))
r = torch.randint(1, 6, (n,)).float()
r = (r - r.mean()) / 1.0


class BiasedMF(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.P = torch.nn.Embedding(users, dim)
        self.Q = torch.nn.Embedding(items, dim)
        self.bu = torch.nn.Embedding(users, 1)
        self.bi = torch.nn.Embedding(items, 1)
        self.mu = torch.nn.Parameter(torch.zeros(1))
        for e in (self.P, self.Q):
            torch.nn.init.normal_(e.weight, std=0.1)
        for e in (self.bu, self.bi):
            torch.nn.init.zeros_(e.weight)

    def forward(self, u, i):
        return (self.P(u) * self.Q(i)).sum(-1) + self.bu(u).squeeze(-1) + self.bi(i).squeeze(-1) + self.mu


def epoch():
    model = BiasedMF()
    opt = torch.optim.Adam(model.parameters(), lr=0.005)
    start = time.perf_counter()
    perm = torch.randperm(n)
    for b in range(0, n, 1024):
        idx = perm[b:b + 1024]
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(u[idx], i[idx]), r[idx])
        loss.backward()
        opt.step()
    return time.perf_counter() - start


repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
times = sorted(epoch() for _ in range(repeats))
print(f"mf_epoch {times[len(times) // 2]:.4f}")
