"""Claim extraction on sentences written for these tests (general rules, not the seeds)."""
from __future__ import annotations

from geo.articles import Article
from geo.claims.attribution import find_attribution
from geo.claims.extract import extract_claims


def _claims(body: str, title: str = "Test headline"):
    text = f"{title}\n{body}"
    return extract_claims(Article(id="t", path="t.txt", title=title, text=text))


def _claimants_by_place(claims):
    return {m.place.name: c.claimant for c in claims for m in c.places if m.place}


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
        # a fronted place is no source, nor is its relative clause; "acting" is a title, not a participle
        "In the neighbouring Kursk region, acting Governor Alexander Khinshtein said drones hit a depot.":
            "acting Governor Alexander Khinshtein",
        "In the Bryansk region, which borders Ukraine and Belarus, Governor Alexander Bogomaz said a drone hit a depot.":
            "Governor Alexander Bogomaz",
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
    )
    names = {p for _, p, _ in _located(claims)}
    assert "Moscow" not in names and "Ankara" not in names and "Geneva" not in names
    assert not any("Hama" in n for n in names)
    assert names == {"Aleppo"}


def _qualified(text):
    return {(m.text, *c.qualifier_of(m)) for c in _claims(text) for m in c.places if m.place}


def test_relative_locations_are_near_their_place():
    assert _qualified("Jets struck targets north of Latakia, the army said.") == {("Latakia", "north of", None)}
    assert _qualified("Coalition jets struck a camp 20 km south-west of Hodeidah.") == {("Hodeidah", "south-west of", 20.0)}
    assert _qualified("Russian shelling hit houses on the outskirts of Kherson, the governor said.") == {
        ("Kherson", "outskirts", None)}
    assert _qualified("A drone strike hit a bus on the road to Marib, officials said.") == {("Marib", "road to", None)}
    assert _qualified("An air strike hit a convoy near Iskandariya on Tuesday.") == {("Iskandariya", "near", None)}
    assert _qualified("Army jets bombed a column between Djibo and Arbinda, the army said.") == {
        ("Djibo", "between", None), ("Arbinda", "between", None)}


def test_a_place_a_direction_describes_stays_a_reference():
    assert _qualified("Russian jets struck Khan Sheikhoun, 30 km south of Idlib, the ministry said.") == {
        ("Khan Sheikhoun", "", None)}


def test_qualified_places_grow_their_uncertainty_and_read_as_acled_precision_2(tmp_path):
    from geo.pipeline import run
    (tmp_path / "a.txt").write_text("Title: Strikes\n\nCoalition jets struck a camp 20 km south of Hodeidah on Monday, "
                                    "the Houthi health ministry said. Jets also struck the port in Hodeidah.\n", encoding="utf-8")
    result = run([tmp_path / "a.txt"], tmp_path / "out")
    table = result.table.set_index("location_qualifier")
    # the point moved 20 km south of the town's, its radius grown by the direction's spread and the distance's rounding
    south, town = table.loc["south of", "geometry"], table.loc["in", "geometry"]
    from geo.gazetteer.place import distance_km
    assert 19.5 < distance_km(south.y, south.x, town.y, town.x) < 20.5 and south.y < town.y
    assert table.loc["south of", "uncertainty_km"] >= table.loc["in", "uncertainty_km"] + 8
    import csv
    rows = list(csv.DictReader(open(tmp_path / "out" / "strikes.csv", encoding="utf-8-sig")))
    assert {(r["location_qualifier"], r["geo_precision"]) for r in rows} == {("south of", "2"), ("in", "1")}


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


