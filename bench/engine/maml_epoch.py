"""Python peer of maml_epoch: one second-order MAML meta-epoch over 1024 tasks (support 10,
query 10), meta-batch 32, 3 inner steps on the user vector and bias, written the usual way:
a Python loop over the tasks of a meta-batch with torch.autograd.grad(create_graph=True)."""
import os, sys, time
import torch

torch.set_num_threads(max(1, (os.cpu_count() or 2) - 1))
torch.manual_seed(2)
users, items, dim, tasks = 6040, 3706, 32, 1024
inner_lr, inner_steps, meta_batch = 0.05, 3, 32
support_items = torch.randint(0, items, (tasks, 10))
query_items = torch.randint(0, items, (tasks, 10))
support_r = torch.randint(1, 6, (tasks, 10)).float() - 3
query_r = torch.randint(1, 6, (tasks, 10)).float() - 3

Q = torch.nn.Parameter(torch.randn(items, dim) * 0.1)
bi = torch.nn.Parameter(torch.zeros(items))
mu = torch.nn.Parameter(torch.zeros(1))
p0 = torch.nn.Parameter(torch.randn(dim) * 0.1)
b0 = torch.nn.Parameter(torch.zeros(1))


def predict(p, b, it):
    return Q[it] @ p + b + bi[it] + mu


def meta_epoch():
    opt = torch.optim.Adam([Q, bi, mu, p0, b0], lr=0.005)
    start = time.perf_counter()
    order = torch.randperm(tasks)
    for s in range(0, tasks, meta_batch):
        opt.zero_grad()
        outer = 0.0
        batch = order[s:s + meta_batch]
        for t in batch.tolist():
            p, b = p0, b0
            for _ in range(inner_steps):
                loss = ((predict(p, b, support_items[t]) - support_r[t]) ** 2).mean()
                gp, gb = torch.autograd.grad(loss, (p, b), create_graph=True)
                p, b = p - inner_lr * gp, b - inner_lr * gb
            outer = outer + ((predict(p, b, query_items[t]) - query_r[t]) ** 2).mean()
        (outer / len(batch)).backward()
        opt.step()
    return time.perf_counter() - start


repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
times = sorted(meta_epoch() for _ in range(repeats))
print(f"maml_epoch {times[len(times) // 2]:.4f}")
