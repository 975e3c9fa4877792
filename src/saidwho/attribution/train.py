"""Train the tagger on PolNeAR: ``saidwho train --polnear DIR --out MODEL_DIR``.

Needs the ``train`` extra (torch, onnx). Seeds are fixed and torch runs on
two threads, so a run reproduces the shipped model on a 2-core CPU.
The model is chosen by attribution F1 on the dev split, then exported to
ONNX for onnxruntime.
"""
from __future__ import annotations

import json
import pickle
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from spacy.tokens import Doc

from .. import nlp as nlp_module
from ..evaluate import GoldAttribution, Scorer, iter_brat, read_citron
from ..ingest import analysable_text, make_article
from .encoder import load_encoder
from .features import CATEGORICAL, LABELS, Sequence, Vocab, featurize
from .pairing import pair
from .tagger import decode

EMBED_DIMS = {"word": 64, "lemma": 32, "tag": 16, "dep": 16, "ent": 8, "head": 8, "quote": 8, "lexicon": 4, "shape": 8, "governor": 16}
ROLE_OF = {"cue": "CUE", "source": "SRC", "content": "CON"}


@dataclass
class Settings:
    epochs: int = 12
    hidden: int = 96
    layers: int = 1
    dropout: float = 0.3
    word_dropout: float = 0.05
    lr: float = 4e-3
    batch: int = 64
    seed: int = 13
    threads: int = 2
    o_bias: float = 0.2
    encoder: str | None = "encoder"  # a bundled model under saidwho/models; None trains on spaCy features alone


@dataclass
class Example:
    name: str
    text: str
    doc: Doc
    gold: list[GoldAttribution]


def parse_split(split_dir: Path, log: Callable[[str], None], cache: Path | None = None) -> list[Example]:
    """Parse a split the way analysis does; ``cache`` keeps the parses between runs."""
    items = list(iter_brat(split_dir / "text", split_dir / "attributions"))
    nlp = nlp_module.load()
    cached = cache / f"{split_dir.name}.spacy" if cache else None
    if cached and cached.exists():
        docs = [Doc(nlp.vocab).from_bytes(b) for b in pickle.loads(cached.read_bytes())]
    else:
        texts = (analysable_text(make_article(text, id=name)) for name, text, _ in items)
        started = time.time()
        docs = list(nlp.pipe(texts, batch_size=8))
        log(f"parsed {len(docs)} articles from {split_dir} in {time.time() - started:.0f}s")
        if cached:
            cache.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(pickle.dumps([d.to_bytes() for d in docs]))
    return [Example(name, text, doc, gold) for (name, text, gold), doc in zip(items, docs)]


def gold_labels(doc: Doc, seq: Sequence, gold: list[GoldAttribution]) -> np.ndarray:
    """BIO labels for one chunk; a token already labelled keeps its first label."""
    by_token: dict[int, str] = {}
    for att in gold:
        for role, spans in (("cue", att.cue), ("source", att.source), ("content", att.content)):
            for start, end in spans:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                toks = [t.i for t in span if not t.is_space]
                for k, i in enumerate(toks):
                    by_token.setdefault(i, ("B-" if k == 0 else "I-") + ROLE_OF[role])
    index = {label: i for i, label in enumerate(LABELS)}
    return np.array([index[by_token.get(int(t), "O")] for t in seq.tokens], dtype=np.int64)


def build_network(vocab: Vocab, dense_dim: int, s: Settings):
    import torch
    from torch import nn

    class Network(nn.Module):
        def __init__(self):
            super().__init__()
            self.embeds = nn.ModuleList(nn.Embedding(vocab.size(n), EMBED_DIMS[n], padding_idx=0) for n in CATEGORICAL)
            width = sum(EMBED_DIMS.values()) + dense_dim
            self.drop = nn.Dropout(s.dropout)
            self.lstm = nn.LSTM(width, s.hidden, num_layers=s.layers, bidirectional=True, batch_first=True, dropout=s.dropout if s.layers > 1 else 0.0)
            self.out = nn.Linear(2 * s.hidden, len(LABELS))

        def features(self, ids, dense):
            parts = [emb(ids[..., k]) for k, emb in enumerate(self.embeds)]
            return self.drop(torch.cat(parts + [dense], dim=-1))

        def forward(self, ids, dense):
            hidden, _ = self.lstm(self.features(ids, dense))
            return self.out(self.drop(hidden))

    return Network()