# -- sources as unseen wire copy writes them ----------------------------------
def test_descriptions_around_a_source_are_not_its_name():
    cases = {
        "The Syrian Observatory for Human Rights, which monitors the war from Britain, said jets hit a depot.":
            "The Syrian Observatory for Human Rights",
        "Syrian state television, citing a military source, said jets hit a depot.": "Syrian state television",
        "Another rebel commander, from a group fighting in western Idlib, said jets hit a depot.": "Another rebel commander",
        "Ahrar al-Sham, one of the largest factions in the north, said jets hit a depot.": "Ahrar al-Sham",
        "In Idlib province, the ministry said jets hit a depot.": "the ministry",
        "BEIRUT, Oct 20 (Reuters) - Russia on Tuesday denied that its jets hit a depot.": "Russia",
        "Jets hit a depot in the provinces of Hama, Idlib and Latakia, the Defence Ministry said.": "the Defence Ministry",
        "Tajamu al-Izza, a rebel group that fights under the FSA banner, said jets hit a depot.":
            "Tajamu al-Izza, a rebel group",  # (its relative clause dropped)
        "The raids were announced on Tuesday by Russia's Defence Ministry, which said jets hit a depot.":
            "Russia's Defence Ministry",
        "The escalation came hours after the Kremlin acknowledged that jets hit a depot.": "the Kremlin",
    }
    for sentence, claimant in cases.items():
        att = find_attribution(sentence)
        assert att is not None and att.claimant == claimant, (sentence, att)
        assert "depot" in sentence[att.content_start:att.content_end], sentence


def test_a_source_inside_its_content_and_quotes_closed_from_an_earlier_sentence():
    text = "In Homs province, the spokesman said, air strikes hit strongholds in Talbiseh."
    att = find_attribution(text)
    assert att.claimant == "the spokesman" and "Talbiseh" in text[att.content_start:att.content_end]
    text = "In Latakia province, according to the ministry, a bunker was destroyed near Salma."
    att = find_attribution(text)
    assert att.claimant == "the ministry" and "Salma" in text[att.content_start:att.content_end]
    text = 'Our pilots do not strike hospitals," he told reporters in Moscow.'
    att = find_attribution(text)
    assert att.claimant == "he" and text[att.content_start:att.content_end].endswith('hospitals,"')
    text = '"We see strikes around Jisr al-Shughour," the Pentagon press secretary, Peter Cook, told reporters.'
    att = find_attribution(text)
    assert "Jisr" in text[att.content_start:att.content_end]


def test_sources_referred_to_by_it_the_group_and_a_member():
    claims = _claims(
        "The Syrian Observatory for Human Rights, a British-based group, gave a different picture.\n"
        "It said air raids on the town of Talbiseh killed 27 civilians.\n"
        "Six more died when a strike hit a block in Kafr Nabl, the British-based group said.\n"
        "Rebels of the Free Syrian Army's Southern Front say the bombing has grown worse.\n"
        '"The helicopters dropped barrel bombs on Inkhil," a spokesman for the alliance told us.\n'
    )
    by_place = _claimants_by_place(claims)
    assert "Observatory" in by_place["Tallbīsah"] and "Observatory" in by_place["Kafranbel"]
    assert "Southern Front" in by_place["Inkhil"]


def test_a_lead_takes_the_next_sentence_s_source_and_reported_speech_goes_on():
    claims = _claims(
        "17 November 2015\n"
        "Russian strategic bombers have pounded Islamic State's self-declared capital, Raqqa.\n"
        "The raids were announced on Tuesday by the Defence Ministry, which gave no figures.\n"
        "Konashenkov said bombers had struck an oil depot near al-Bab.\n"
        "Aircraft had also hit positions around Deir ez-Zor.\n"
    )
    by_place = _claimants_by_place(claims)
    assert by_place["Ar Raqqah"] == "Defence Ministry"
    assert by_place["Deir ez-Zor"] == by_place["Al Bāb"]


def test_a_source_named_before_the_headline_colon_narrates_the_article():
    claims = _claims("Regime helicopters dropped barrel bombs on Darayya on Tuesday.", title="SOHR: 31 civilians killed in raids")
    assert [c.claimant for c in claims] == ["SOHR"]


def test_coordinated_verbs_share_the_sentence_subject():
    att = find_attribution("State news agency SANA did not mention Sarmin, but said aircraft had destroyed vehicles.")
    assert att.claimant == "State news agency SANA"


