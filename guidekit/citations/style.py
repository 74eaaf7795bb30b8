"""AMA / Vancouver reference style, as a pybtex formatting style.

Field text goes through :mod:`.latex` instead of pybtex's ``from_latex``, so
``\\emph``, sub/superscripts and maths come out as rich text, not backslashes.
Links (DOI, PubMed, PMC, URL) are added by the renderer, not here, so that no
URL is ever written into HTML by pybtex's unescaped ``href``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pybtex.database import Entry, Person
from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle
from pybtex.style.template import FieldIsMissing, first_of, join, node, optional, sentence, tag, words

from .latex import to_plain, to_rich
from .model import Reference

#: AMA lists every author up to six; beyond that, the first three and "et al".
MAX_AUTHORS = 6
SHOWN_WHEN_TRUNCATED = 3
RE_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@node
def rich(children: list, context: dict, name: str) -> Text:
    """A field converted from LaTeX to rich text; missing fields make `optional` drop."""
    value = context["entry"].fields.get(name)
    if not value:
        raise FieldIsMissing(name, context["entry"])
    return to_rich(value)


@node
def ama_names(children: list, context: dict, role: str) -> Text:
    """Names as "Surname Initials", comma-separated, "et al" past six."""
    people = context["entry"].persons.get(role)
    if not people:
        raise FieldIsMissing(role, context["entry"])
    truncated_in_bib = _has_others(people)
    if truncated_in_bib:
        people = people[:-1]
    shown = people if len(people) <= MAX_AUTHORS else people[:SHOWN_WHEN_TRUNCATED]
    names = [format_person(p) for p in shown]
    if len(people) > MAX_AUTHORS or truncated_in_bib:
        names.append("et al")
    return Text(", ".join(n for n in names if n))


@node
def accessed(children: list, context: dict) -> Text:
    """ "Accessed November 26, 2026" from an ISO ``urldate``."""
    value = context["entry"].fields.get("urldate")
    if not value:
        raise FieldIsMissing("urldate", context["entry"])
    return Text("Accessed ", format_date(value))


def format_person(person: Person) -> str:
    """One name in AMA form: ``van Gogh V``, ``Anderson MM Jr``; institutions as written."""
    last = " ".join(to_plain(p) for p in person.prelast_names + person.last_names)
    given = person.first_names + person.middle_names
    if not given:
        return last
    initials = "".join(_initials(to_plain(name)) for name in given)
    lineage = " ".join(to_plain(p).rstrip(".") for p in person.lineage_names)
    return " ".join(part for part in (last, initials, lineage) if part)


def _initials(name: str) -> str:
    return "".join(part[0].upper() for part in re.split(r"[-\s.]+", name) if part and part[0].isalpha())


def _has_others(people: list[Person]) -> bool:
    # BibTeX's "and others" means the list was cut by the author of the .bib.
    return str(people[-1]).strip().lower() == "others"


def format_date(value: str) -> str:
    """``2026-11-26`` -> ``November 26, 2026``; anything else unchanged."""
    match = RE_ISO_DATE.match(value.strip())
    if not match:
        return value
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return value
    return f"{day:%B} {day.day}, {day.year}"


class AmaStyle(BaseStyle):
    """AMA 11th edition, the usual numeric style in medicine."""

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = "none"

    def _authors(self) -> object:
        # first_of does not skip missing fields by itself; optional[] turns them into "".
        return first_of[
            optional[sentence[ama_names("author")]],
            optional[sentence[ama_names("editor"), "eds"]],
            optional[sentence[rich("organization")]],
            optional[sentence[rich("institution")]],
        ]

    def _tail(self) -> object:
        return optional[sentence[rich("note")]]

    def get_article_template(self, e: Entry) -> object:
        volume = optional[";", rich("volume"), optional["(", rich("number"), ")"]]
        pages = optional[":", rich("pages")]
        return join(sep=" ")[
            self._authors(),
            sentence[rich("title")],
            optional[sentence[tag("em")[rich("journal")]]],
            sentence[join[rich("year"), volume, pages]],
            self._tail(),
        ]

    def get_book_template(self, e: Entry) -> object:
        return join(sep=" ")[
            self._authors(),
            sentence[tag("em")[rich("title")]],
            optional[sentence[words[rich("edition"), "ed"]]],
            sentence[join(sep="; ")[optional[rich("publisher")], rich("year")]],
            self._tail(),
        ]

    def get_incollection_template(self, e: Entry) -> object:
        editors = optional[join(sep=", ")[ama_names("editor"), "eds."]]
        return join(sep=" ")[
            sentence[ama_names("author")],
            sentence[rich("title")],
            sentence[join(sep=" ")["In:", editors, tag("em")[rich("booktitle")]]],
            optional[sentence[words[rich("edition"), "ed"]]],
            sentence[join[join(sep="; ")[optional[rich("publisher")], rich("year")], optional[":", rich("pages")]]],
            self._tail(),
        ]

    def get_inbook_template(self, e: Entry) -> object:
        if "booktitle" in e.fields:
            return self.get_incollection_template(e)
        return self.get_book_template(e)

    def get_techreport_template(self, e: Entry) -> object:
        # An institution already named as the author is not repeated as publisher.
        publisher = optional[rich("institution")] if e.persons else None
        return join(sep=" ")[
            self._authors(),
            sentence[tag("em")[rich("title")]],
            optional[sentence[words["Report", rich("number")]]],
            sentence[join(sep="; ")[publisher, rich("year")] if publisher else rich("year")],
            self._tail(),
        ]

    def get_misc_template(self, e: Entry) -> object:
        site = first_of[optional[rich("howpublished")], optional[rich("publisher")], optional[rich("organization")]]
        return join(sep=" ")[
            self._authors(),
            sentence[rich("title")],
            optional[sentence[site]],
            optional[sentence[words["Published", rich("year")]]],
            optional[sentence[accessed]],
            self._tail(),
        ]

    def get_fallback_template(self, e: Entry) -> object:
        """For an incomplete entry (already warned about): print whatever it has."""
        return join(sep=" ")[
            self._authors(),
            optional[sentence[rich("title")]],
            optional[sentence[tag("em")[first_of[optional[rich("journal")], optional[rich("booktitle")]]]]],
            optional[sentence[rich("year")]],
            self._tail(),
        ]

    get_report_template = get_techreport_template
    get_online_template = get_misc_template
    get_manual_template = get_techreport_template
    get_phdthesis_template = get_book_template
    get_mastersthesis_template = get_book_template
    get_unpublished_template = get_misc_template
    get_proceedings_template = get_book_template
    get_inproceedings_template = get_incollection_template
    get_conference_template = get_incollection_template
    get_booklet_template = get_book_template


@lru_cache(maxsize=1)
def _style() -> AmaStyle:
    # Built once: BaseStyle looks up its plugins through entry points, which is slow.
    return AmaStyle()


def to_entry(ref: Reference) -> Entry:
    """A pybtex Entry from a cached Reference."""
    persons = {role: [Person(name) for name in names] for role, names in ref.persons.items()}
    return Entry(ref.type, fields=ref.fields, persons=persons)


def format_reference(ref: Reference) -> Text:
    """The reference's AMA text (without links), as pybtex rich text."""
    entry = to_entry(ref)
    entry.key = ref.key
    style = _style()
    getter = getattr(style, f"get_{ref.type}_template", style.get_misc_template)
    context = {"entry": entry, "style": style, "bib_data": None}
    try:
        return getter(entry).format_data(context)
    except FieldIsMissing:
        return style.get_fallback_template(entry).format_data(context)


def short_author(ref: Reference) -> str:
    """In-text author: "Beck", "Beck and Cleary", "Beck et al."."""
    people = [Person(n) for n in ref.persons.get("author") or ref.persons.get("editor") or ()]
    if not people:
        return to_plain(ref.get("organization") or ref.get("institution") or ref.get("title"))
    surnames = [" ".join(to_plain(p) for p in person.prelast_names + person.last_names) for person in people]
    if len(surnames) == 1:
        return surnames[0]
    if len(surnames) == 2 and not _has_others(people):
        return f"{surnames[0]} and {surnames[1]}"
    return f"{surnames[0]} et al."
