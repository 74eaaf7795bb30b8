"""LaTeX field text to pybtex rich text, so no backslash command reaches HTML.

pybtex's own ``Text.from_latex`` keeps ``\\emph``, ``\\url`` and subscripts as
literal text; this converter understands the commands that real Zotero and
Better BibTeX exports contain, and drops the name of any other command.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import latexcodec  # noqa: F401 - registers the "ulatex" codec
from pybtex.richtext import BaseText, String, Tag, Text

#: Commands whose single argument is styled.
STYLE_COMMANDS = {
    "emph": "em",
    "textit": "em",
    "textsl": "em",
    "mathit": "em",
    "textbf": "strong",
    "mathbf": "strong",
    "textsuperscript": "sup",
    "textsubscript": "sub",
}
#: Declarations that style the rest of the current group: {\em ...}.
SWITCH_COMMANDS = {
    "em": "em", "it": "em", "itshape": "em", "sl": "em", "slshape": "em", "bf": "strong", "bfseries": "strong",
}
#: Commands whose argument is kept as plain text.
TRANSPARENT_COMMANDS = {
    "textsc", "textrm", "textsf", "texttt", "textup", "textnormal", "text", "mbox", "mathrm", "mathsf", "ensuremath",
    "textmd", "NoCaseChange", "nocase",
}
#: Accents that take one argument, decoded by latexcodec.
ACCENT_COMMANDS = set("'\"`^~=.") | {"v", "u", "H", "c", "k", "r", "d", "b", "t"}
ESCAPED_CHARS = set("&%$#_{}")
MATH_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ",
    "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "pm": "±", "mp": "∓", "times": "×", "cdot": "·",
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "approx": "≈", "sim": "∼", "infty": "∞",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "degree": "°", "circ": "°", "prime": "′", "%": "%",
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^",
    "textmu": "μ", "textdegree": "°", "textpm": "±", "texttimes": "×", "ldots": "…", "dots": "…",
}
RE_COMMAND = re.compile(r"\\([A-Za-z]+)\s*|\\(.)", re.DOTALL)
RE_DASHES = re.compile(r"---|--")
RE_QUOTES = re.compile(r"``|''|`|'")
QUOTES = {"``": "“", "''": "”"}


class _Parser:
    """Recursive-descent reader over one field value."""

    def __init__(self, source: str, double_quotes: bool = False) -> None:
        self.s = source
        self.i = 0
        #: LaTeX single quotes (`...') become double curly quotes, as AMA wants inside a title
        self.double_quotes = double_quotes
        #: a ` opened a single quote that a ' has not closed yet (so ' is not an apostrophe)
        self.open_single = 0

    def parse(self, until_brace: bool = False, math: bool = False) -> list[BaseText | str]:
        parts: list[BaseText | str] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                parts.append(self._plain("".join(buf), math))
                buf.clear()

        while self.i < len(self.s):
            ch = self.s[self.i]
            if ch == "}":
                self.i += 1
                if until_brace:
                    break
                continue  # a stray closing brace is dropped, not printed
            if ch == "{":
                self.i += 1
                flush()
                parts.append(Text(*self.parse(until_brace=True, math=math)))
            elif ch == "\\":
                flush()
                result = self._command(math)
                if isinstance(result, tuple):  # a switch: style the rest of this group
                    parts.append(Tag(result[0], *self.parse(until_brace=until_brace, math=math)))
                    return parts
                if result is not None:
                    parts.append(result)
            elif ch == "$" and not math:
                self.i += 1
                flush()
                parts.append(Text(*self._math()))
            elif math and ch in "_^":
                self.i += 1
                flush()
                parts.append(Tag("sub" if ch == "_" else "sup", *self._argument(math=True)))
            elif ch == "~":
                self.i += 1
                buf.append("\u00a0")
            else:
                buf.append(ch)
                self.i += 1
        flush()
        return parts

    def _math(self) -> list[BaseText | str]:
        end = self.i
        depth = 0
        while end < len(self.s):
            c = self.s[end]
            if c == "\\":
                end += 2
                continue
            depth += c == "{"
            depth -= c == "}"
            if c == "$" and depth <= 0:
                break
            end += 1
        inner = _Parser(self.s[self.i:end], self.double_quotes)
        self.i = end + 1
        return inner.parse(math=True)

    def _argument(self, math: bool = False) -> list[BaseText | str]:
        """One argument: a {group} or a single character."""
        while self.i < len(self.s) and self.s[self.i] == " ":
            self.i += 1
        if self.i >= len(self.s):
            return []
        if self.s[self.i] == "{":
            self.i += 1
            return self.parse(until_brace=True, math=math)
        if self.s[self.i] == "\\":
            result = self._command(math)
            return [result] if result is not None and not isinstance(result, tuple) else []
        ch = self.s[self.i]
        self.i += 1
        return [self._plain(ch, math)]

    def _raw_argument(self) -> str:
        """A {group} taken verbatim (for URLs)."""
        if self.i < len(self.s) and self.s[self.i] == "{":
            depth, start = 0, self.i
            while self.i < len(self.s):
                depth += {"{": 1, "}": -1}.get(self.s[self.i], 0)
                self.i += 1
                if depth == 0:
                    return self.s[start + 1:self.i - 1]
            return self.s[start + 1:]
        return ""

    def _command(self, math: bool) -> BaseText | tuple[str] | None:
        match = RE_COMMAND.match(self.s, self.i)
        if not match:  # a lone trailing backslash
            self.i += 1
            return None
        self.i = match.end()
        name = match.group(1) or match.group(2)
        if name in ESCAPED_CHARS:
            return String(name)
        if name in ("\\", " ", ","):
            return String(" " if name != "," else "\u2009")
        if name in ACCENT_COMMANDS:
            # A dotless i/j takes the accent: \'{\i} is í.
            arg = _plain_text(self._argument(math)).replace("ı", "i").replace("ȷ", "j")
            decoded = _decode(f"\\{name}{{{arg}}}").strip("{}")
            return String(arg if "\\" in decoded else decoded)
        if name in STYLE_COMMANDS:
            return Tag(STYLE_COMMANDS[name], *self._argument(math))
        if name in SWITCH_COMMANDS:
            return (SWITCH_COMMANDS[name],)
        if name in ("url", "path"):
            return String(self._raw_argument())
        if name == "href":
            self._raw_argument()
            return Text(*self._argument(math))
        if name in TRANSPARENT_COMMANDS:
            return Text(*self._argument(math))
        if name in MATH_SYMBOLS:
            return String(MATH_SYMBOLS[name])
        decoded = _decode(f"\\{name}{{}}").replace("{}", "")
        if "\\" not in decoded:
            return String(decoded)
        # Unknown command: its name is dropped, its argument (if any) kept.
        if self.i < len(self.s) and self.s[self.i] == "{":
            return Text(*self._argument(math))
        return None


    def _plain(self, text: str, math: bool) -> String:
        if not math:
            text = RE_DASHES.sub(lambda m: "—" if m.group() == "---" else "–", text)
            text = RE_QUOTES.sub(self._quote, text)
        return String(text)

    def _quote(self, match: re.Match[str]) -> str:
        """LaTeX quotes to curly ones; a ' with no open ` is an apostrophe and stays as written."""
        mark = match.group()
        if mark in QUOTES:
            return QUOTES[mark]
        if mark == "`":
            self.open_single += 1
            return "“" if self.double_quotes else "‘"
        if self.open_single:
            self.open_single -= 1
            return "”" if self.double_quotes else "’"
        return mark


_ULATEX = codecs.getdecoder("ulatex")


@lru_cache(maxsize=4096)
def _decode(latex: str) -> str:
    try:
        return str(_ULATEX(latex)[0])  # type: ignore[arg-type]  # latexcodec decodes str as well
    except (UnicodeDecodeError, ValueError):
        return latex


def _plain_text(parts: list[BaseText | str]) -> str:
    return "".join(str(p) for p in parts)


RE_SPECIAL = re.compile(r"[\\{}$~`'\-]")


def to_rich(value: str, double_quotes: bool = False) -> Text:
    """Convert a BibTeX field value (LaTeX) to pybtex rich text; ``double_quotes`` for titles."""
    if not RE_SPECIAL.search(value):  # most fields (years, volumes, plain titles) have no markup
        return Text(value)
    return Text(*_Parser(value, double_quotes).parse())


@lru_cache(maxsize=16384)
def to_plain(value: str, double_quotes: bool = False) -> str:
    """Convert a BibTeX field value (LaTeX) to plain Unicode text."""
    return str(to_rich(value, double_quotes))