# -- where the strike is, and where it is not ------------------------------------
def test_venues_routes_flight_paths_and_other_clauses_are_no_strike_locations():
    claims = _claims(
        "Russian warplanes carried out air strikes in Syria, hours after parliament in Moscow gave its consent.\n"
        "A general walked into the U.S. embassy in Baghdad and asked American jets to stay clear of the raids.\n"
        "The Observatory said warplanes bombed a street in Maarat al-Numan, a town on the Damascus-Aleppo highway.\n"
        "The missiles flew across Iran and Iraq before hitting their targets, the ministry said.\n"
        "Officials said the strikes targeted Islamic State, which is present in Raqqa, Deir ez-Zor and Palmyra.\n"
        "Konashenkov told reporters in Moscow that bombers hit a depot near Talbiseh.\n"
        "The President flew to Washington after the attacks in Paris that killed 129 people.\n"
    )
    names = {p for _, p, _ in _located(claims)}
    assert {"Ma‘arrat an Nu‘mān", "Tallbīsah"} <= names
    for wrong in ("Moscow", "Baghdad", "Damascus", "Aleppo", "Iran", "Iraq", "Ar Raqqah", "Deir ez-Zor", "Tadmur", "Paris"):
        assert wrong not in names, wrong


def test_objects_and_passive_subjects_of_strike_verbs_are_strike_locations():
    claims = _claims(
        "The Observatory said jets pounded Kafr Zita through the morning.\n"
        "It said jets had also bombed the nearby town of Binnish.\n"
        "Activists said the nearby town of al-Rastan was also bombarded.\n"
        "A rebel commander said Russian aircraft struck his fighters' bases outside Khan Sheikhoun.\n"
        "Activists said three were killed in a raid on the outskirts of Jisr al-Shughour.\n"
    )
    names = {p for _, p, _ in _located(claims)}
    assert {"Kafr Zaytā", "Binnish", "Ar Rastan", "Khān Shaykhūn", "Jisr ash Shughūr"} <= names


def test_it_and_the_town_struck_refer_to_the_place_named_before():
    claims = _claims(
        "Konashenkov devoted much of the briefing to Jisr al-Shughour, the town that fell in April.\n"
        "It was bombed twice overnight, he said, once at a workshop and once at a fuel depot.\n"
    )
    assert "Jisr ash Shughūr" in {p for _, p, _ in _located(claims)}


def test_attack_alone_is_an_air_strike_only_beside_one():
    claims = _claims(
        "Missiles hit five medical facilities in northern Syria, according to the United Nations.\n"
        "The deadliest attack fell on a hospital in Maarat al-Numan, the UN said.\n"
        "\n"
        "Kurdish forces say Islamic State fighters launched a dawn attack on Tal Abyad.\n"
        "Hollande declared war after the attacks in Paris that killed 129 people, officials said.\n"
    )
    names = {p for _, p, _ in _located(claims)}
    assert "Ma‘arrat an Nu‘mān" in names
    assert not names & {"Tall Abyaḑ", "Paris"}


def test_subjects_across_commas_and_joined_verbs():
    claims = _claims(
        "The Local Coordination Committees, an activist network, gave a similar account and said that "
        "Binnish had been bombed.\n"
        "State news agency SANA made no mention of Idlib city.\n"
        "It reported instead that the air force destroyed hideouts in Saraqib.\n"
        "Days later, Colonel-General Andrei Kartapolov of the General Staff showed images of what he said were "
        "convoys destroyed by Russian jets near the city of Deir ez-Zor.\n"
        "- Talbisa city, in the northern countryside of Homs, was targeted by warplanes.\n"
    )
    by_place = _claimants_by_place(claims)
    assert "Local Coordination Committees" in by_place["Binnish"]
    assert "SANA" in by_place["Saraqib"]
    assert "Kartapolov" in by_place["Deir ez-Zor"]
    assert "Tallbīsah" in by_place