def predict(net, doc: Doc, sequences: list[Sequence], o_bias: float):
    import torch

    spans = []
    with torch.no_grad():
        for seq in sequences:
            scores = net(torch.from_numpy(seq.ids[None]), torch.from_numpy(seq.dense[None]))[0].numpy()
            spans.extend(decode(seq.tokens, scores, o_bias))
    return pair(doc, spans)


def score(net, examples: list[Example], sequences: list[list[Sequence]], o_bias: float) -> dict:
    from ..pipeline import to_attributions
    from ..model import Analysis, Article
    from ..formats import to_citron

    scorer = Scorer()
    net.eval()
    for ex, seqs in zip(examples, sequences):
        atts = to_attributions(ex.text, ex.doc, predict(net, ex.doc, seqs, o_bias))
        analysis = Analysis(article=Article(id=ex.name, text=ex.text), extractor="tagger", attributions=atts)
        scorer.add(ex.name, ex.text, ex.gold, read_citron(ex.text, to_citron(analysis)))
    net.train()
    return scorer.summary()


def train(polnear: Path, out: Path, settings: Settings = Settings(), log: Callable[[str], None] = print,
          cache: Path | None = None) -> dict:
    import torch

    random.seed(settings.seed)
    np.random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)

    train_set = parse_split(polnear / "train", log, cache)
    dev_set = parse_split(polnear / "dev", log, cache)
    vocab = Vocab.build(ex.doc for ex in train_set)
    encoder = load_encoder(settings.encoder) if settings.encoder else None
    started = time.time()
    data = []
    for ex in train_set:
        for seq in featurize(ex.doc, vocab, encoder):
            data.append((seq.ids, seq.dense, gold_labels(ex.doc, seq, ex.gold)))
    dev_sequences = [featurize(ex.doc, vocab, encoder) for ex in dev_set]
    log(f"featurized {len(train_set) + len(dev_set)} articles in {time.time() - started:.0f}s")
    dense_dim = data[0][1].shape[1]
    net = build_network(vocab, dense_dim, settings)
    optimizer = torch.optim.Adam(net.parameters(), lr=settings.lr)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    data.sort(key=lambda d: len(d[0]))
    batches = [data[i:i + settings.batch] for i in range(0, len(data), settings.batch)]
    best, best_state, history = -1.0, None, []
    for epoch in range(1, settings.epochs + 1):
        started = time.time()
        random.shuffle(batches)
        total = 0.0
        for batch in batches:
            lengths = torch.tensor([len(b[0]) for b in batch])
            width = int(lengths.max())
            ids = torch.zeros((len(batch), width, len(CATEGORICAL)), dtype=torch.long)
            dense = torch.zeros((len(batch), width, dense_dim))
            gold = torch.full((len(batch), width), -100, dtype=torch.long)
            for k, (i, d, g) in enumerate(batch):
                ids[k, :len(i)] = torch.from_numpy(i)
                dense[k, :len(d)] = torch.from_numpy(d)
                gold[k, :len(g)] = torch.from_numpy(g)
            if settings.word_dropout:
                drop = (torch.rand(ids.shape[:2]) < settings.word_dropout) & (ids[..., 0] > 0)
                ids[..., 0][drop] = 1
            scores = net(ids, dense)  # batches hold chunks of near-equal length: padding is slight
            loss = loss_fn(scores.reshape(-1, len(LABELS)), gold.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimizer.step()
            total += loss.item()
        summary = score(net, dev_set, dev_sequences, settings.o_bias)
        f1 = summary["attribution"]["f1"]
        history.append({"epoch": epoch, "loss": round(total / len(batches), 4), "dev": summary})
        log(f"epoch {epoch}: loss {total / len(batches):.4f}  dev attribution F1 {f1:.4f}  "
            f"who-said {summary['who_said']['f1']:.4f}  content overlap {summary['content.overlap']['f1']:.4f}  "
            f"({time.time() - started:.0f}s)")
        if f1 > best:
            best = f1
            best_state = {k: v.clone() for k, v in net.state_dict().items()}
    net.load_state_dict(best_state)
    net.eval()
    out.mkdir(parents=True, exist_ok=True)
    export(net, vocab, dense_dim, out)
    best_epoch = max(history, key=lambda h: h["dev"]["attribution"]["f1"])
    meta = {
        "labels": list(LABELS),
        "categorical": list(CATEGORICAL),
        "settings": settings.__dict__,
        "spacy_model": nlp_module.load().meta["name"] + "-" + nlp_module.load().meta["version"],
        "torch": torch.__version__,
        "best_epoch": best_epoch["epoch"],
        "o_bias": settings.o_bias,
        "encoder": settings.encoder,
        "dev": best_epoch["dev"],
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    (out / "vocab.json").write_text(json.dumps(vocab.tables, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    (out / "history.json").write_text(json.dumps(history, indent=1), encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(model_card(meta), encoding="utf-8")
    return meta


def model_card(meta: dict) -> str:
    dev = meta["dev"]
    rows = "\n".join(
        f"| {k} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} |"
        for k, v in dev.items() if isinstance(v, dict) and "f1" in v
    )
    s = meta["settings"]
    encoder = (f" and the word-piece vectors of the token encoder `saidwho/models/{meta['encoder']}`"
               " (the first two layers of all-MiniLM-L6-v2, its model card beside it)") if meta.get("encoder") else ""
    return f"""# saidwho attribution tagger

A BiLSTM token tagger (BIO labels for cue, source and content spans) over
spaCy `{meta['spacy_model']}` features (its contextual token vectors, word,
lemma, tag, dependency, entity and quotation features){encoder}. Cue, source and content
spans are grouped into attributions by rules over the dependency parse
(`saidwho.attribution.pairing`). Runs with onnxruntime; trained with torch
{meta['torch']}.

## Data

PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018): 840 train articles;
the epoch is chosen on the 84 dev articles (best epoch {meta['best_epoch']} of
{s['epochs']}). US political news 2015-2016 from seven publishers. The corpus
annotations are distributed for research; check the PolNeAR licence before
commercial use of models trained on it.

## Dev metrics (reference scorer definitions)

| metric | P | R | F1 |
|---|---|---|---|
{rows}

## Training

`saidwho train --polnear DIR --out MODEL_DIR --epochs {s['epochs']} --seed {s['seed']}`
(hidden {s['hidden']}, {s['layers']} layers, dropout {s['dropout']}, Adam lr {s['lr']},
batch {s['batch']}, {s['threads']} CPU threads).

## Intended use

Finding attributions (who said, thought or wanted what) in English news text,
as input to sourcing analysis. Trained on US political coverage from 2015-2016:
expect lower accuracy on other domains, other varieties of English, and
transcripts or social media. Attributions are descriptions of sourcing, not
judgements of truth.
"""


def export(net, vocab: Vocab, dense_dim: int, out: Path) -> None:
    import torch

    ids = torch.ones((1, 7, len(CATEGORICAL)), dtype=torch.long)
    dense = torch.zeros((1, 7, dense_dim))
    torch.onnx.export(
        net, (ids, dense), str(out / "model.onnx"), input_names=["ids", "dense"], output_names=["scores"],
        dynamic_axes={"ids": {1: "tokens"}, "dense": {1: "tokens"}, "scores": {1: "tokens"}},
        opset_version=17, dynamo=False,
    )
