"""Claim extraction on sentences written for these tests (general rules, not the seeds)."""
from __future__ import annotations

from geo.articles import Article
from geo.claims.attribution import find_attribution
from geo.claims.extract import extract_claims


def _claims(body: str, title: str = "Test headline"):
    text = f"{title}\n{body}"
    return extract_claims(Article(id="t", path="t.txt", title=title, text=text))


def _located(claims):
    return [(c.claimant, m.place.name, m.place.precision) for c in claims for m in c.places if m.place]


def test_attribution_frames():
    cases = {
        "The ministry said its jets hit a depot.": "The ministry",
        "According to the Observatory, jets hit a depot.": "the Observatory",
        "Jets hit a depot, local activists said.": "local activists",
        "“Jets hit a depot,” the governor told reporters.": "the governor",
        "“Jets hit a depot,” said Colonel Ahmed Saleh.": "Colonel Ahmed Saleh",
        "The Carnegie Endowment, a Washington think tank, reported that jets hit a depot.": "The Carnegie Endowment, a Washington think tank",
    }
    for sentence, claimant in cases.items():
        att = find_attribution(sentence)
        assert att is not None, sentence
        assert att.claimant == claimant, sentence
        assert "depot" in sentence[att.content_start:att.content_end]


def test_non_sources_are_not_claimants():
    assert find_attribution("The conflict that has claimed 250,000 lives continues.") is None


def test_targets_bind_to_their_own_places():
    claims = _claims(
        "The defence ministry in Moscow said its bombers destroyed an ammunition depot in Raqqa "
        "and a training camp near Palmyra, according to the statement."
    )
    by_place = {m.place.name: c for c in claims for m in c.places if m.place}
    assert by_place["Ar Raqqah"].target_category == "ammunition depot"
    assert by_place["Tadmur"].target_category == "camp"
    assert "Moscow" not in by_place  # where the claimant sits is not a strike location
    assert {c.claimant_type for c in claims} == {"military"}


def test_listed_places_share_one_claim_and_containers_are_dropped():
    claims = _claims("State media reported that jets pounded rebel positions in Kafranbel, Maarat al-Numan and Saraqib in Idlib province.")
    located = _located(claims)
    assert {p for _, p, _ in located} == {"Kafranbel", "Ma‘arrat an Nu‘mān", "Saraqib"}
    assert len({c.claim_id for c in claims if c.places}) == 1
    assert claims[0].claimant_type == "state media"


def test_places_that_are_not_strike_locations():
    claims = _claims(
        "Moscow had informed Ankara that its jets would strike targets, officials said.\n"
        "After talks in Geneva, the minister said airstrikes would continue.\n"
        "Rebels made rapid gains in Hama province earlier this year, the report said.\n"
        "The navy said its warships in the Mediterranean fired missiles at targets in Aleppo.\n"
        "Jets struck targets north of Latakia, the army said.\n"
    )
    names = {p for _, p, _ in _located(claims)}
    assert "Moscow" not in names and "Ankara" not in names and "Geneva" not in names
    assert not any("Hama" in n for n in names)
    assert "Aleppo" in names
    assert not any("Latakia" in n or "Lattakia" in n for n in names if n != "Aleppo")


def test_denial_stance_and_casualties():
    claims = _claims("The Kremlin denied reports that its strikes had killed at least 14 civilians in Homs.")
    assert claims and all(c.stance == "denies" for c in claims)
    assert claims[0].casualties == 14
    assert claims[0].target_affiliation == "civilians"


def test_claims_without_places_are_kept():
    claims = _claims("The opposition said 20 people were killed by the raids.")
    assert len(claims) == 1 and claims[0].places == () and claims[0].casualties == 20


def test_pronouns_and_surnames_resolve_to_earlier_sources():
    claims = _claims(
        "Opposition spokesman Yahya al-Aridi spoke on Monday.\n"
        "Aridi said Russian jets bombed a hospital in Ariha.\n"
        "He said the raids also hit a market in Saraqib.\n"
    )
    assert {c.claimant for c in claims} == {"Opposition spokesman Yahya al-Aridi"}
    assert {c.claimant_type for c in claims} == {"opposition"}
    assert {c.target_category for c in claims} == {"hospital / medical", "residential / civilian"}


def test_claim_ids_are_stable():
    body = "SANA reported that jets hit positions in Rastan."
    assert [c.claim_id for c in _claims(body)] == [c.claim_id for c in _claims(body)]