def test_a_report_s_publisher_and_a_release_quoted_after_a_colon():
    claims = _claims("- Government helicopters dropped barrel bombs on Darayya.",
                     title="Syrian Network for Human Rights (SNHR)")
    assert [c.claimant for c in claims] == ["Syrian Network for Human Rights (SNHR)"]
    claims = _claims(
        "The US-led coalition has published its overnight strike summary. The key lines:\n"
        '"Near Raqqa, four strikes struck an ISIL tactical unit."\n'
    )
    assert [(c.claimant, c.claimant_type) for c in claims if c.places] == [("US-led coalition", "military")]


def test_a_site_named_like_an_institution_is_the_site():
    claims = _claims("Israeli warplanes struck a weapons depot near Damascus International Airport, state media said.")
    assert [p for _, p, _ in _located(claims)] == ["Damascus International Airport"]


def test_times_after_since_are_no_clauses_and_adjectives_before_towns():
    claims = _claims(
        "The monitor said jets carried out 30 raids since Thursday on Jisr al-Shughour and the villages around it.\n"
        "SANA said army units had pounded gatherings in the mountain towns of Salma and Kinsabba.\n"
        "Journalists visiting Hmeimim airbase, near Latakia, were shown bombers being loaded, the ministry said.\n"
    )
    names = {p for _, p, _ in _located(claims)}
    assert {"Jisr ash Shughūr", "Salma", "Kinnsibbā"} <= names
    assert "Latakia" not in names


def test_the_same_source_the_general_and_the_monitor_refer_back():
    claims = _claims(
        "Defence ministry spokesman Igor Konashenkov said bombers hit 12 targets.\n"
        "A separate raid, according to the general, wiped out a training camp outside Maarat al-Numan.\n"
        "Another raid, according to the same source, targeted Khan Sheikhoun.\n"
        "The Syrian Observatory for Human Rights gave a rather different picture.\n"
        "The Britain-based monitor said jets carried out raids on Kafr Nabl.\n"
    )
    by_place = _claimants_by_place(claims)
    assert "Konashenkov" in by_place["Ma‘arrat an Nu‘mān"] and "Konashenkov" in by_place["Khān Shaykhūn"]
    assert "Observatory" in by_place["Kafranbel"]


def test_a_publisher_line_a_relative_that_and_a_dash_after_the_source():
    claims = _claims("26 October 2015 - The Syrian Observatory for Human Rights\n"
                     "Warplanes carried out 14 raids on the town of Talbiseh, killing 9 civilians.",
                     title="Nearly 40 air strikes on 3 provinces")
    assert {c.claimant for c in claims if c.places} == {"Syrian Observatory for Human Rights"}
    att = find_attribution("A rebel faction that has received American-made missiles said its headquarters had been hit.")
    assert att.claimant == "A rebel faction that has received American-made missiles"
    claims = _claims("Ten aircraft dropped 16 bombs on a camp in Raqqa, the French defence ministry said - "
                     "four days after suicide bombers killed 129 people in Paris.")
    assert {p for _, p, _ in _located(claims)} == {"Ar Raqqah"}


def test_divisions_listed_before_a_plural_division_word_and_airports_as_air_bases():
    from geo import geoparse

    mentions = geoparse("Ships launched missiles at targets in Raqqa, Aleppo and Idlib provinces, the ministry said.")
    assert [m.place.precision for m in mentions if m.place] == ["admin1"] * 3
    mentions = geoparse("Army units destroyed trucks in the vicinity of Kuweires airport, SANA reported.")
    assert [m.place.place_id for m in mentions if m.place] == ["strikemap:kuweires-air-base"]


def test_a_capital_owning_a_stance_is_no_strike_location():
    claims = _claims("A rebel faction said its headquarters in the northern Hama countryside had been hit, "
                     "casting fresh doubt on Moscow's insistence that it is fighting Islamic State.")
    assert {p for _, p, _ in _located(claims)} == {"northern Hama"}


