"""Contextual token vectors from the first layers of the bundled MiniLM encoder.

spaCy's small model sees a few words either side of a token, but attribution
turns on the whole sentence: whose clause this is, where a quotation ends.
Two transformer layers over each chunk give the tagger that context at a
third of the full encoder's cost. The file is cut from the sentence embedder's
int8 graph (``scripts/export_embedder.py``), so both share one tokenizer.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

MODELS = Path(__file__).resolve().parent.parent / "models"
DIM = 384
MAX_PIECES = 512  # the encoder's position limit; a chunk is far shorter


class TokenEncoder:
    def __init__(self, model: Path, tokenizer: Path):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        for path in (model, tokenizer):
            if not path.is_file():
                raise FileNotFoundError(f"token encoder file {path} is missing; reinstall saidwho or run scripts/export_embedder.py")
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_PIECES)
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = 1  # runs on the parsing thread; the embedder and tagger hold the other core
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def vectors(self, doc, keep: list, chunks: list[tuple[int, int]]) -> np.ndarray:
        """One row per kept token: the mean of its word pieces, each chunk encoded on its own."""
        out = np.zeros((len(keep), DIM), dtype=np.float32)
        for a, b in chunks:
            start = keep[a].idx
            owner = np.full(keep[b - 1].idx + len(keep[b - 1]) - start, -1, dtype=np.int64)
            for row in range(a, b):
                owner[keep[row].idx - start:keep[row].idx - start + len(keep[row])] = row
            enc = self.tokenizer.encode(doc.text[start:start + len(owner)])
            ids = np.array([enc.ids], dtype=np.int64)
            (hidden,) = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                                "token_type_ids": np.zeros_like(ids)})
            pieces = [(j, owner[s]) for j, (s, e) in enumerate(enc.offsets) if e > s and owner[s] >= 0]
            if pieces:
                cols, rows = map(np.array, zip(*pieces))
                np.add.at(out, rows, hidden[0, cols])
                counts = np.bincount(rows - a, minlength=b - a)[:, None]
                out[a:b] /= np.maximum(counts, 1)
        return out


@lru_cache(maxsize=2)
def load_encoder(name: str) -> TokenEncoder:
    return TokenEncoder(MODELS / name / "model.onnx", MODELS / "embedder" / "tokenizer.json")
