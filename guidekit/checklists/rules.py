"""Outcome conditions in words, for the "What your answers mean" list that readers without JavaScript see.

Pure functions: the renderer passes the item labels (inline Markdown) and the
words from strings.yml, and gets back one inline-Markdown sentence opening.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import Condition


def quote_list(labels: Sequence[str], joiner: str, words: Mapping[str, str]) -> str:
    """“A”, “B” and “C” (or “A”, “B” or “C”)."""
    quoted = [words["quote"].format(label=label) for label in labels]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {joiner} " + quoted[-1]


def _lines(n: int | None, words: Mapping[str, str]) -> str:
    return words["line"] if n == 1 else words["lines"]


def _count_phrase(condition: Condition, words: Mapping[str, str]) -> str | None:
    low, high = condition.min, condition.max
    if low is None and high is None:
        return None
    if low == high == 0 or (low is None and high == 0):
        return words["ticked_nothing"]
    if low == high:
        return words["ticked_exactly"].format(n=low, lines=_lines(low, words))
    if high is None:
        return words["ticked_at_least"].format(n=low)
    if low is None or low == 0:
        return words["ticked_at_most"].format(n=high, lines=_lines(high, words))
    return words["ticked_between"].format(low=low, high=high)


def condition_phrases(condition: Condition, labels: Mapping[str, str], words: Mapping[str, str]) -> list[str]:
    """Each clause of `condition` as a phrase such as 'you ticked “A” and “B”', in a fixed order."""
    phrases: list[str] = []
    if condition.all:
        items = quote_list([labels[i] for i in condition.all], words["and"], words)
        phrases.append(words["ticked"].format(items=items))
    if condition.any:
        key = "ticked" if len(condition.any) == 1 else "ticked_any"
        phrases.append(words[key].format(items=quote_list([labels[i] for i in condition.any], words["or"], words)))
    if condition.unticked:
        items = quote_list([labels[i] for i in condition.unticked], words["or"], words)
        phrases.append(words["not_ticked"].format(items=items))
    count = _count_phrase(condition, words)
    if count is not None:
        phrases.append(count)
    return phrases


def rule_opening(condition: Condition, labels: Mapping[str, str], words: Mapping[str, str]) -> str:
    """'If you ticked “A”, and you did not tick “B”:' or, for `when: {}`, 'In every other case:'."""
    phrases = condition_phrases(condition, labels, words)
    if not phrases:
        return words["otherwise"]
    return words["if"].format(condition=words["clause_joiner"].join(phrases))