def test_a_place_the_sentence_opens_with_and_targets_listed_after_a_strike():
    claims = _claims(
        "Russian jets hit a depot in Hama, activists said.\n"
        "In al-Latamneh, the rebel group Tajamu al-Izza said its headquarters had been hit.\n"
        "In Moscow, the Defence Ministry said its jets hit 12 targets.\n"
        "Among them, ministry spokesman Igor Konashenkov said, was a command post near al-Qaryatain.\n"
        "Seven countries called on Moscow to stop attacking the opposition, officials said.\n"
        "The deal was negotiated by video, Pentagon press secretary Peter Cook said in Washington, but jets still hit Idlib.\n"
    )
    names = {p for _, p, _ in _located(claims)}
    assert {"Al-Lataminah", "Al Qaryatayn"} <= names
    assert not names & {"Moscow", "Washington"}


def test_a_place_and_a_noun_phrase_joined_before_a_passive_strike_verb():
    claims = _claims("Jisr al-Shughour and the villages around it were pounded through the night, the Observatory said.")
    assert {p for _, p, _ in _located(claims)} == {"Jisr ash Shughūr"}


def test_witnesses_speak_from_their_town_and_targets_listed_by_a_source():
    claims = _claims(
        "Russian jets hit a depot in Hama, activists said.\n"
        "Doctors in the northern Hama town of al-Lataminah said their clinic was badly damaged in an airstrike.\n"
        "Other targets listed by the ministry included a training camp near Maarat al-Numan and a workshop "
        "close to Kafr Zita.\n"
        "The strike came as foreign ministers from 17 countries met in Vienna.\n"
        "Jets targeted hideouts in the countryside of Hama province, the source said.\n"
    )
    by_place = _claimants_by_place(claims)
    assert "Doctors" in by_place["Al-Lataminah"]
    assert by_place["Ma‘arrat an Nu‘mān"] == "ministry" and by_place["Kafr Zaytā"] == "ministry"
    assert "Vienna" not in by_place
    assert ("Hama", "admin1") in {(m.place.name, m.place.precision) for c in claims for m in c.places if m.place}


def test_lists_with_unknown_names_relative_clauses_and_as_well_as():
    claims = _claims(
        "Activists said warplanes struck Kafr Nabudah in the northern Hama countryside on October 5, "
        "as well as Khan Sheikhoun and Kafranbel in southern Idlib.\n"
        "The monitor said raids hit rebel positions in al-Hader, al-Qzqz and Khan Touman.\n"
        "Russian warplanes also targeted the town of Saraqeb, where 4 were killed, and the town of Binnish, activists said.\n"
        "The ministry said jets flew 40 sorties.\n"
        "Among the targets, it said, was a command post near the town of al-Bab, which was destroyed.\n"
    )
    names = {p for _, p, _ in _located(claims)}
    assert {"Kafr Nabudah", "Khān Shaykhūn", "Kafranbel", "Khan Tuman", "Saraqib", "Binnish", "Al Bāb"} <= names


def test_a_publisher_s_own_sources_and_a_participle_of_speech():
    claims = _claims("Russian warplanes targeted the city of al-Mayadin and killed 6 civilians, according to reliable sources.",
                     title="SOHR: Russian raids kill 6")
    assert [c.claimant for c in claims] == ["SOHR"]
    claims = _claims("Fabius made a similar case in Paris, telling lawmakers that 80% of Russian strikes had targeted "
                     "the moderate opposition in Idlib.")
    assert "Paris" not in {p for _, p, _ in _located(claims)}


def test_demonyms_before_towns_agents_and_lists_past_a_reference():
    claims = _claims(
        "Air strikes on a crowded market in the northern Syrian town of Ariha killed dozens, rescue workers said.\n"
        "The Observatory said that airstrikes carried out by Russian jets on the IS-held town of al-Bab killed 12.\n"
        "According to the Observatory, Russian jets also struck Saraqeb, on the main highway east of Ariha, "
        "and Kafr Nubl, further south.\n"
        "Syrian state television, quoting a military source, was more specific.\n"
        "It said jets hit hideouts in Talbiseh.\n"
    )
    by_place = _claimants_by_place(claims)
    assert {"Arīḩā", "Al Bāb", "Saraqib", "Kafranbel", "Tallbīsah"} <= set(by_place)
    assert "state television" in by_place["Tallbīsah"]


