"""The Python-Markdown extension: ``/// checklist | Title`` blocks, built on pymdownx.blocks."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any, Protocol

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from .errors import ChecklistError, Problem
from .model import is_valid_id
from .parse import build_checklist
from .render import render_checklist, render_error
from .source import RE_HEADER, BlockSource, find_blocks
from .strings import load_strings

UNPARSED_OPTIONS = "checklist options are not valid YAML: indent each option 4 spaces under the header, as 'key: value'"
NOT_CLOSED = "checklist is not closed: end it with a line of ///, and give any block around it more slashes (////)"


class Reporter(Protocol):
    """Where problems go. MkDocs' hook implements this to name docs/PAGE.md:LINE and check ids site-wide."""

    def where(self, line: int | None) -> str:
        """A human location for a 1-based Markdown line."""
        ...

    def report(self, error: ChecklistError) -> None:
        """Receive one problem; raising stops the conversion."""
        ...

    def claim(self, checklist_id: str, where: str) -> str | None:
        """Record an id beyond this document; return where it was first used if it is taken."""
        ...


class RaisingReporter:
    """The default: the first problem raises ChecklistError naming the Markdown line."""

    def where(self, line: int | None) -> str:
        """'line N', or 'checklist' when the line is unknown."""
        return f"line {line}" if line else "checklist"

    def report(self, error: ChecklistError) -> None:
        """Raise the error."""
        raise error

    def claim(self, checklist_id: str, where: str) -> str | None:
        """One document knows no other documents' ids."""
        return None


class CollectingReporter(RaisingReporter):
    """Collects problems in `errors` and lets the page render with visible error boxes."""

    def __init__(self) -> None:
        self.errors: list[ChecklistError] = []

    def report(self, error: ChecklistError) -> None:
        """Keep the error."""
        self.errors.append(error)


def _same_title(a: str, b: str) -> bool:
    return a.split() == b.split()


class _Document:
    """Per-conversion state: the source's checklist headers and the ids used so far."""

    def __init__(self, md: Markdown, reporter: Reporter) -> None:
        self.md = md
        self.reporter = reporter
        self.start([])

    def start(self, lines: list[str]) -> None:
        """Begin a conversion of `lines`."""
        self.sources = find_blocks([line.rstrip("\r") for line in lines])
        self.claimed: set[int] = set()
        self.ids: dict[str, str] = {}
        self.open: dict[int, tuple[etree.Element, str | None]] = {}

    def claim_source(self, title: str) -> BlockSource | None:
        """The first unclaimed header with this title: blocks are parsed in document order."""
        for index, source in enumerate(self.sources):
            if index not in self.claimed and _same_title(source.title, title):
                self.claimed.add(index)
                return source
        return None

    def render(self, el: etree.Element, title: str | None, options: Mapping[str, Any], body: str) -> None:
        """Validate a block and fill `el` with the widget, or report and show its problems."""
        source = self.claim_source(title or "")
        checklist, problems = build_checklist(title, options, body)
        if is_valid_id(options.get("id")):
            problems += self._check_id(str(options["id"]), source)
        if checklist is not None and not problems:
            render_checklist(el, checklist, self.parse, load_strings())
            return
        self.fail(el, [(problem, source.line_of(problem) if source else None) for problem in problems], body)

    def fail(self, el: etree.Element, problems: list[tuple[Problem, int | None]], source: str) -> None:
        """Report each problem, then show them all in place of the block."""
        ordered = sorted(problems, key=lambda pair: pair[1] or 0)
        errors = [ChecklistError(problem.message, line, self.reporter.where(line)) for problem, line in ordered]
        for error in errors:
            self.reporter.report(error)
        render_error(el, errors, source, load_strings())

    def _check_id(self, checklist_id: str, source: BlockSource | None) -> list[Problem]:
        here = self.reporter.where(source.options.get("id", source.line) if source else None)
        first = self.ids.get(checklist_id) or self.reporter.claim(checklist_id, here)
        self.ids.setdefault(checklist_id, here)
        if first is not None and first != here:
            return [Problem(f"duplicate checklist id '{checklist_id}' (first used at {first})", option="id")]
        return []

    def parse(self, parent: etree.Element, text: str) -> None:
        """Parse block Markdown (help text, outcome messages) into `parent`."""
        self.md.parser.parseChunk(parent, text)


class ChecklistBlock(Block):
    """``/// checklist | Title`` with YAML options and a Markdown task list as its body."""

    NAME = "checklist"
    ARGUMENT = None

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        # pymdownx.blocks silently drops a block with an unknown option; a checklist
        # reports it instead, so take every option and validate in build_checklist.
        self.argument = arg
        self.raw_options = options
        self.options: dict[str, Any] = {"attrs": {}}
        return True

    def on_markdown(self) -> str:
        """Keep the body as source text: ids, hashes and line numbers come from the Markdown itself."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """A <div> that on_end fills."""
        el = etree.SubElement(parent, "div")
        # A block that never reaches its closing /// never gets on_end; _Leftovers reports it.
        self.config["document"].open[id(self)] = (el, self.argument)
        return el

    def on_end(self, block: etree.Element) -> None:
        """Render the whole block once its body is known."""
        self.config["document"].open.pop(id(self), None)
        body = str(block.text or "")
        block.text = None
        self.config["document"].render(block, self.argument, self.raw_options, body)


class _SourceLines(Preprocessor):
    """Sees the lines before any other preprocessor, so line numbers match the file."""

    def __init__(self, md: Markdown, document: _Document) -> None:
        super().__init__(md)
        self.document = document

    def run(self, lines: list[str]) -> list[str]:
        """Record the lines; change nothing."""
        self.document.start(lines)
        return lines


class _Leftovers(Treeprocessor):
    """Reports what pymdownx.blocks leaves as text: rejected headers (invalid YAML) and unclosed blocks."""

    def __init__(self, md: Markdown, document: _Document) -> None:
        super().__init__(md)
        self.document = document

    def run(self, root: etree.Element) -> None:
        """Turn each into an error box."""
        for el, title in list(self.document.open.values()):
            body, el.text = str(el.text or ""), None
            source = self.document.claim_source(title or "")
            self.document.fail(el, [(Problem(NOT_CLOSED), source.line if source else None)], body)
        self.document.open.clear()
        for p in list(root.iter("p")):
            text = str(p.text or "")
            header = RE_HEADER.match(text.split("\n", 1)[0])
            if header is None:
                continue
            source = self.document.claim_source(header.group("title") or "")
            p.tag, p.text = "div", None
            self.document.fail(p, [(Problem(UNPARSED_OPTIONS), source.line if source else None)], text)


class ChecklistExtension(BlocksExtension):
    """Registers the checklist block; config `reporter` receives problems (default: raise ChecklistError)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "reporter": [RaisingReporter(), "Receives each problem (see Reporter); the default raises ChecklistError"],
        }
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        """Register the block, the line recorder and the check for what the block parser left behind."""
        document = _Document(md, self.getConfig("reporter"))
        block_mgr.register(ChecklistBlock, {"document": document})
        # Above every other preprocessor (snippets is 32), so lines are the author's.
        md.preprocessors.register(_SourceLines(md, document), "checklist_lines", 40)
        # Before inline parsing (20), while the stray header is still plain text.
        md.treeprocessors.register(_Leftovers(md, document), "checklist_leftovers", 30)


def makeExtension(**kwargs: Any) -> ChecklistExtension:
    """Entry point for ``extensions=["guidekit.checklists"]``."""
    return ChecklistExtension(**kwargs)
