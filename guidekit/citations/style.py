"""AMA / Vancouver reference style, as a pybtex formatting style.

Each entry type has a ``format_<type>`` method (pybtex's BaseStyle calls these
when a type has no template) that builds pybtex rich text directly: the
template engine was most of a cold build's time. Field text goes through
:mod:`.latex` instead of pybtex's ``from_latex``, so ``\\emph``, sub- and
superscripts and maths come out as rich text, not backslashes. Links (DOI,
PubMed, PMC, URL) are added by the renderer, never by pybtex's unescaped href.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from pybtex.richtext import Tag, Text
from pybtex.style.formatting import BaseStyle

from .latex import to_plain, to_rich
from .model import Reference
from .names import format_names, names_of
from .titlecase import title_case

RE_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
RE_DAY_MONTH_YEAR = re.compile(r"^published online (\d{1,2}) ([A-Za-z]+)\.? (\d{4})\.?$", re.IGNORECASE)
RE_PAGE_SPLIT = re.compile(r"\s*(?:-{1,3}|–|—)\s*")
TERMINAL = (".", "?", "!")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10}


def ordinal(value: str) -> str:
    """AMA editions: ``3`` and ``third`` -> ``3rd``; ``5th`` and ``Revised`` unchanged."""
    text = value.strip()
    number = int(text) if text.isdigit() else ORDINAL_WORDS.get(text.lower())
    if number is None:
        return value
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def month_name(value: str) -> str:
    """``mar``, ``3`` or ``March`` -> ``March``; "" when it is not a month."""
    text = value.strip().rstrip(".").lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return MONTHS[int(text) - 1]
    return next((name for name in MONTHS if len(text) >= 3 and name.lower().startswith(text)), "")


def publication_date(ref: Reference) -> str:
    """``March 4, 2025``, ``March 2025`` or ``2025`` from the year, month and day fields."""
    year = to_plain(ref.get("year"))
    month = month_name(to_plain(ref.get("month")))
    day = to_plain(ref.get("day")).strip()
    if month and day.isdigit():
        return f"{month} {int(day)}, {year}"
    return f"{month} {year}" if month else year


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


def _sentence(*parts: Text | str | None, sep: str = "") -> Text | None:
    """Join the non-empty parts and end with a period unless already terminated."""
    present = [p for p in parts if p]
    if not present:
        return None
    text = Text(*present) if not sep else Text(sep).join(present)
    return text if str(text).rstrip().endswith(TERMINAL) else text + "."


def _online_note(ref: Reference) -> Text | None:
    """A note that already gives the online date ("Published online 25 July 2013") of an article with no volume."""
    note = ref.get("note")
    if ref.type == "article" and not (ref.get("volume") or ref.get("number")) and note.lower().startswith(
        "published online"
    ):
        day_first = RE_DAY_MONTH_YEAR.match(note)
        if day_first and month_name(day_first.group(2)):  # "25 July 2013" -> AMA's "July 25, 2013"
            return Text(f"Published online {month_name(day_first.group(2))} {int(day_first.group(1))}, "
                        f"{day_first.group(3)}")
        return to_rich(note.rstrip("."))
    return None


class AmaStyle(BaseStyle):
    """AMA 11th edition, the usual numeric style in medicine."""

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = "none"

    # Field helpers: rich text of a field, or None when it is empty.
    @staticmethod
    def f(ref: Reference, name: str) -> Text | None:
        value = ref.get(name)
        return to_rich(value) if value else None

    @staticmethod
    def title(ref: Reference, name: str = "title", case: bool = False) -> Text | None:
        """A title: quotes inside it are double (AMA); book and report titles in title case."""
        value = ref.get(name)
        if not value:
            return None
        return to_rich(title_case(value) if case else value, double_quotes=True)

    @staticmethod
    def pages(ref: Reference) -> Text | None:
        """Page range joined by a hyphen, as AMA and its CSL style write it (581-588)."""
        value = ref.get("pages")
        if not value:
            return None
        return Text("-").join([to_rich(part) for part in RE_PAGE_SPLIT.split(value.strip()) if part])

    def edition(self, ref: Reference) -> Text | None:
        value = ref.get("edition")
        return _sentence(to_rich(ordinal(value)), " ed") if value else None

    def authors(self, ref: Reference) -> Text | None:
        if authors := names_of(ref, "author"):
            return _sentence(format_names(authors))
        if editors := names_of(ref, "editor"):
            return _sentence(format_names(editors), ", eds")
        return _sentence(self.f(ref, "organization") or self.f(ref, "institution"))

    def tail(self, ref: Reference) -> Text | None:
        return None if _online_note(ref) else _sentence(self.f(ref, "note"))

    def format_article(self, ref: Reference) -> list[Text | None]:
        volume = self.f(ref, "volume")
        issue = self.f(ref, "number")
        pages = self.pages(ref)
        journal = self.f(ref, "journal")
        # AMA: 2012;326(9):581-588, and for issue-only journals (Cochrane) 2012;(12):CD006921.
        # With neither volume nor issue it is ahead of print (AMA 3.11): "Published online <date>".
        number = Text("(", issue, ")") if issue else ""
        online = _online_note(ref) or Text(f"Published online {publication_date(ref)}")
        date = Text(
            self.f(ref, "year") or "" if volume or issue else online,
            Text(";", volume or "", number) if volume or issue else "",
            Text(":", pages) if pages else "",
        )
        return [
            self.authors(ref),
            _sentence(self.title(ref)),
            _sentence(Tag("em", journal)) if journal else None,
            _sentence(date),
            # An article found by its web address rather than a DOI carries the date it was read, as AMA's
            # online style (and its CSL rendering) does.
            _sentence("Accessed ", format_date(ref.get("urldate")))
            if ref.get("urldate") and ref.get("url") and not ref.get("doi") else None,
            self.tail(ref),
        ]

    def format_book(self, ref: Reference) -> list[Text | None]:
        publisher = self.f(ref, "publisher")
        return [
            self.authors(ref),
            _sentence(Tag("em", self.title(ref, case=True) or "")),
            self.edition(ref),
            _sentence(publisher, "; " if publisher else "", self.f(ref, "year")),
            self.tail(ref),
        ]

    def format_incollection(self, ref: Reference) -> list[Text | None]:
        editors = names_of(ref, "editor")
        publisher = self.f(ref, "publisher")
        pages = self.pages(ref)
        return [
            _sentence(format_names(names_of(ref, "author"))),
            _sentence(self.title(ref)),
            _sentence("In: ", f"{format_names(editors)}, eds. " if editors else "",
                      Tag("em", self.title(ref, "booktitle", case=True) or "")),
            self.edition(ref),
            _sentence(publisher, "; " if publisher else "", self.f(ref, "year"), Text(":", pages) if pages else ""),
            self.tail(ref),
        ]

    def format_inbook(self, ref: Reference) -> list[Text | None]:
        return self.format_incollection(ref) if ref.get("booktitle") else self.format_book(ref)

    def format_techreport(self, ref: Reference) -> list[Text | None]:
        number = self.f(ref, "number")
        # An institution already named as the author is not repeated as publisher.
        publisher = self.f(ref, "institution") if ref.get("author") or ref.get("editor") else None
        return [
            self.authors(ref),
            _sentence(Tag("em", self.title(ref, case=True) or "")),
            _sentence("Report ", number) if number else None,
            _sentence(publisher, "; " if publisher else "", self.f(ref, "year")),
            self.tail(ref),
        ]

    def format_misc(self, ref: Reference) -> list[Text | None]:
        site = self.f(ref, "howpublished") or self.f(ref, "publisher") or self.f(ref, "organization")
        year = self.f(ref, "year")
        urldate = ref.get("urldate")
        authors = self.authors(ref)
        return [
            authors,
            _sentence(self.title(ref)),
            # A site that is also the author (NICE, NICE) is named once.
            _sentence(site) if site and str(site) != str(authors or "").rstrip(".") else None,
            _sentence("Published ", year) if year else None,
            _sentence("Accessed ", format_date(urldate)) if urldate else None,
            self.tail(ref),
        ]

    format_report = format_techreport
    format_manual = format_techreport
    format_online = format_misc
    format_unpublished = format_misc
    format_phdthesis = format_book
    format_mastersthesis = format_book
    format_proceedings = format_book
    format_booklet = format_book
    format_inproceedings = format_incollection
    format_conference = format_incollection


@lru_cache(maxsize=1)
def _style() -> AmaStyle:
    # Built once: BaseStyle looks up its plugins through entry points, which is slow.
    return AmaStyle()


def format_reference(ref: Reference) -> Text:
    """The reference's AMA text (without links), as pybtex rich text."""
    style = _style()
    method: Callable[[Reference], list[Text | None]] = getattr(style, f"format_{ref.type}", style.format_misc)
    return Text(" ").join([part for part in method(ref) if part])


def short_author(ref: Reference) -> str:
    """In-text author: "Beck", "Beck and Cleary", "Beck et al" (AMA: "et al" takes no period)."""
    names = names_of(ref, "author") or names_of(ref, "editor")
    if not names:
        return to_plain(ref.get("organization") or ref.get("institution") or ref.get("title"))
    surnames = [to_plain(n.last) for n in names]
    if len(names) == 1:
        return surnames[0]
    if len(names) == 2 and not names[-1].is_others:
        return f"{surnames[0]} and {surnames[1]}"
    return f"{surnames[0]} et al"
