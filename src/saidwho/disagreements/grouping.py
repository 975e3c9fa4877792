"""Group claims into matters without comparing every pair.

Candidate pairs come from three cheap blocks: all pairs inside one article
(articles are short), claims sharing a rare term (an inverted index that
skips terms too common to mean anything), and random-hyperplane LSH
buckets of the embeddings (near-paraphrases with no shared word). Only
candidates are scored, so cost grows with the collection, not its square.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Sequence

import numpy as np

MAX_POSTING = 64      # a term in more claims than this is topic, not matter
MAX_BLOCK = 400       # articles larger than this are blocked like a collection
LSH_TABLES = 6
LSH_BITS = 14
LSH_BUCKET = 64       # oversized buckets are noise from a degenerate hyperplane draw

Pair = tuple[int, int]


def stem(term: str) -> str:
    """Six-letter prefix: 'deadlocked' and 'deadlock' meet without a lemmatiser's help."""
    return term[:6]


def _within_blocks(blocks: Sequence[str]) -> set[Pair]:
    members: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(blocks):
        members[b].append(i)
    pairs: set[Pair] = set()
    for idx in members.values():
        if len(idx) <= MAX_BLOCK:
            pairs.update((a, b) for k, a in enumerate(idx) for b in idx[k + 1:])
    return pairs


def _shared_terms(terms: Sequence[frozenset[str]]) -> set[Pair]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ts in enumerate(terms):
        for t in ts:
            postings[t].append(i)
    pairs: set[Pair] = set()
    for idx in postings.values():
        if 1 < len(idx) <= MAX_POSTING:
            pairs.update((a, b) for k, a in enumerate(idx) for b in idx[k + 1:])
    return pairs


def _lsh(vectors: np.ndarray, seed: int = 7) -> set[Pair]:
    rng = np.random.default_rng(seed)
    pairs: set[Pair] = set()
    weights = 1 << np.arange(LSH_BITS, dtype=np.int64)
    for _ in range(LSH_TABLES):
        planes = rng.standard_normal((vectors.shape[1], LSH_BITS)).astype(np.float32)
        keys = ((vectors @ planes) > 0).astype(np.int64) @ weights
        order = np.argsort(keys, kind="stable")
        bounds = np.flatnonzero(np.diff(keys[order])) + 1
        for bucket in np.split(order, bounds):
            if 1 < len(bucket) <= LSH_BUCKET:
                b = sorted(bucket.tolist())
                pairs.update((x, y) for k, x in enumerate(b) for y in b[k + 1:])
    return pairs


def candidate_pairs(vectors: np.ndarray, terms: Sequence[frozenset[str]], blocks: Sequence[str]) -> list[Pair]:
    return sorted(_within_blocks(blocks) | _shared_terms(terms) | _lsh(vectors))


def cosines(vectors: np.ndarray, pairs: list[Pair]) -> np.ndarray:
    if not pairs:
        return np.zeros(0, dtype=np.float32)
    idx = np.asarray(pairs)
    return np.einsum("ij,ij->i", vectors[idx[:, 0]], vectors[idx[:, 1]])


def components(n: int, edges: list[Pair]) -> list[int]:
    """Union-find labels: claims linked by any chain of related pairs share a matter."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(n)]


def group(vectors: np.ndarray, terms: Sequence[frozenset[str]], blocks: Sequence[str],
          related: Callable[[int, int, float], bool]) -> tuple[list[int], dict[Pair, float]]:
    """Matter label per claim, plus the cosine of every related pair (for the detectors)."""
    pairs = candidate_pairs(vectors, terms, blocks)
    sims = cosines(vectors, pairs)
    kept = {p: float(s) for p, s in zip(pairs, sims) if related(p[0], p[1], float(s))}
    return components(len(terms), list(kept)), kept
