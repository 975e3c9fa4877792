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

COSINE_CHUNK = 200_000  # pairs scored per step: bounded memory at any collection size

Pair = tuple[int, int]


def stem(term: str) -> str:
    """Six-letter prefix: 'deadlocked' and 'deadlock' meet without a lemmatiser's help."""
    return term[:6]


def _pairs_of(groups: list[np.ndarray], n: int) -> np.ndarray:
    """All pairs inside each group, as sorted int64 keys a*n+b (a<b)."""
    keys = []
    for idx in groups:
        a, b = np.triu_indices(len(idx), 1)
        lo, hi = np.minimum(idx[a], idx[b]), np.maximum(idx[a], idx[b])
        keys.append(lo.astype(np.int64) * n + hi)
    return np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)


def _groups(keys: Sequence, limit: int) -> list[np.ndarray]:
    members: dict = defaultdict(list)
    for i, k in enumerate(keys):
        members[k].append(i)
    return [np.asarray(v) for v in members.values() if 1 < len(v) <= limit]


def _shared_terms(terms: Sequence[frozenset[str]]) -> list[np.ndarray]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ts in enumerate(terms):
        for t in ts:
            postings[t].append(i)
    return [np.asarray(v) for v in postings.values() if 1 < len(v) <= MAX_POSTING]


def _lsh(vectors: np.ndarray, seed: int = 7) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    weights = 1 << np.arange(LSH_BITS, dtype=np.int64)
    out = []
    for _ in range(LSH_TABLES):
        planes = rng.standard_normal((vectors.shape[1], LSH_BITS)).astype(np.float32)
        keys = ((vectors @ planes) > 0).astype(np.int64) @ weights
        order = np.argsort(keys, kind="stable")
        bounds = np.flatnonzero(np.diff(keys[order])) + 1
        out.extend(b for b in np.split(order, bounds) if 1 < len(b) <= LSH_BUCKET)
    return out


def candidate_pairs(vectors: np.ndarray, terms: Sequence[frozenset[str]], blocks: Sequence[str]) -> np.ndarray:
    """Unique candidate pairs as an (P, 2) array."""
    n = len(terms)
    groups = _groups(blocks, MAX_BLOCK) + _shared_terms(terms) + _lsh(vectors)
    keys = np.unique(_pairs_of(groups, n))
    return np.stack([keys // n, keys % n], axis=1) if n else np.zeros((0, 2), dtype=np.int64)


def cosines(vectors: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    out = np.empty(len(pairs), dtype=np.float32)
    for k in range(0, len(pairs), COSINE_CHUNK):
        p = pairs[k:k + COSINE_CHUNK]
        out[k:k + COSINE_CHUNK] = np.einsum("ij,ij->i", vectors[p[:, 0]], vectors[p[:, 1]])
    return out


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
          related: Callable[[int, int, float], bool], floor: float = 0.0) -> tuple[list[int], dict[Pair, float]]:
    """Matter label per claim (components of the `related` pairs), plus the cosine of every candidate pair at or
    above `floor`, for detectors whose own test is looser or stricter than the matter's."""
    pairs = candidate_pairs(vectors, terms, blocks)
    sims = cosines(vectors, pairs)
    keep = sims >= floor
    scored = {(int(a), int(b)): float(c) for (a, b), c in zip(pairs[keep].tolist(), sims[keep].tolist())}
    return components(len(terms), [p for p, c in scored.items() if related(*p, c)]), scored
