"""The Python-Markdown extension: Pandoc citations -> numbered AMA references.

Pipeline per page:

1. a preprocessor keeps the raw source lines, to name lines in messages;
2. a tree processor, after inline parsing, finds ``[@a; @b]`` and in-text ``@a``
   in the text (code is never read: see scan), numbers the citations in document
   order, renders the superscripts and appends (or places at ``id="refs"``) the
   reference list;
4. with ``defer_entries`` (MkDocs), the reference list, the superscripts and the site
   bibliography's lists leave the page as comments until search has indexed it
   (Material's parser reads every tag, even excluded ones): see fill_references.

A page has two layers: its patient text, and clinician boxes (any element with
the class ``clinician``: ``/// details`` with ``type: clinician``, or a
``clinician`` admonition). The list shows what the patient text cites; works
cited only in clinician boxes follow in a collapsed clinician box of their own.
One numbering runs through both, so each number names one entry. A page whose
``audience`` is ``clinician`` is clinician text throughout, and keeps one list.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from guidekit.pagecontext import meta_option
from guidekit.pagesource import find_line

from . import entries
from .library import find_bib_files, load_library
from .markup import escape_text, tag
from .model import Citation, Library, Problem, Reference
from .render import (
    assign_numbers,
    group_html,
    ref_id,
    reference_list_html,
    render_group,
    render_missing,
    split_by_layer,
)
from .scan import mark_citations

LOG = logging.getLogger("guidekit.citations")
ATTR = "data-gk-cite"
REFS_MARKER_ID = "refs"
#: Where a deferred reference section goes back (see fill_references).
LIST_TOKEN = "<!--gk-references-->"  # noqa: S105 - a placeholder, not a secret
MARKUP_TOKEN = "<!--gk-markup:{index}-->"  # noqa: S105 - a placeholder, not a secret
RE_MARKUP_TOKEN = re.compile(r"<!--gk-markup:(\d+)-->")
RE_MARKUP_MARK = re.compile("\x02gk-markup:(\\d+)\x03")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
#: Who a page is written for: a patient page has a clinician layer; a clinician page is that layer throughout.
AUDIENCES = ("patient", "clinician")
#: The class that marks the clinician layer (the details type or admonition type the site uses).
CLINICIAN_CLASS = "clinician"
#: The id of the collapsed box that holds a page's clinician list.
CLINICIAN_LIST_ID = "references-clinician"



@dataclass
class PageCitations:
    """What one page cited, in document order: handed to the collector."""

    #: (key as in the library, citation element id, nearest preceding heading id)
    occurrences: list[tuple[str, str, str]] = field(default_factory=list)
    #: with defer_entries: the reference section's HTML, which the page holds as LIST_TOKEN (see fill_references)
    references_html: str = ""
    #: with defer_entries: the deferred markup, which the page holds as MARKUP_TOKEN (see fill_references)
    markup: list[str] = field(default_factory=list)
    #: with defer_entries: the ids the reference lists hold, which never enter the page's tree
    #: (the MkDocs hook adds them to those its anchor validation knows)
    anchor_ids: list[str] = field(default_factory=list)


@dataclass
class _State:
    lines: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    seen_text: dict[str, int] = field(default_factory=dict)
    #: citation element id -> library keys it cites, for the collector
    cited: dict[str, list[str]] = field(default_factory=dict)
    #: every citation in document order, as numbered (for tools that compare with other engines)
    in_order: list[Citation] = field(default_factory=list)
    #: with defer_entries: the reference section's HTML, taken out of the page
    references_html: str = ""
    #: with defer_entries: the reference lists' HTML, which joins the heading when the section leaves the page
    lists_html: str = ""
    #: the ids in the reference lists' HTML
    anchor_ids: list[str] = field(default_factory=list)
    #: with defer_entries: serialised superscripts and bibliography lists, in token order
    markup: list[str] = field(default_factory=list)
    #: the page's headings in document order, and each citation's nearest heading (an index into them):
    #: the collector reads their ids once the table of contents has given them
    headings: list[ET.Element] = field(default_factory=list)
    sections: list[int] = field(default_factory=list)
    #: superscripts in headings, with their parents (see _HeadingSuperscripts)
    heading_sups: list[tuple[ET.Element, ET.Element]] = field(default_factory=list)
    #: while the table of contents reads the headings: (parent, superscript, index, length of the text before it)
    stepped_out: list[tuple[ET.Element, ET.Element, int, int]] = field(default_factory=list)

    def locate(self, text: str) -> int | None:
        """1-based line of the next occurrence of ``text`` outside fenced code."""
        wanted = self.seen_text.get(text, 0)
        line = find_line(self.lines, text, wanted)
        if line is not None:
            self.seen_text[text] = wanted + 1
        return line


def _default_reporter(problem: Problem) -> None:
    LOG.warning("line %s: %s", problem.line, problem.message)


class CitationsExtension(Extension):
    """``markdown.markdown(text, extensions=["guidekit.citations"])``."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "bibliography": ["references", "A .bib file, or a folder whose *.bib files are read together"],
            "cache_dir": [".cache/guidekit", "Where the parsed library is cached; empty to disable"],
            # Defaults are "" rather than None: Python-Markdown coerces None-default options to booleans.
            "library": ["", "A preloaded Library (skips reading the bibliography)"],
            "reporter": ["", "Callable(Problem) for content problems; default: log a warning"],
            "collector": ["", "Callable(PageCitations) called once per page"],
            "references_title": ["References", "Heading of the per-page reference list"],
            "clinician_references_title": [
                "For clinicians: sources cited only in the clinician notes",
                "Summary of the collapsed box that lists works cited only in clinician boxes",
            ],
            "audience": ["patient", "patient: clinician boxes get their own list; clinician: one list for all"],
            "defer_entries": [False, "Hold the reference lists, superscripts and bibliography lists outside the "
                                     "page (PageCitations) for the caller to put back with fill_references() "
                                     "(MkDocs: after search indexing); default: inline"],
        }
        super().__init__(**kwargs)
        if self.getConfig("audience") not in AUDIENCES:
            raise ValueError(f"audience must be 'patient' or 'clinician', not '{self.getConfig('audience')}'")
        self.state = _State()
        self._library: Library | None = None
        self.md: Markdown | None = None

    def library(self) -> Library:
        preloaded = self.getConfig("library")
        if isinstance(preloaded, Library):
            return preloaded
        if self._library is None:
            location = Path(self.getConfig("bibliography"))
            cache = self.getConfig("cache_dir")
            files = find_bib_files(location)
            self._library = load_library(files, root=Path.cwd(), cache_dir=Path(cache) if cache else None)
        return self._library

    def report(self, message: str, line: int | None) -> None:
        reporter = self.getConfig("reporter")
        (reporter if callable(reporter) else _default_reporter)(Problem(message, line))

    def extendMarkdown(self, md: Markdown) -> None:
        self.md = md
        md.registerExtension(self)
        md.preprocessors.register(_SourceKeeper(md, self), "gk_cite_source", 40)
        # 16: after inline processing (20), which leaves code, links and raw HTML as elements and
        # placeholders (see scan); before attr_list (8) and toc (5), so the reference list's heading
        # gets into the table of contents.
        md.treeprocessors.register(_CitationTree(md, self), "gk_cite_tree", 16)
        # 5.5 and 4.75: around toc (5), so a heading's id and title leave out its citation numbers;
        # with defer_entries they then leave the tree like every other superscript.
        md.treeprocessors.register(_HeadingSuperscripts(md, self, out=True), "gk_cite_heading_out", 5.5)
        md.treeprocessors.register(_HeadingSuperscripts(md, self, out=False), "gk_cite_heading_back", 4.75)
        # 4.5: after toc and MkDocs' anchor extraction (5), which must see every id of the list.
        md.treeprocessors.register(_DeferList(md, self), "gk_cite_defer", 4.5)
        # 4: after toc (5), so every heading has its final id.
        md.treeprocessors.register(_CitationCollector(md, self), "gk_cite_collect", 4)
        # 10: after raw HTML (30) and the ampersand placeholder (20) are restored.
        md.postprocessors.register(_MarkupTokens(md), "gk_cite_markup_tokens", 10)

    def reset(self) -> None:
        self.state = _State()

    def hold(self, html: str, anchor_ids: Iterable[str] = ()) -> str:
        """Text that stands in the tree for finished ``html``, which no later pass need read.

        With defer_entries, a mark: the markup waits outside the page until fill_references;
        otherwise raw HTML, stashed as Python-Markdown stashes an author's. ``anchor_ids``
        are the ids in ``html``, which the collector reports (PageCitations.anchor_ids).
        """
        self.state.anchor_ids.extend(anchor_ids)
        if self.getConfig("defer_entries"):
            return _mark(_store(self.state, html))
        if self.md is None:
            raise RuntimeError("guidekit.citations: hold() before extendMarkdown()")
        return self.md.htmlStash.store(html)


