"""The BibTeX export carries the work's fields, never the editors' checking notes."""

from __future__ import annotations

from guidekit.citations.export import bibtex_entry
from guidekit.citations.model import Reference


def test_checking_fields_stay_out_of_the_bibtex_export() -> None:
    ref = Reference(
        key="a2004",
        type="article",
        fields={
            "author": "Smith, A. B.",
            "title": "A title",
            "journal": "Neurology",
            "year": "2004",
            "missing": "volume: not shown in any record read",
            "nopmid": "PubMed does not index it",
            "superseded": "b2013",
        },
        source="references/x.bib",
        line=1,
    )
    text = bibtex_entry(ref)
    assert "journal = {Neurology}" in text and "author = {Smith, A. B.}" in text
    for name in ("missing", "nopmid", "superseded"):
        assert f"{name} =" not in text
