"""One name for each actor that makes claims (``claimant_actor``), however the text writes it.

``data/vocab/actor_names.csv`` names people and organisations ("Konashenkov" is the Russian
Ministry of Defence, "SOHR" the Syrian Observatory for Human Rights) and roles, named with the
claimant's country ("Ukraine's air force" is the Ukrainian Air Force). A claimant that names a
person is that person, titles folded ("Kharkiv Oblast Governor Oleh Syniehubov" is Oleh
Syniehubov); any other keeps its words without a leading "the". The map's layers and colours
group claims by it.
"""
from __future__ import annotations

import re

from .. import vocab

_LEADING_THE_RE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_NAME_WORD_RE = re.compile(r"^[A-Z][a-z’'-]+$|^(?:al|el|ad|ar|as|ash|bin|ibn|abu)-[A-Z][a-z’'-]+$")
_PERSON_WORDS = (2, 4)  # a person's name: so many words


@vocab.cached(maxsize=4096)  # the same few claimants are named again and again
def canonical_actor(name: str, country: str) -> str:
    """The one name of the actor a claimant (as written) stands for; ``country``: its ISO2 code, if known."""
    found = _registry_match(name, roles=False)
    if found:
        return found
    person = _person(name)
    if person:
        return person
    found = _registry_match(name, roles=True)
    if found:
        return " ".join(found.replace("{country}", _adjective(country)).split())
    return _LEADING_THE_RE.sub("", " ".join(name.split())).strip(" ,.")


def _registry_match(name: str, roles: bool) -> str:
    for p in vocab.actor_names():
        if ("{country}" in p.label) == roles and p.regex.search(name):
            return p.label
    return ""


def _person(name: str) -> str:
    """The person's name a claimant holds, titles left out ("regional Gov. Vadym Filashkin": "Vadym
    Filashkin"), or "": the last run of capitalised name words after a title or making the whole."""
    words = name.replace(",", " , ").split()
    titles = vocab.words("titles") | vocab.words("title_words") | _TITLE_ABBREVIATIONS
    run: list[str] = []
    after_title = False
    for w in words:
        bare = w.rstrip(".").lower()
        if bare in titles:
            run, after_title = [], True
        elif _NAME_WORD_RE.match(w) and w.lower() not in vocab.organisation_words():
            run.append(w)
        else:
            run, after_title = [], after_title and w == ","  # "Governor, Oleh Syniehubov" keeps the title's hold
    if not _PERSON_WORDS[0] <= len(run) <= _PERSON_WORDS[1]:
        return ""
    whole = len(run) == len(words)
    known_given = run[0].upper() in vocab.given_names()
    return " ".join(run) if after_title or whole and known_given else ""


_TITLE_ABBREVIATIONS = frozenset("gov gen maj col lt capt sgt adm brig dr mr mrs ms sen rep cmdr".split())


@vocab.cached
def _adjectives() -> dict[str, str]:
    """Each country's adjective ("RU": "Russian"): the first demonym the vocabularies give it."""
    out: dict[str, str] = {}
    for demonym, code in vocab.demonym_rows():
        out.setdefault(code, demonym)
    return out


def _adjective(country: str) -> str:
    return _adjectives().get(country, "") if country else ""
