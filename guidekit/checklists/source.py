"""Find checklist blocks in the Markdown source lines, so problems can name a line.

Python-Markdown keeps no line numbers, so the extension scans the source once
before any other preprocessor runs and matches each parsed block to the header
it came from, in document order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from guidekit.pagesource import RE_FENCE
from guidekit.pagesource import fence_end as _fence_end

from .errors import Problem
from .parse import RE_LIST_ITEM

RE_HEADER = re.compile(
    r"^(?P<indent>[ \t]*)(?P<slashes>/{3,})[ \t]*checklist(?![\w-])[ \t]*(?:\|[ \t]*(?P<title>.*?)[ \t]*)?$",
    re.IGNORECASE,
)
RE_OPTION_KEY = re.compile(r"^[ \t]*(?P<key>[^\s:#][^:]*?)[ \t]*:(?:[ \t]|$)")
RE_SEQUENCE_ENTRY = re.compile(r"^[ \t]*-(?:[ \t]|$)")


@dataclass
class BlockSource:
    """Where a checklist block and its parts sit: 1-based line numbers."""

    line: int
    title: str
    options: dict[str, int] = field(default_factory=dict)
    outcomes: list[int] = field(default_factory=list)
    items: list[int] = field(default_factory=list)

    def line_of(self, problem: Problem) -> int:
        """The line a problem is about: its option, outcome or item if known, else the header."""
        if problem.item is not None and problem.item < len(self.items):
            return self.items[problem.item]
        if problem.outcome is not None:
            if problem.outcome < len(self.outcomes):
                return self.outcomes[problem.outcome]
            return self.options.get("outcomes", self.line)
        if problem.option is not None:
            return self.options.get(problem.option, self.line)
        return self.line


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def find_blocks(lines: Sequence[str]) -> list[BlockSource]:
    """Every checklist block header outside fenced code, with its option, outcome and item lines."""
    blocks: list[BlockSource] = []
    index = 0
    while index < len(lines):
        if RE_FENCE.match(lines[index]):
            index = _fence_end(lines, index)
            continue
        header = RE_HEADER.match(lines[index])
        if header:
            block = BlockSource(line=index + 1, title=(header.group("title") or "").strip())
            blocks.append(block)
            index = _scan_block(lines, index, len(header.group("indent")), len(header.group("slashes")), block)
            continue
        index += 1
    return blocks


def _scan_block(lines: Sequence[str], start: int, indent: int, slashes: int, block: BlockSource) -> int:
    """Fill `block` from the lines after its header; return the index after the closing ///."""
    index = start + 1
    # Options: the indented YAML lines straight after the header.
    option_lines: list[int] = []
    while index < len(lines) and lines[index].strip() and _indent(lines[index]) >= indent + 4:
        option_lines.append(index)
        index += 1
    _scan_options(lines, option_lines, block)
    closing = re.compile(rf"^[ \t]*/{{{slashes}}}[ \t]*$")
    body: list[int] = []
    while index < len(lines) and not closing.match(lines[index]):
        if RE_FENCE.match(lines[index]):
            index = _fence_end(lines, index)
            continue
        body.append(index)
        index += 1
    # Pymdownx dedents the body by its smallest indent (at most one tab stop).
    margin = min([_indent(lines[i]) for i in body if lines[i].strip()] + [indent + 4])
    block.items = [i + 1 for i in body if lines[i].strip() and RE_LIST_ITEM.match(lines[i][margin:])]
    return index + 1


def _scan_options(lines: Sequence[str], option_lines: list[int], block: BlockSource) -> None:
    if not option_lines:
        return
    top = min(_indent(lines[i]) for i in option_lines)
    entries: list[tuple[int, int]] = []
    current = None
    for i in option_lines:
        key = RE_OPTION_KEY.match(lines[i])
        if RE_SEQUENCE_ENTRY.match(lines[i]):
            if current == "outcomes":
                entries.append((_indent(lines[i]), i + 1))
        elif _indent(lines[i]) == top and key:
            current = key.group("key").strip("'\"")
            block.options.setdefault(current, i + 1)
    if entries:
        # Outcome entries are the least-indented "- " lines under `outcomes:`.
        shallowest = min(depth for depth, _ in entries)
        block.outcomes = [line for depth, line in entries if depth == shallowest]
