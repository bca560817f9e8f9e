"""Name normalisation: turn the many romanisations of a place name into lookup keys.

Two keys are derived from every name, and from every query:

``name_key``
    Diacritics, ʿayn/hamza marks and punctuation removed, lower case, Arabic
    article tokens (al-, ar-, as-, ash-, el-, ez- ...) dropped:
    "Ma‘arrat an Nu‘mān" and "Maarrat al-Numan" both give ``"maarrat numan"``.
``skeleton_key``
    The consonant skeleton of the name key, with doubled letters collapsed and the
    final taa marbuta (-ah/-eh) dropped: "Talbiseh", "Talbisah" and "Tallbīsah" all
    give ``"tlbs"``; "Kafranbel" and "Kafr Nabl" give ``"kfrnbl"``.

Transliterations of Arabic differ mostly in vowels, doubling and the article, so
the skeleton catches variants no alias list anticipates. It is coarse, so the
gazetteer ranks skeleton matches below exact name-key matches.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import vocab

# Marks that stand for ʿayn, hamza or an elided letter in romanised Arabic and
# Hebrew: they vanish rather than becoming a space ("Ma‘arrat" -> "maarrat").
_MARKS = "'’‘`´ʿʾʻʼ′‵ʹ"
_MARK_RE = re.compile(f"[{re.escape(_MARKS)}]")
_NON_WORD_RE = re.compile(r"[^\w]+", re.UNICODE)

# Arabic definite article as romanised, assimilated forms included. Dropped only
# when it is followed by another token, so a place really called "As" survives.
ARABIC_ARTICLES = vocab.words("arabic_articles")

# Vowel digraphs that romanisations use interchangeably, folded before vowels
# are removed so that the y/w of a diphthong does not survive as a consonant.
_DIGRAPHS = (("ay", "a"), ("ey", "e"), ("iy", "i"), ("aw", "a"), ("ou", "u"), ("ee", "i"), ("oo", "u"))
_VOWELS_RE = re.compile(r"[aeiou]")
_FINAL_TAA_RE = re.compile(r"(?<=[aei])h$")
_DOUBLE_RE = re.compile(r"(.)\1+")


def strip_diacritics(text: str) -> str:
    """Remove combining marks after NFKD decomposition ("Ḩamāh" -> "Hamah")."""
    if text.isascii():  # nothing to decompose, and most names are ASCII
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_tokens(name: str) -> list[str]:
    """Lower-case word tokens of a name with marks, punctuation and articles removed."""
    text = _MARK_RE.sub("", strip_diacritics(name)).casefold()
    tokens = [t for t in _NON_WORD_RE.split(text.replace("_", " ")) if t]
    kept = [t for i, t in enumerate(tokens) if not (t in ARABIC_ARTICLES and i + 1 < len(tokens))]
    return kept


@lru_cache(maxsize=262_144)
def name_key(name: str) -> str:
    """Exact lookup key: ``"Deir ez-Zor"`` -> ``"deir zor"``."""
    return " ".join(name_tokens(name))


def spelled_alike(key: str) -> str:
    """The name key with the vowel digraphs of French and English romanisations folded ("ou", "oo" -> "u";
    "ee" -> "i"): "tajoura" is the gazetteer's "tajura", "makhmour" its "makhmur". A key with none is itself."""
    if "ou" in key or "oo" in key or "ee" in key:
        return key.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    return key


# The endings of Russian and Ukrainian adjectival names, each romanised several ways: "Afipsky" is GeoNames'
# "Afipskiy", "Dniprovskiy" its "Dniprovskyi".
_SLAVIC_ENDING_RE = re.compile(r"(?<=sk)(?:iy|yi|yy|ii|y|i)(?=\s|$)")
_SLAVIC_ENDINGS = ("iy", "yi", "y", "ii", "yy")


@lru_cache(maxsize=65_536)
def spellings_alike(key: str, endings: bool = True) -> tuple[str, ...]:
    """Keys that may be the gazetteer's spelling of ``key`` (itself excluded), most likely first: the vowel
    digraphs folded (:func:`spelled_alike`), then (``endings``) each other romanisation of a Slavic adjectival ending."""
    if "ou" not in key and "oo" not in key and "ee" not in key and (not endings or "sk" not in key):
        return ()  # (most keys: asked for every name a text has)
    found = []
    alike = spelled_alike(key)
    if alike != key:
        found.append(alike)
    if endings and "sk" in key and _SLAVIC_ENDING_RE.search(key):
        for ending in _SLAVIC_ENDINGS:
            other = _SLAVIC_ENDING_RE.sub(ending, key)
            if other != key and other not in found:
                found.append(other)
    return tuple(found)


def single_letters(key: str) -> str:
    """The key with every doubled letter written once ("radaa" -> "rada")."""
    return _DOUBLE_RE.sub(r"\1", key)


def folded_key(key: str) -> str:
    """The name key with vowel digraphs folded (:func:`spelled_alike`) and doubled letters made single:
    what romanisations of one Arabic name most often differ by while keeping their vowels.
    "maarat numan" and the gazetteer's "maarrat numan" both give "marat numan"."""
    return _DOUBLE_RE.sub(r"\1", spelled_alike(key))


def skeleton_key(name: str) -> str:
    """Coarse lookup key: consonant skeleton of the name key, spaces removed.

    Returns an empty string for names that are not written in Latin letters
    (the skeleton is only meaningful for romanisations).
    """
    joined = "".join(name_tokens(name))
    if not joined.isascii():
        return ""
    joined = _DOUBLE_RE.sub(r"\1", _FINAL_TAA_RE.sub("", joined))  # first: "jawwad" and "jawad" alike
    for digraph, single in _DIGRAPHS:
        joined = joined.replace(digraph, single)
    consonants = _VOWELS_RE.sub("", joined)
    return _DOUBLE_RE.sub(r"\1", consonants)