def test_suicide_bombs_are_their_own_kind_of_claim_and_strike_aircraft_at_a_base_none():
    claims = _claims(
        "Jets hit a depot in Idlib, activists said.\n"
        "Turkey has been on edge since the twin suicide bombings at a peace rally in Ankara that killed 102 people.\n"
        "Russia already has more than 30 strike aircraft at its base near Latakia, on the Syrian coast.\n"
    )
    kinds = {m.place.name: c.event_type for c in claims for m in c.places if m.place}
    assert kinds == {"Idlib": "air/drone strike", "Ankara": "suicide bomb"}


def test_the_dead_of_an_article_that_tells_of_no_strike_are_no_strike_claim():
    fire = "A fire at a warehouse in Najaf killed five people, the civil defence directorate said."
    assert _claims(fire, title="Heavy rain floods roads around Najaf") == []
    crash = "A bus overturned on the road from Homs to Hama, killing 12 people, police said."
    assert _claims(crash, title="Bus crash") == []
    # The same words in a report of air strikes are the strikes' dead.
    located = _located(_claims("Five people were killed in Talbiseh, the Syrian Observatory for Human Rights said.",
                               title="Russian air strikes hit Homs province"))
    assert [(claimant, name) for claimant, name, _ in located] == [("Syrian Observatory for Human Rights", "Tallbīsah")]


def test_sources_after_the_content_with_a_bare_weekday_or_a_lower_case_name():
    for sentence, claimant in {
        "Coalition aircraft carried out 18 air strikes around Ramadi, the coalition said Thursday.": "coalition",
        "Coalition aircraft struck Ramadi, the ministry said.": "ministry",
        "Jets struck Ramadi on Monday, the coalition said Thursday, as Iraqi troops advanced west of Baghdad.": "coalition",
        "Mahmoud al-Dulaimi said a coalition strike had hit a house in Ramadi.": "Mahmoud al-Dulaimi",
    }.items():
        assert [(c, name) for c, name, _ in _located(_claims(sentence, title="Air strikes in Iraq"))] == [(claimant, "Ramadi")], sentence


def test_where_a_statement_was_issued_is_no_strike_location():
    claims = _claims("The Iraqi Ministry of Defence said in a statement issued in Baghdad that Iraqi aircraft had struck "
                     "an IS convoy near Baiji, killing 30 militants.", title="Iraqi jets strike convoy")
    assert [name for _, name, _ in _located(claims)] == ["Bayjī"]
    assert _located(_claims("The group said in a statement issued in Washington that it had documented 12 attacks on "
                            "medical facilities.", title="Air strikes on hospitals")) == []


def test_a_town_named_like_a_common_word_where_the_text_says_it_is_a_town():
    claims = _claims("A member of the provincial council said a coalition strike had hit a house in the town of Hit, "
                     "northwest of Ramadi, killing a family of six.", title="Coalition air strike kills family")
    assert [name for _, name, _ in _located(claims)] == ["Hīt"]


def test_a_fronted_place_after_a_direction_and_places_that_only_date_the_strikes():
    claims = _claims("Russian jets struck Saraqeb on Monday, activists said. Further south, in Khan Sheikhoun, civil "
                     "defence volunteers said they had recovered 14 bodies after strikes on a residential street.",
                     title="Russian air strikes in Idlib")
    assert [name for _, name, _ in _located(claims)] == ["Saraqib", "Khān Shaykhūn"]
    claims = _claims("The strikes come a week after Kurdish forces recaptured Sinjar, forcing thousands to flee into "
                     "camps around Duhok.", title="Coalition air strikes in Iraq")
    assert _located(claims) == []


