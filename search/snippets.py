"""Plain excerpts with the searched words marked, for the database backend (engines highlight)."""

import re

from django.utils.html import escape

EXCERPT_CHARACTERS = 220
MIN_TERM_LENGTH = 2


def query_terms(query):
    return [term for term in re.findall(r"\w+", query.lower()) if len(term) >= MIN_TERM_LENGTH]


def _term_pattern(query):
    terms = query_terms(query)
    if not terms:
        return None
    # A word starting with a searched word counts: "anggaran" marks "anggarannya".
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def mark(text, pattern):
    """`text` escaped, with the matches of `pattern` in <mark>."""
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def marked_title(title, query):
    return mark(title, _term_pattern(query))


def marked_excerpt(texts, query, size=EXCERPT_CHARACTERS):
    """An excerpt around the first match in the first of `texts` that has one, as safe HTML.

    Without any match, the beginning of the first text (or "" without texts).
    """
    pattern = _term_pattern(query)
    for text in texts:
        match = pattern.search(text) if pattern else None
        if match:
            start = max(0, match.start() - size // 3)
            # Start and end on word boundaries.
            if start:
                start = text.find(" ", start) + 1 or start
            end = min(len(text), start + size)
            if end < len(text):
                end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
            excerpt = mark(" ".join(text[start:end].split()), pattern)
            return ("… " if start else "") + excerpt + (" …" if end < len(text) else "")
    if not texts:
        return ""
    first = " ".join(texts[0].split())
    return escape(first[:size]) + (" …" if len(first) > size else "")
