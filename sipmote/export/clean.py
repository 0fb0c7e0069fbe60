"""Make user text safe for a Word document.

XML 1.0 cannot hold most control characters, NUL, lone surrogates or the
non-characters U+FFFE/U+FFFF; lxml refuses them with an exception. They are
removed here (line breaks and tabs kept), so hostile or pasted text never
crashes an export, while ``<``, ``>``, ``&``, å, ä, ö and emoji pass unchanged
(the XML layer escapes what needs escaping).

Bidirectional override and isolate controls are removed too: on a document
that people sign, a right-to-left override could make a printed name or date
read differently from what was typed.
"""

from __future__ import annotations

import re

# C0 controls except \t and \n, DEL, C1 controls, surrogates, non-characters,
# bidi embeddings/overrides/isolates.
_DROP = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029\x85]")


def clean(text: object) -> str:
    """Text a DOCX can hold: newlines normalised, disallowed characters dropped."""
    if text is None:
        return ""
    s = str(text)
    s = _BREAKS.sub("\n", s)
    return _DROP.sub("", s)


def clean_line(text: object) -> str:
    """One line (headers, file properties): newlines and tabs become spaces."""
    return " ".join(clean(text).replace("\t", " ").split())
