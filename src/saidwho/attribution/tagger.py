"""The learned extractor: a BiLSTM tagger over spaCy features, run by onnxruntime.

The model files ship inside the package (``saidwho/models/tagger``) and are
reproduced by ``saidwho train``; torch is needed only to train.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from . import Found, register
from .encoder import load_encoder
from .features import LABELS, Vocab, featurize
from .pairing import TokenSpan, pair

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "tagger"
FEATURES = ("saidwho", "tagger-features")  # doc.user_data key: features prepared ahead of tagging


def allowed_transitions() -> np.ndarray:
    """allowed[i, j]: label j may follow label i (I-X only continues X)."""
    n = len(LABELS)
    allowed = np.ones((n, n), dtype=bool)
    for j, label in enumerate(LABELS):
        if label.startswith("I-"):
            role = label[2:]
            for i, prev in enumerate(LABELS):
                allowed[i, j] = prev in (f"B-{role}", f"I-{role}")
    return allowed


_ALLOWED = allowed_transitions()
_START_OK = np.array([not label.startswith("I-") for label in LABELS])


def viterbi(logprobs: np.ndarray) -> list[int]:
    """Best label sequence under the BIO constraints."""
    penalty = np.where(_ALLOWED, 0.0, -1e9)
    score = logprobs[0] + np.where(_START_OK, 0.0, -1e9)
    back = np.zeros(logprobs.shape, dtype=np.int64)
    for t in range(1, len(logprobs)):
        cand = score[:, None] + penalty
        back[t] = cand.argmax(0)
        score = cand.max(0) + logprobs[t]
    best = [int(score.argmax())]
    for t in range(len(logprobs) - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    return best[::-1]


def labels_to_spans(tokens: np.ndarray, labels: list[int]) -> list[TokenSpan]:
    """Token spans from BIO labels (a sequence never runs across a line break: see `features._chunks`)."""
    spans: list[TokenSpan] = []
    for row, lab in enumerate(labels):
        name = LABELS[lab]
        if name == "O":
            continue
        tag, role = name.split("-")
        tok = int(tokens[row])
        if tag == "B" or not spans or spans[-1].role != role or spans[-1].end != int(tokens[row - 1]) + 1:
            spans.append(TokenSpan(role, tok, tok + 1))
        else:
            spans[-1].end = tok + 1
    return spans


def log_softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(-1, keepdims=True)
    return x - np.log(np.exp(x).sum(-1, keepdims=True))


def decode(tokens: np.ndarray, scores: np.ndarray, o_bias: float) -> list[TokenSpan]:
    """Constrained best path; ``o_bias`` (chosen on dev) trades a little precision for recall."""
    logprobs = log_softmax(scores)
    logprobs[:, 0] -= o_bias
    return labels_to_spans(tokens, viterbi(logprobs))


class TaggerModel:
    """The ONNX network and its vocabulary, loaded from a model directory."""

    def __init__(self, path: Path):
        import onnxruntime as ort

        if not (path / "model.onnx").exists():
            raise FileNotFoundError(f"no tagger model in {path}; train one with: saidwho train --out {path}")
        self.meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        self.vocab = Vocab(json.loads((path / "vocab.json").read_text(encoding="utf-8")))
        self.encoder = load_encoder(self.meta["encoder"]) if self.meta.get("encoder") else None
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(path / "model.onnx"), options, providers=["CPUExecutionProvider"])

    def features(self, doc: Doc):
        return featurize(doc, self.vocab, self.encoder)

    def tag(self, doc: Doc, sequences=None) -> list[TokenSpan]:
        spans: list[TokenSpan] = []
        for seq in sequences if sequences is not None else self.features(doc):
            (scores,) = self.session.run(None, {"ids": seq.ids[None], "dense": seq.dense[None]})
            spans.extend(decode(seq.tokens, scores[0], self.meta.get("o_bias", 0.0)))
        return spans


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_DIR)) -> TaggerModel:
    return TaggerModel(Path(path))


@register("tagger")
class TaggerExtractor:
    name = "tagger"

    def __init__(self, model_dir: str | Path = MODEL_DIR):
        self.model = load_model(str(model_dir))

    def prepare(self, doc: Doc) -> None:
        """Featurizing, the encoder above all, runs on the parsing thread while the last article's stages run."""
        doc.user_data[FEATURES] = self.model.features(doc)

    def extract(self, doc: Doc) -> list[Found]:
        return pair(doc, self.model.tag(doc, doc.user_data.pop(FEATURES, None)))
