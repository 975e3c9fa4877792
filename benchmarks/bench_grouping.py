"""Grouping scales with the collection, not its square: 1k, 10k, 100k synthetic claims.

Claims are synthetic (random matter centroids plus noise, 12 terms each,
articles of 20 claims) so the run measures grouping itself; embedding
throughput on real claim text is timed separately on 1k claims.

    python benchmarks/bench_grouping.py [--sizes 1000 10000 100000] [--embed 1000]
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from saidwho.disagreements.grouping import group

DIM = 384
ARTICLE = 20


def synthetic(n: int, seed: int = 0) -> tuple[np.ndarray, list[frozenset[str]], list[str]]:
    rng = np.random.default_rng(seed)
    matters = max(1, n // 8)
    centres = rng.standard_normal((matters, DIM)).astype(np.float32)
    which = rng.integers(0, matters, n)
    vectors = centres[which] + 0.6 * rng.standard_normal((n, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vocab = 2 * n  # each word in a handful of claims; topic words are capped by MAX_POSTING anyway
    terms = [frozenset({f"m{m}", *(f"w{w}" for w in rng.integers(0, vocab, 11))}) for m in which]
    blocks = [f"a{i // ARTICLE}" for i in range(n)]
    return vectors, terms, blocks


def bench(n: int) -> tuple[float, int, int]:
    vectors, terms, blocks = synthetic(n)
    start = time.perf_counter()
    labels, scored = group(vectors, terms, blocks, lambda a, b, cos: True, floor=0.5)
    return time.perf_counter() - start, len(set(labels)), len(scored)


def bench_embed(n: int) -> float:
    from saidwho.disagreements.embed import get_embedder

    words = "officials said talks on the ceasefire made progress while ministers denied reports of a deal".split()
    rng = np.random.default_rng(1)
    texts = [" ".join(rng.choice(words, 14)) for _ in range(n)]
    embedder = get_embedder()
    start = time.perf_counter()
    embedder.encode(texts)
    return time.perf_counter() - start


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--embed", type=int, default=1000, help="claims to embed for the throughput line (0: skip)")
    args = parser.parse_args()
    print(f"{'claims':>8} {'seconds':>8} {'matters':>8} {'scored pairs':>14}")
    for n in args.sizes:
        secs, matters, pairs = bench(n)
        print(f"{n:>8} {secs:>8.2f} {matters:>8} {pairs:>14}")
    if args.embed:
        secs = bench_embed(args.embed)
        print(f"embedding: {args.embed} claims in {secs:.1f}s ({args.embed / secs:.0f} claims/s, int8 ONNX, CPU)")
