"""The same ASGE network in PyTorch, as the bench's reference point (run by bench/pytorch_reference.ts).

    /usr/bin/python3 bench/pytorch_asge.py --plan '<NetworkPlan JSON>' --threads 1 --batch 64

Each block: conv kxk same + bias -> ReLU -> patch energy (avg_pool of y^2 over the P x P grid, times the patch
area for "sum") -> frozen random projection -> cross-entropy; RMS pool + channel LayerNorm + detach to the next
block; one Adam per block (betas 0.9/0.999, eps 1e-8, as asge's BlockOptimizer). Random data. Prints one JSON
line with training and inference images/s, the GFLOP/s of a large matrix product, the peak RSS, and what
the matrix products and convolutions ran on: the BLAS library torch loaded (found in /proc/self/maps, with
OpenBLAS's own config and kernel name), the oneDNN version torch was built with, and
`torch.__config__.show()` (its BLAS_INFO names the build-time BLAS, not the one loaded at run time).
"""

import argparse
import ctypes
import json
import math
import os
import re
import resource
import time

import torch
import torch.nn.functional as F


class Block:
    """One ASGE block with its own optimizer; the projection is a frozen buffer."""

    def __init__(self, shape, num_classes, reduction, generator):
        _, _, c_in = shape["inputShape"]
        k = shape["kernelSize"]
        self.channels = shape["channels"]
        self.partition = shape["partition"]
        self.pool = shape["pool"]
        self.reduction = reduction
        self.conv = torch.nn.Conv2d(c_in, self.channels, k, padding=k // 2, bias=True)
        dim = shape["goodnessLength"]
        self.projection = torch.randn(num_classes, dim, generator=generator) / math.sqrt(dim)
        self.projection_bias = torch.zeros(num_classes)
        self.optimizer = torch.optim.Adam(self.conv.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)

    def forward(self, x):
        y = F.relu(self.conv(x))
        h, w = y.shape[2], y.shape[3]
        ph, pw = h // self.partition, w // self.partition
        energy = F.avg_pool2d(y * y, (ph, pw))
        if self.reduction == "sum":
            energy = energy * (ph * pw)
        goodness = energy.flatten(1)
        return y, goodness @ self.projection.t() + self.projection_bias

    def next(self, y):
        with torch.no_grad():
            if self.pool > 1:
                y = torch.sqrt(F.avg_pool2d(y * y, self.pool) + 1e-6)
            mean = y.mean(dim=1, keepdim=True)
            var = y.var(dim=1, unbiased=False, keepdim=True)
            return ((y - mean) * torch.rsqrt(var + 1e-5)).detach()


def train_step(blocks, images, labels):
    x = images
    for i, block in enumerate(blocks):
        block.optimizer.zero_grad(set_to_none=True)
        y, logits = block.forward(x)
        F.cross_entropy(logits, labels).backward()
        block.optimizer.step()
        if i < len(blocks) - 1:
            x = block.next(y)


def predict(blocks, images, strategy, best_block):
    with torch.no_grad():
        last = best_block if strategy == "best" else len(blocks) - 1
        x, fused = images, None
        for i, block in enumerate(blocks[: last + 1]):
            y, logits = block.forward(x)
            if strategy == "fusion":
                p = F.softmax(logits, dim=1)
                fused = p if fused is None else fused + p
            if i < last:
                x = block.next(y)
        return (fused if strategy == "fusion" else logits).argmax(dim=1)


def matmul_peak(size, repeats=3):
    a, b = torch.randn(size, size), torch.randn(size, size)
    best = math.inf
    for r in range(repeats + 1):
        start = time.perf_counter()
        torch.mm(a, b)
        if r > 0:
            best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best / 1e9


def blas_info(threads):
    """Which BLAS library this process multiplies matrices with, read after torch has run a product."""
    torch.mm(torch.ones(8, 8), torch.ones(8, 8))
    with open("/proc/self/maps", encoding="utf-8") as maps:
        loaded = sorted({line.split()[-1] for line in maps if re.search(r"blas|mkl_rt|libmkl", line)})
    info = {
        "libraries": loaded,
        "kind": "unknown",
        "config": None,
        "coreName": None,
        "threads": threads,
        "coretypeEnv": os.environ.get("OPENBLAS_CORETYPE"),
        "l2SizeEnv": os.environ.get("OPENBLAS_L2_SIZE"),
    }
    for path in loaded:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        if hasattr(lib, "openblas_get_config"):
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            info.update(
                kind="openblas",
                config=lib.openblas_get_config().decode(),
                coreName=lib.openblas_get_corename().decode(),
                threads=lib.openblas_get_num_threads(),
            )
            return info
        if hasattr(lib, "bli_info_get_version_str"):
            info["kind"] = "blis"
            return info
        if "mkl" in path:
            info["kind"] = "mkl"
            return info
    # Debian's reference BLAS lives in .../blas/libblas.so.3 (package libblas3): about 6 GFLOP/s.
    if any(re.search(r"/blas/libblas\.so", p) for p in loaded):
        info["kind"] = "reference"
    return info


def onednn_version():
    """The oneDNN (MKL-DNN) version torch was built with, from torch.__config__.show(), or None."""
    found = re.search(r"(?:MKL-DNN|oneDNN)[^\n]*?v(\d+\.\d+(?:\.\d+)?)", torch.__config__.show())
    return found.group(1) if found and torch.backends.mkldnn.is_available() else None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plan", required=True, help="the NetworkPlan as JSON")
    parser.add_argument("--reduction", default="sum", choices=["sum", "mean"])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--inference-batches", type=int, default=3)
    parser.add_argument("--best-block", type=int, default=-1)
    parser.add_argument("--matmul-size", type=int, default=2048)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    plan = json.loads(args.plan)
    h, w, c = plan["inputShape"]
    n = plan["numClasses"]
    generator = torch.Generator().manual_seed(args.seed)
    blocks = [Block(shape, n, args.reduction, generator) for shape in plan["blocks"]]
    best_block = args.best_block if args.best_block >= 0 else (len(blocks) - 1) // 2
    batches = [
        (torch.randn(args.batch, c, h, w), torch.randint(0, n, (args.batch,)))
        for _ in range(args.warmup + args.steps)
    ]

    for images, labels in batches[: args.warmup]:
        train_step(blocks, images, labels)
    start = time.perf_counter()
    for images, labels in batches[args.warmup :]:
        train_step(blocks, images, labels)
    train_seconds = time.perf_counter() - start

    inference = {}
    for strategy in ["last", "fusion", "best"]:
        predict(blocks, batches[0][0], strategy, best_block)
        # At least --inference-batches batches and half a second, as in asge's bench.
        count, start = 0, time.perf_counter()
        while count < args.inference_batches or time.perf_counter() - start < 0.5:
            predict(blocks, batches[count % len(batches)][0], strategy, best_block)
            count += 1
        inference[strategy] = count * args.batch / (time.perf_counter() - start)

    result = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "batchSize": args.batch,
        "train": {
            "imagesPerSecond": args.steps * args.batch / train_seconds,
            "secondsPerStep": train_seconds / args.steps,
            "steps": args.steps,
            "warmupSteps": args.warmup,
        },
        "inference": inference,
        "bestBlock": best_block,
        "matmulPeakGflops": matmul_peak(args.matmul_size) if args.matmul_size > 0 else None,
        "matmulSize": args.matmul_size,
        "blas": blas_info(args.threads),
        "onednn": onednn_version(),
        "config": torch.__config__.show(),
        "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
