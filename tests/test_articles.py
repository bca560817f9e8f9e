"""Reading articles: titles, boilerplate, and clear messages for bad files."""
from __future__ import annotations

from geo.articles import Article, Problem, read_article, read_articles


def test_title_is_first_line_and_boilerplate_is_blanked(tmp_path):
    text = "\nShare this article\nTitle of the story\n\nBody line one.\nLeave a Reply\nWhatsApp us\n"
    f = tmp_path / "story.txt"
    f.write_text(text, encoding="utf-8")
    article = read_article(f)
    assert isinstance(article, Article)
    assert article.id == "story"
    assert article.title == "Title of the story"
    assert "Share this" not in article.text and "Leave a Reply" not in article.text
    assert len(article.text) == len(text)  # offsets into the file still hold
    assert article.text.index("Body line one.") == text.index("Body line one.")


def test_bad_files_are_reported_one_message_each(tmp_path):
    (tmp_path / "good.txt").write_text("A title\nRussian jets struck Idlib.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 10)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 in Homs".encode("latin-1"))
    articles, problems = read_articles([tmp_path, tmp_path / "missing.txt"])
    assert [a.id for a in articles] == ["good", "latin1"]
    assert articles[1].text == "Café in Homs" and "decoded as" in articles[1].note
    messages = {p.path.rsplit("/", 1)[-1]: p.message for p in problems}
    assert set(messages) == {"empty.txt", "binary.txt", "missing.txt"}
    assert "empty" in messages["empty.txt"]
    assert "binary" in messages["binary.txt"]
    assert all(isinstance(p, Problem) for p in problems)