def test_a_place_that_says_what_kind_of_place_the_next_is():
    claims = _claims("Coalition jets destroyed three rebel boats near the Red Sea port of Mokha, the coalition said.",
                     title="Coalition air strikes in Yemen")
    assert [name for _, name, _ in _located(claims)] == ["Mocha"]


def test_a_source_inside_a_where_clause_speaks_of_the_place_where_refers_to():
    claims = _claims("Coalition warplanes pounded Sanaa overnight, the Saba news agency said. The heaviest toll was in "
                     "Saada province, the mountainous heartland of the Huthi movement on the Saudi border, where the "
                     "agency said 24 air raids hit several districts.", title="Saudi-led air strikes in Yemen")
    assert [name for _, name, _ in _located(claims)] == ["Sanaa", "Sa'dah"]
    assert "agency" in claims[-1].claimant


def test_a_struck_clause_that_names_its_target_by_a_pronoun_and_a_source_with_a_relative_clause():
    claims = _claims("A hospital in Ariha, south of Idlib city, has been put out of service after its entrance was hit, "
                     "according to a medical charity that supports the facility.", title="Air strikes in Idlib")
    assert [(claimant, name) for claimant, name, _ in _located(claims)] == [("a medical charity", "Arīḩā")]
    claims = _claims("Doctors said their clinic in Ariha was damaged after Russian jets struck Saraqeb nearby, "
                     "according to Doctors Without Borders, which supports the clinic.", title="Air strikes in Idlib")
    assert [name for _, name, _ in _located(claims)] == ["Saraqib"]


def test_a_statement_quoted_over_several_paragraphs_is_its_author_s_throughout():
    claims = _claims('The coalition published its daily strike release on Sunday. It reads in part:\n\n'
                     '"In Iraq, Coalition military forces conducted two strikes against ISIS targets.\n\n'
                     'Near Rawah, one strike destroyed an ISIS tunnel entrance.\n\n'
                     'Near Qayyarah, one strike engaged an ISIS tactical unit and destroyed a cave."\n\n'
                     'Residents of Mosul said they had heard jets overnight.', title="Coalition strikes in Iraq")
    located = _located(claims)
    assert [name for _, name, _ in located] == ["Iraq", "Rāwah", "Al Qayyārah"]
    assert all("oalition" in claimant for claimant, _, _ in located)


def test_influence_on_a_capital_is_on_its_government():
    claims = _claims("A Foreign Office spokesperson in London condemned the bombing of Aleppo and called on Russia to "
                     "use its influence on Damascus to halt the bombing.", title="Russian air strikes on Aleppo")
    assert "Damascus" not in [name for _, name, _ in _located(claims)]


def test_interceptions_are_typed_and_kept_apart_from_strikes(tmp_path):
    """Air defences' claims are kept, typed, and never mapped as strikes on the places they name."""
    import json

    from geo.pipeline import run

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Title: Drones over Russia\n\n"
        "Russian air defence systems destroyed 30 Ukrainian drones over the Bryansk and Kursk regions overnight, "
        "the Defence Ministry said.\n\n"
        "Falling debris damaged a house in the town of Klintsy, Governor Alexander Bogomaz said, after a drone struck "
        "a fuel depot in Novozybkov.\n", encoding="utf-8")
    result = run([tmp_path / "in"], tmp_path / "out", jobs=1)
    strikes = json.loads((tmp_path / "out" / "strikes.geojson").read_text(encoding="utf-8"))["features"]
    caught = json.loads((tmp_path / "out" / "interceptions.geojson").read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["place"] for f in caught} == {"Bryansk", "Kursk"}
    assert {f["properties"]["event_type"] for f in caught} == {"interception"}
    assert "Novozybkov" in {f["properties"]["place"] for f in strikes}
    assert not {"Bryansk", "Kursk"} & {f["properties"]["place"] for f in strikes}
    assert result.summary.interceptions == 1
