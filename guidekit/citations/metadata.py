"""Machine-readable citations in pages: COinS spans and Highwire ``citation_reference``.

Zotero's connector reads COinS (``<span class="Z3988" title="...">``) from the
body, and Google Scholar and Zotero read ``citation_*`` meta tags from the head.
Both are built from the same plain record, with the same name forms:

- a corporate author is sent whole: OpenURL's ``rft.aucorp`` (Zotero keeps it as
  one field), and in Highwire tags as ``Name,`` (the "Last, First" form with no
  first name, which Zotero and Scholar read as one surname instead of splitting
  it at the last space);
- a suffix goes in OpenURL's ``rft.ausuffix`` and in Highwire's third part
  (``Anderson, Malcolm M., Jr.``, as RIS writes it).
"""

from __future__ import annotations

from urllib.parse import urlencode

from .records import Person, Record

COINS_VERSION = "Z39.88-2004"
FORMATS = {"article": "journal", "bookitem": "book", "book": "book"}


def coins(rec: Record) -> str:
    """The ``title`` of a COinS span: an OpenURL ContextObject in key/value form."""
    fmt = FORMATS.get(rec.coins_genre, "dc")
    pairs: list[tuple[str, str]] = [("ctx_ver", COINS_VERSION), ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{fmt}")]
    if rec.doi:
        pairs.append(("rft_id", f"info:doi/{rec.doi}"))
    if rec.pmid:
        pairs.append(("rft_id", f"info:pmid/{rec.pmid}"))
    if rec.url:  # already checked: http(s) only
        pairs.append(("rft_id", rec.url))
    if fmt == "dc":
        pairs += [("rft.type", rec.coins_genre), ("rft.title", rec.title)]
        for person in rec.authors:
            pairs.append(("rft.aucorp", person.family) if person.institution else ("rft.creator", _name(person)))
        pairs += [("rft.date", rec.year), ("rft.publisher", rec.publisher)]
    else:
        title_key = "rft.atitle" if rec.coins_genre in ("article", "bookitem") else "rft.btitle"
        container_key = "rft.jtitle" if fmt == "journal" else "rft.btitle"
        pairs += [("rft.genre", rec.coins_genre), (title_key, rec.title)]
        if rec.coins_genre != "book":
            pairs.append((container_key, rec.container))
        pairs += [("rft.date", rec.year), ("rft.volume", rec.volume), ("rft.issue", rec.issue)]
        pairs += [("rft.spage", rec.first_page), ("rft.epage", rec.last_page), ("rft.pub", rec.publisher)]
        for person in rec.authors:
            if person.institution:
                pairs.append(("rft.aucorp", person.family))
            else:
                pairs += [("rft.aulast", person.family), ("rft.aufirst", person.given), ("rft.ausuffix", person.suffix)]
    return urlencode([(k, v) for k, v in pairs if v])


def citation_reference(rec: Record) -> str:
    """One ``citation_reference`` meta value, in Google Scholar's ``key=value;`` form."""
    parts = [("citation_title", rec.title)]
    parts += [("citation_author", highwire_name(p)) for p in rec.authors]
    parts += [
        ("citation_journal_title", rec.container if rec.type == "article" else ""),
        ("citation_publication_date", rec.year),
        ("citation_volume", rec.volume),
        ("citation_issue", rec.issue),
        ("citation_firstpage", rec.first_page),
        ("citation_lastpage", rec.last_page),
        ("citation_doi", rec.doi),
        ("citation_pmid", rec.pmid),
    ]
    # The format has no escaping: a ";" inside a value would split it.
    return "; ".join(f"{k}={v.replace(';', ',')}" for k, v in parts if v)


def _name(person: Person) -> str:
    """``Family, Given, Suffix``: the order RIS and Zotero's own name parser use."""
    return ", ".join(part for part in (person.family, person.given, person.suffix) if part)


def highwire_name(person: Person) -> str:
    """A ``citation_author`` value: ``Family, Given[, Suffix]``, or ``Organisation,`` kept whole."""
    return f"{person.family}," if person.institution else _name(person)


def corporate(name: str) -> Person:
    """An organisation as an author (the site's own editors, for the page-level tags)."""
    return Person(family=name, institution=True)