def test_title_is_the_first_line_with_text_as_splitting_the_text_into_lines_finds_it():
    """title_of finds the line around the first non-space character; it answers as splitting
    the whole text into lines would (a text of one line has no headline above it)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    import geo.articles as articles

    def whole(text):
        line = next((line for line in text.splitlines(keepends=True) if line.strip()), "")
        ended = line != line.rstrip("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        return " ".join(line.split()) if ended else ""

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\x1c", "\x0b", "\x85", "\u2028", "\u2029", "bc", "\t",
                                     "\xa0", "\u3000"]), max_size=20))
    def check(parts):
        text = "".join(parts)
        assert articles.title_of(text) == whole(text)

    check()


def test_a_wire_lead_or_a_long_sentence_is_no_headline():
    from geo.articles import title_of

    assert title_of("KYIV, Ukraine (AP) — Russian glide bombs and drones slammed into\ntowns ...") == ""
    assert title_of("ODESA, June 3 (Reuters) - Russian drones struck port facilities.\n\nMore text.") == ""
    assert title_of("Russian jets struck a hospital in the town of Sarmin in Idlib province on Tuesday, killing 12.\nMore.") == ""
    assert title_of("Russian drones pound Odesa and Danube ports\n\nRussian attack drones struck ...") == (
        "Russian drones pound Odesa and Danube ports")
    assert title_of("All on one line: no headline above it.") == ""


def test_hard_wrapped_paragraphs_read_as_running_text_offsets_kept():
    from geo.text import sentences, unwrap

    wrapped = ("Title\n\nTwo aerial bombs struck the center of Dobropillia, about 20\nkilometers north of Pokrovsk, "
               "shortly after 10 a.m., when the\ntown's open-air market was crowded with shoppers, regional Gov.\n"
               "Vadym Filashkin said. Seven people were killed and 26 wounded, and a\ndrone then hit a fire truck as "
               "rescuers arrived, he said.\n\nA short line\n- a list item\n")
    flat = unwrap(wrapped * 3)
    assert len(flat) == len(wrapped) * 3
    texts = [s.text for s in sentences(flat)]
    assert "regional Gov. Vadym Filashkin said." in texts[1] and texts[1].startswith("Two aerial bombs")
    assert "A short line" in texts and "- a list item" in texts
    assert unwrap("one paragraph a line\n" * 10) == "one paragraph a line\n" * 10


def test_readers_that_need_no_titles_get_the_same_articles_without_derived_titles(tmp_path):
    from dataclasses import replace

    from geo.articles import read_path

    plain = tmp_path / "plain.txt"
    plain.write_text("Jets hit Aleppo\n\nThe strikes began at dawn.\n", encoding="utf-8")
    headed = tmp_path / "headed.txt"
    headed.write_text("Title: Strikes in Idlib\n\nJets hit Idlib.\n", encoding="utf-8")
    with_titles, without = next(read_path(plain)), next(read_path(plain, titles=False))
    assert with_titles.title == "Jets hit Aleppo" and without == replace(with_titles, title="")
    assert next(read_path(headed, titles=False)) == next(read_path(headed))


def test_each_file_is_read_once_whatever_links_lead_to_it(tmp_path):
    """Folder links are not followed; a file reached again through a link, or through a second
    folder given, is listed once (first in sorted order); broken links and loops are listed."""
    import os

    from geo.articles import article_paths

    inside, outside = tmp_path / "in", tmp_path / "out"
    (inside / "sub").mkdir(parents=True)
    outside.mkdir()
    (inside / "a.txt").write_text("a")
    (inside / "sub" / "b.txt").write_text("b")
    (outside / "c.txt").write_text("c")
    os.symlink(outside / "c.txt", inside / "c_link.txt")
    os.symlink("a.txt", inside / "z_link.txt")
    os.symlink("missing.txt", inside / "broken.txt")
    os.symlink("loop2.txt", inside / "loop1.txt")
    os.symlink("loop1.txt", inside / "loop2.txt")
    os.symlink(outside, inside / "outdir")
    names = [p.relative_to(tmp_path).as_posix() for p in article_paths([inside, inside / "sub", outside / "c.txt"])]
    assert names == ["in/a.txt", "in/broken.txt", "in/c_link.txt", "in/loop1.txt", "in/loop2.txt", "in/sub/b.txt"]


def test_a_review_sheet_or_claims_table_beside_the_articles_is_one_message_not_articles(tmp_path):
    (tmp_path / "story.txt").write_text("A title\nRussian jets struck Idlib.", encoding="utf-8")
    (tmp_path / "review.csv").write_text("\ufeffarticle,sentence,place,decision,reason\nstory,Jets struck Idlib.,Idlib,reject,\n"
                                         "story,Jets struck Idlib.,Idlib,accept,\n", encoding="utf-8")
    (tmp_path / "strikes.csv").write_text("claim_id,place\nc1,Idlib\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("who,what\nme,todo\n", encoding="utf-8")
    (tmp_path / "export.csv").write_text("id,title,text\nx1,Raid,Russian jets struck Hama.\n", encoding="utf-8")
    articles, problems = read_articles([tmp_path])
    assert sorted(a.id for a in articles) == ["story", "x1"]
    messages = {p.path.rsplit("/", 1)[-1]: p.message for p in problems}
    assert set(messages) == {"review.csv", "strikes.csv", "notes.csv"}
    assert "--corrections" in messages["review.csv"] and "claims table" in messages["strikes.csv"]
    assert "'text' column" in messages["notes.csv"]


def test_a_byline_or_a_release_date_near_the_top_dates_an_article_with_no_header(tmp_path):
    from geo.articles import read_article

    (tmp_path / "a.txt").write_text("Drone strikes hit Zawiya\n\nBy a staff reporter | 14 November 2024\n\n"
                                    "Drones struck two sites near Zawiya on Wednesday, officials said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Drone strikes hit Zawiya\n\nDrones struck two sites near Zawiya on 14 November 2024, "
                                    "officials said in a statement on Wednesday.\n", encoding="utf-8")
    assert read_article(tmp_path / "a.txt").published == "2024-11-14"
    assert read_article(tmp_path / "b.txt").published == ""  # a date inside the story is no publication date
