"""Sentence embeddings from the bundled int8 ONNX export of all-MiniLM-L6-v2.

The model runs on onnxruntime with the `tokenizers` package, so the default
install needs no torch; `scripts/export_embedder.py` rebuilds the files.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "models" / "embedder"
MAX_TOKENS = 128  # claims are sentences; longer input only costs time
BATCH = 64
SLACK = 1.25  # longest/shortest length allowed in one batch
DIM = 384


class EmbedderUnavailable(RuntimeError):
    """The embedding model could not be loaded; the message says why and what to do."""


class Embedder:
    """Maps texts to L2-normalised 384-d vectors (cosine = dot product)."""

    def __init__(self, directory: Path = DEFAULT_DIR):
        model, tok = directory / "model.onnx", directory / "tokenizer.json"
        missing = [p.name for p in (model, tok) if not p.is_file()]
        if missing:
            raise EmbedderUnavailable(f"sentence embedder not found in {directory} (missing {', '.join(missing)}); reinstall saidwho or run scripts/export_embedder.py")
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:
            raise EmbedderUnavailable(f"sentence embedder needs onnxruntime and tokenizers: {e}") from e
        try:
            self.tokenizer = Tokenizer.from_file(str(tok))
            options = ort.SessionOptions()
            options.log_severity_level = 3
            options.intra_op_num_threads = 1  # the other core parses and encodes the next articles (Analyzer.analyze_many)
            self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except Exception as e:  # a corrupt file must not surface as a raw runtime trace
            raise EmbedderUnavailable(f"sentence embedder in {directory} could not be loaded: {type(e).__name__}: {e}") from e
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # batches are padded here, each only to its own longest text
        self.inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        tokens = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for idx in _batches([len(t) for t in tokens]):
            ids = np.zeros((len(idx), max(len(tokens[j]) for j in idx)), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, j in enumerate(idx):
                ids[row, :len(tokens[j])] = tokens[j]
                mask[row, :len(tokens[j])] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            out[idx] = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
        return out


def _batches(lengths: list[int]) -> list[list[int]]:
    """Indices in batches of similar length: padding a short claim to a long one's width doubles the work."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    out: list[list[int]] = []
    for j in order:
        if out and len(out[-1]) < BATCH and lengths[j] <= SLACK * lengths[out[-1][0]] + 2:
            out[-1].append(j)
        else:
            out.append([j])
    return out


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """One loaded model per process; SAIDWHO_EMBEDDER points at another directory."""
    return Embedder(Path(os.environ.get("SAIDWHO_EMBEDDER", DEFAULT_DIR)))
