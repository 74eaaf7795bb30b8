"""Load every ``.bib`` file together, strictly, with errors naming file and line.

The parse is cached in memory (``mkdocs serve`` keeps the process alive) and on
disk, keyed by the files' content and the engine's own source
(:func:`.version.engine_version`), so a warm build never runs pybtex at all and
an edited engine never reads an old cache.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from . import cache
from .latex import to_plain
from .model import Library, Problem, Reference
from .names import ROLES, name_problems
from .records import safe_url
from .version import engine_version

RE_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.MULTILINE)
NON_ENTRY_TYPES = {"string", "preamble", "comment"}
RE_STRING_DEF = re.compile(r"^[ \t]*@[ \t]*string[ \t]*[{(]", re.IGNORECASE | re.MULTILINE)
UNSAFE_URL = re.compile(r"^\s*(javascript|data|vbscript|file):", re.IGNORECASE)
URL_FIELDS = ("url",)

_memo: dict[str, Library] = {}


class BibError(Exception):
    """A ``.bib`` file cannot be used; the message names ``file:line``."""


def find_bib_files(location: Path) -> list[Path]:
    """All ``*.bib`` files under a folder (sorted), or the one file given."""
    if location.is_file():
        return [location]
    if not location.is_dir():
        raise BibError(f"{location}: bibliography folder or file not found")
    return sorted(location.rglob("*.bib"))


def load_library(files: Sequence[Path], *, root: Path | None = None, cache_dir: Path | None = None) -> Library:
    """Parse ``files`` as one library (``@string`` macros cross files)."""
    sources = [(_display(path, root), path.read_text(encoding="utf-8")) for path in files]
    digest = _digest(sources)
    if digest in _memo:
        return _memo[digest]
    library = _read_cache(cache_dir, digest)
    if library is None:
        library = parse_sources(sources)
        library.digest = digest
        library.problems = validate(library)
        _write_cache(cache_dir, digest, library)
    _memo.clear()
    _memo[digest] = library
    return library


def parse_sources(sources: Sequence[tuple[str, str]]) -> Library:
    """Parse ``(display_name, text)`` pairs into a :class:`Library`.

    Raises :class:`BibError` for malformed BibTeX or duplicate keys.
    """
    places = _entry_places(sources)
    # Name lists stay raw strings here: parsing 20,000 names up front was half the
    # parse time, and only cited entries are ever printed.
    parser = Parser(person_fields=())
    # BibTeX needs a macro defined before use: read files that define @string first.
    ordered = sorted(sources, key=lambda source: RE_STRING_DEF.search(source[1]) is None)
    with _strict():
        for name, text in ordered:
            parser.filename = name
            try:
                parser.parse_string(text)
            except PybtexSyntaxError as exc:
                raise BibError(f"{name}:{exc.lineno}: {exc.error_type}: {_reason(exc)}") from None
            except PybtexError as exc:
                raise BibError(f"{_locate(exc, name, text, places)}: {_reason(exc)}") from None
    return _to_library(parser.data, places)


def validate(library: Library) -> list[Problem]:
    """Content checks that make an entry unusable or unsafe, one problem each."""
    problems: list[Problem] = []
    for ref in library.references.values():
        where = f"{ref.source}:{ref.line}: entry '{ref.key}'"
        if not ref.get("title"):
            problems.append(Problem(f"{where} has no title"))
        if not ref.get("year"):
            problems.append(Problem(f"{where} has no year"))
        # A report's institution stands in for an organisation as its author.
        for role in ROLES:
            problems.extend(Problem(f"{where} field '{role}': {reason}") for reason in name_problems(ref.get(role)))
        if not any(ref.get(role) for role in ROLES) and not (
            ref.get("organization") or ref.get("institution")
        ):
            problems.append(Problem(f"{where} has no author, editor or organization"))
        for name in URL_FIELDS:
            value = ref.get(name)
            if value and not safe_url(to_plain(value)):
                reason = "refused (unsafe scheme)" if UNSAFE_URL.match(value) else "ignored (not http or https)"
                problems.append(Problem(f"{where} field '{name}' {reason}: {value[:60]}"))
    return problems


def _to_library(data: BibliographyData, places: dict[str, str]) -> Library:
    references = {}
    for key, entry in data.entries.items():
        source, _, line = places.get(key.lower(), ":0").rpartition(":")
        references[key.lower()] = Reference(
            key=key,
            type=entry.type.lower(),
            fields={name.lower(): value for name, value in entry.fields.items()},
            source=source,
            line=int(line or 0),
        )
    return Library(references=references)


def _entry_places(sources: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Map lower-cased key -> "file:line"; a repeated key is a BibError."""
    places: dict[str, str] = {}
    for name, text in sources:
        line, position = 1, 0
        for match in RE_ENTRY_START.finditer(text):
            if match.group(1).lower() in NON_ENTRY_TYPES:
                continue
            key = match.group(2)
            # Count newlines incrementally: counting from the start each time is quadratic.
            line += text.count("\n", position, match.start())
            position = match.start()
            here = f"{name}:{line}"
            if key.lower() in places:
                first = places[key.lower()]
                raise BibError(f"{here}: duplicate key '{key}' (keys ignore case); first defined at {first}")
            places[key.lower()] = here
    return places


def _reason(exc: PybtexError) -> str:
    return str(exc.args[0]) if exc.args else str(exc)


def _locate(exc: PybtexError, name: str, text: str, places: dict[str, str]) -> str:
    """Best "file:line" for an error pybtex raised without a line number."""
    key = getattr(exc, "key", None)
    if key and str(key).lower() in places:
        return places[str(key).lower()]
    for word in re.findall(r"[^\s'\"]+", _reason(exc)):
        if word.lower() in places:
            return places[word.lower()]
    # Otherwise the quoted fragment in the message ("Too many commas in 'A, B, C'").
    quoted = re.search(r"'([^']{3,})'", _reason(exc))
    if quoted:
        first_word = quoted.group(1).split()[0]
        at = text.find(first_word)
        if at >= 0:
            return f"{name}:{text.count(chr(10), 0, at) + 1}"
    return name


@contextmanager
def _strict() -> Iterator[None]:
    # Non-strict pybtex silently loses fields; strict raises instead.
    previous = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        yield
    finally:
        pybtex.errors.set_strict_mode(previous)


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _digest(sources: Sequence[tuple[str, str]]) -> str:
    sha = hashlib.sha256(engine_version().encode())
    for name, text in sources:
        sha.update(b"\0" + name.encode() + b"\0" + text.encode())
    return sha.hexdigest()


def _cache_file(cache_dir: Path, digest: str) -> Path:
    return cache_dir / f"library-{digest[:24]}.pickle"


def _read_cache(cache_dir: Path | None, digest: str) -> Library | None:
    if cache_dir is None:
        return None
    library = cache.read(_cache_file(cache_dir, digest))
    return library if isinstance(library, Library) and library.digest == digest else None


def _write_cache(cache_dir: Path | None, digest: str, library: Library) -> None:
    if cache_dir is not None:
        cache.write(_cache_file(cache_dir, digest), library)
        cache.prune(cache_dir, "library-*.pickle", keep=_cache_file(cache_dir, digest))