class _SourceKeeper(Preprocessor):
    def __init__(self, md: Markdown, ext: CitationsExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.ext.state.lines = list(lines)
        return lines


def _placeholder(ext: CitationsExtension, citation: Citation) -> ET.Element:
    ext.state.citations.append(citation)
    return ET.Element("span", {ATTR: str(len(ext.state.citations) - 1)})


class _CitationTree(Treeprocessor):
    def __init__(self, md: Markdown, ext: CitationsExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: ET.Element) -> None:
        state = self.ext.state
        # The library is read only once an in-text @word needs checking: a page without citations needs none.
        mark_citations(root, lambda key: self.ext.library().find(key) is not None,
                       lambda citation: _placeholder(self.ext, citation))
        if not state.citations:
            return
        library = self.ext.library()
        refs = library.references
        found = _placeholders(root, state.headings)
        state.sections = [place.section for place in found]
        ordered_citations = [state.citations[int(item.element.get(ATTR, "0"))] for item in found]
        state.in_order = ordered_citations
        numbers = assign_numbers(ordered_citations, refs)  # the dict itself: a set of 5,000 keys per page cost more
        backlinks: dict[str, list[str]] = {}
        defer = bool(self.ext.getConfig("defer_entries"))
        for index, (place, citation) in enumerate(zip(found, ordered_citations, strict=True), start=1):
            element, parent = place.element, place.parent
            cite_id = f"cite-{index}"
            missing = [item.key for item in citation.items if item.key.lower() not in refs]
            if missing:
                line = state.locate(citation.source)
                for key in missing:
                    self.ext.report(f"unknown citation key '{key}' in {citation.source}", line)
            if defer and not place.heading and not missing:
                self._defer_rendered(element, parent, citation, numbers, refs, cite_id)
            else:
                self._fill(element, citation, numbers, refs, cite_id, missing)
                if not missing:
                    close_up(element, parent, in_text=citation.in_text)
                if defer and not place.heading:
                    self._defer_superscripts(element, parent)
                if place.heading:  # see _HeadingSuperscripts
                    state.heading_sups.extend(
                        [(parent, element)] if element.get("class") == "gk-cite"
                        else [(element, sup) for sup in element if sup.get("class") == "gk-cite"])
            for item in citation.items:
                key = item.key.lower()
                if key in refs and cite_id not in backlinks.setdefault(key, []):
                    backlinks[key].append(cite_id)
                    state.cited.setdefault(cite_id, []).append(refs[key].key)
        if numbers:
            ordered = sorted((refs[k] for k in numbers), key=lambda ref: numbers[ref.key.lower()])
            in_clinician = [item.clinician for item in found]
            patient, clinician = self._layers(ordered, ordered_citations, in_clinician)
            # Finished entries: with defer_entries the lists wait outside the page whole, entries and all.
            bodies = {ref.key.lower(): entries.body_html(library, ref.key.lower()) for ref in ordered}
            self._place_lists(root, *(reference_list_html(refs_of, bodies, backlinks, numbers) if refs_of else ""
                                      for refs_of in (patient, clinician)))
            self.ext.state.anchor_ids.extend(ref_id(ref.key) for ref in ordered)
            if clinician:
                self.ext.state.anchor_ids.append(CLINICIAN_LIST_ID)

    def _layers(self, ordered: list[Reference], citations: list[Citation],
                in_clinician: list[bool]) -> tuple[list[Reference], list[Reference]]:
        """(patient list, clinician list): see split_by_layer; a clinician page keeps one list."""
        # Under a builder without hooks (Zensical) the page's front matter says it (guidekit.pagecontext).
        if meta_option(self.md, "audience", self.ext.getConfig("audience"), AUDIENCES) == "clinician":
            return ordered, []
        in_patient_text = {
            item.key.lower()
            for citation, clinician in zip(citations, in_clinician, strict=True)
            if not clinician
            for item in citation.items
        }
        return split_by_layer(ordered, in_patient_text)

    def _fill(self, element: ET.Element, citation: Citation, numbers: dict, refs: dict, cite_id: str,
              missing: list[str]) -> None:
        del element.attrib[ATTR]
        if not citation.in_text and not missing:
            # A plain bracketed citation becomes the <sup> itself: no wrapper element.
            sup = render_group(citation, numbers, refs, cite_id)
            element.tag, element.attrib, element.text = sup.tag, sup.attrib, sup.text
            element.extend(list(sup))
            return
        element.set("class", "gk-citation")
        if citation.in_text and not missing:
            element.text = entries.in_text_author(self.ext.library(), citation.items[0].key.lower())
        if len(missing) < len(citation.items):
            element.append(render_group(citation, numbers, refs, cite_id))
        if missing:
            element.append(render_missing(missing))

    def _defer_rendered(self, element: ET.Element, parent: ET.Element, citation: Citation, numbers: dict,
                        refs: dict, cite_id: str) -> None:
        """With defer_entries, a citation outside headings goes straight to HTML, out of the tree.

        Nothing after this pass changes a superscript (its links point within the page,
        at ids this engine writes), and 4,000 of them were a tenth of a warm build:
        as elements, every later tree pass walked them and the serialiser wrote them out.
        The superscript leaves a text mark (see _detach); an in-text citation keeps its
        author in the tree, for the passes that read text (abbreviations).
        """
        state = self.ext.state
        html = group_html(citation, numbers, refs, cite_id)
        if util.AMP_SUBSTITUTE in html:  # as in _detach
            html = html.replace(util.AMP_SUBSTITUTE, "&")
        index = _store(state, html)
        element.attrib.clear()
        if citation.in_text:
            element.set("class", "gk-citation")
            element.text = entries.in_text_author(self.ext.library(), citation.items[0].key.lower())
            close_up(element, parent, in_text=True)
            element.text += _mark(index)
            return
        close_up(element, parent, in_text=False)
        _put_text(parent, element, _mark(index) + (element.tail or ""))
        parent.remove(element)

    def _defer_superscripts(self, element: ET.Element, parent: ET.Element) -> None:
        """With defer_entries, the superscript of a citation with an unknown key leaves the tree now.

        In a heading it waits for _HeadingSuperscripts, after the table of contents has read the heading.
        """
        state = self.ext.state
        if element.get("class") == "gk-cite":
            _detach(self.md, state, element, parent)
            return
        for sup in [child for child in element if child.get("class") == "gk-cite"]:
            _detach(self.md, state, sup, element)

    def _place_lists(self, root: ET.Element, patient: str, clinician: str) -> None:
        """The reference section: its heading, the patient list, then the clinician list in a collapsed box.

        Only the heading is an element (the table of contents reads it); the lists are HTML,
        held for _DeferList with defer_entries, or else stashed as raw HTML.
        """
        title = self.ext.getConfig("references_title")
        marker = next((el for el in root.iter() if el.get("id") == REFS_MARKER_ID), None)
        section = marker if marker is not None else ET.SubElement(root, "div")
        section.set("id", REFS_MARKER_ID)
        section.set("class", "gk-references-section")
        # Per-page lists stay out of Material's search index: a search for an author
        # should not hit every page that cites them. (Indexing them was also most of
        # the build time: the search parser is quadratic in a section's markup.)
        section.set("data-search-exclude", "")
        heading = ET.SubElement(section, "h2", {"id": "references"})
        heading.text = title
        if clinician:
            # The same box as the page's own clinician notes: collapsed on screen, and
            # left out of a patient printout by the same print rule.
            summary = tag("summary", {}, escape_text(self.ext.getConfig("clinician_references_title")))
            clinician = tag("details", {"class": f"{CLINICIAN_CLASS} gk-references-clinician", "id": CLINICIAN_LIST_ID},
                            f"\n{summary}\n{clinician}") + "\n"
        if self.ext.getConfig("defer_entries"):
            self.ext.state.lists_html = patient + clinician
        else:
            heading.tail = "\n" + self.md.htmlStash.store(patient + clinician)


class _Found(NamedTuple):
    """A citation placeholder, where the tree walk found it."""

    element: ET.Element
    parent: ET.Element
    #: whether it sits inside a clinician box
    clinician: bool
    #: whether it sits inside a heading (whose text the table of contents reads)
    heading: bool
    #: the nearest heading before it (or around it), as an index into the headings found; -1 for none
    section: int


def _placeholders(root: ET.Element, headings: list[ET.Element]) -> list[_Found]:
    """Each citation placeholder in document order, with its parent, layer, section and whether it is in a heading.

    One walk that carries them down, rather than a parent map of the whole page.
    ``headings`` receives every heading, in document order.
    """
    found: list[_Found] = []

    def walk(parent: ET.Element, clinician: bool, heading: bool) -> None:
        for child in parent:
            if child.get(ATTR) is not None:
                found.append(_Found(child, parent, clinician, heading, len(headings) - 1))
                continue
            if child.tag in HEADINGS:
                headings.append(child)
            if len(child):
                walk(child, clinician or CLINICIAN_CLASS in (child.get("class") or "").split(),
                     heading or child.tag in HEADINGS)

    walk(root, CLINICIAN_CLASS in (root.get("class") or "").split(), False)
    return found


class _HeadingSuperscripts(Treeprocessor):
    """Superscripts in headings step out while the table of contents reads them, then step back.

    Otherwise ``## Dose [@b]`` gets the id ``dose1`` and the title "Dose1" in the
    table of contents. Only toc runs in between (attr_list and abbr have already
    changed the heading's text), and it only appends a permalink, so each
    superscript goes back to the same child index and text offset. With toc's
    ``anchorlink``, which moves a heading's content into a link, they stay put.
    With defer_entries they then leave the tree, as the others did in the citation pass.
    """

    def __init__(self, md: Markdown, ext: CitationsExtension, *, out: bool) -> None:
        super().__init__(md)
        self.ext = ext
        self.out = out

    def run(self, root: ET.Element) -> None:
        state = self.ext.state
        toc = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None  # noqa: SIM401 - a Registry has no get()
        if self.out and state.heading_sups and not getattr(toc, "use_anchors", False):
            for parent, sup in state.heading_sups:
                index = list(parent).index(sup)
                before = (parent[index - 1].tail if index else parent.text) or ""
                _put_text(parent, sup, sup.tail or "")
                parent.remove(sup)
                sup.tail = None
                state.stepped_out.append((parent, sup, index, len(before)))
        elif not self.out:
            for parent, sup, index, length in reversed(state.stepped_out):
                text = (parent[index - 1].tail if index else parent.text) or ""
                if index:
                    parent[index - 1].tail = text[:length]
                else:
                    parent.text = text[:length]
                sup.tail = text[length:] or None
                parent.insert(index, sup)
            state.stepped_out.clear()
            if self.ext.getConfig("defer_entries") and state.heading_sups:
                # Looked up again: with toc's anchorlink they now sit in the heading's link.
                wanted = {id(sup) for _, sup in state.heading_sups}
                for heading in state.headings:
                    for parent in list(heading.iter()):
                        for child in [child for child in parent if id(child) in wanted]:
                            _detach(self.md, state, child, parent)


class _DeferList(Treeprocessor):
    """With defer_entries, take the reference section's markup out of the page, leaving LIST_TOKEN.

    Material's search parser reads every tag of a page, even inside
    data-search-exclude; the hook puts the section back after indexing.
    """

    def __init__(self, md: Markdown, ext: CitationsExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: ET.Element) -> None:
        """Serialise the section's children once, and stash a token in their place."""
        if not self.ext.getConfig("defer_entries"):
            return
        section = next((el for el in root.iter() if el.get("class") == "gk-references-section"), None)
        if section is None:
            return
        # Only the heading this extension added (the lists were never elements): an author's
        # own content in a <div id="refs"> stays in the page (its raw-HTML placeholders are filled as usual).
        heading = section[-1]
        # Python-Markdown's own serialiser, so the markup is what the page would have held.
        html = self.md.serializer(heading)
        # The page's own postprocessor turns the ampersand placeholder (toc's "&para;"
        # permalink) back into "&"; this markup leaves the page before it runs.
        self.ext.state.references_html = html.replace(util.AMP_SUBSTITUTE, "&") + self.ext.state.lists_html
        section.remove(heading)
        token = self.md.htmlStash.store(LIST_TOKEN)
        if len(section):
            section[-1].tail = (section[-1].tail or "") + token
        else:
            section.text = (section.text or "") + token


def _detach(md: Markdown, state: _State, element: ET.Element, parent: ET.Element) -> int:
    """Serialise ``element`` (without its tail) into ``state.markup``, leaving a text mark in the tree.

    Returns the mark's index. A text mark, not a stashed comment: a stashed comment
    alone in a <p> would take the <p> with it.
    """
    tail = element.tail or ""
    element.tail = None
    html = md.serializer(element).replace(util.AMP_SUBSTITUTE, "&")  # as in _DeferList
    index = _store(state, html)
    _put_text(parent, element, _mark(index) + tail)
    parent.remove(element)
    return index


def _store(state: _State, html: str) -> int:
    state.markup.append(html)
    return len(state.markup) - 1


def _mark(index: int) -> str:
    return f"\x02gk-markup:{index}\x03"


def _put_text(parent: ET.Element, element: ET.Element, text: str) -> None:
    """Add ``text`` where ``element`` stands: after its previous sibling, or at the start of ``parent``."""
    children = list(parent)
    index = children.index(element)
    if index:
        children[index - 1].tail = (children[index - 1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class _MarkupTokens(Postprocessor):
    """The marks deferred markup left become comments, which Material's search parser skips at no cost."""

    def run(self, text: str) -> str:
        return RE_MARKUP_MARK.sub(lambda m: MARKUP_TOKEN.format(index=m.group(1)), text)


def fill_references(html: str, references_html: str, markup: Sequence[str] = ()) -> str:
    """Put deferred markup back (``PageCitations.markup`` and ``.references_html``), entries and all."""
    if markup:
        html = RE_MARKUP_TOKEN.sub(lambda m: markup[int(m.group(1))], html)
    return html.replace(LIST_TOKEN, references_html, 1)


def close_up(element: ET.Element, parent: ET.Element, *, in_text: bool) -> None:
    """Set the superscript close up: outside a following period or comma, inside a colon or semicolon.

    AMA 3.6.1. Authors write ``claim [@a].``; readers see ``claim.¹``. An in-text
    citation keeps the space before the author's name; its number follows the
    name, after any period or comma (``Beck et al,¹``).
    """
    tail = element.tail or ""
    moved = tail[0] if tail[:1] in (".", ",") and tail[1:2] != "." else ""
    element.tail = tail[len(moved):]
    if in_text:
        element.text = (element.text or "") + moved
        return
    index = list(parent).index(element)
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "").rstrip() + moved
    else:
        parent.text = (parent.text or "").rstrip() + moved


class _CitationCollector(Treeprocessor):
    """Hands the page's citations, with their section ids, to the collector."""

    def __init__(self, md: Markdown, ext: CitationsExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: ET.Element) -> None:
        collector = self.ext.getConfig("collector")
        if not callable(collector):
            return
        # The state's own lists: every deferral has run by this pass (4).
        page = PageCitations(references_html=self.ext.state.references_html, markup=self.ext.state.markup,
                             anchor_ids=self.ext.state.anchor_ids)
        state = self.ext.state
        ids = [heading.get("id", "") for heading in state.headings]
        # Citation ids number the citations in document order; each knows its nearest heading.
        for index, section in enumerate(state.sections, start=1):
            keys = state.cited.get(f"cite-{index}")
            if not keys:  # every key unknown
                continue
            while section >= 0 and ids[section] == "references":  # the per-page list's own heading
                section -= 1
            heading = ids[section] if section >= 0 else ""
            page.occurrences.extend((key, f"cite-{index}", heading) for key in keys)
        collector(page)


def makeExtension(**kwargs: object) -> CitationsExtension:
    return CitationsExtension(**kwargs)
