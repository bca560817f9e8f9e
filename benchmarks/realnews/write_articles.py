#!/usr/bin/env python3
"""Write public real-news corpora as one text file per article.

Usage:
    write_articles.py --out DIR [--heldout-out DIR2] GITDIR [GITDIR ...]

Each GITDIR is a git directory (bare, no work tree) of one of the source
repositories listed in SOURCES.md.  The corpus is recognised from the files at
HEAD:

  data/Corpora/lgl.xml  (or data/lgl.xml)          -> LGL_<docid>.txt
  data/Corpora/TR-News.xml                         -> TRN_<docid>.txt
  data/Corpora/GeoVirus.xml (or data/GeoVirus.xml) -> GEOVIRUS_<nnn>.txt (1-based order in the XML)
  bbc/<category>/<nnn>.txt                         -> BBC_<category>_<nnn>.txt
  reuters21578/reut2-0NN.sgm                       -> REUTERS_<NEWID, 5 digits>.txt
                                                      (deterministic sample of 1,000 stories with a body:
                                                       the 1,000 smallest sha1("sample:REUTERS_" + NEWID))
  FA-KES-Dataset.csv                               -> WAR_<unit_id>.txt
                                                      (deterministic sample of 500 articles: first row of each
                                                       unit_id, then the 500 smallest sha1("sample:WAR_" + unit_id))

A repository holding several corpora (the Pragmatic-Guide repository holds LGL,
TR-News and GeoVirus) yields all of them; a corpus is written once even when two
repositories hold it (first GITDIR wins).

Every file is a header block followed by the article text:
    Title: ...
    Date: YYYY-MM-DD      (only when known)
    URL: ...              (only when known)
    Source: ...           (only when known)
    <blank line>
    <article text>
Gold offsets index the article text, i.e. the file content after the first
"\n\n".  Output is deterministic (sorted, no timestamps).

With --heldout-out, articles whose sha1(article id).hexdigest() starts with
0-4 are written there instead of --out.
"""
import argparse
import csv
import hashlib
import html
import io
import os
import re
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET

HEADER_END = "\n\n"


def git_ls(gitdir):
    out = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "--name-only", "HEAD"],
                         check=True, capture_output=True).stdout.decode("utf-8", "replace")
    return out.split("\n")


def git_show(gitdir, path):
    return subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path],
                          check=True, capture_output=True).stdout


def clean(s):
    return re.sub(r"\s+", " ", s or "").strip()


def norm_text(s):
    s = (s or "").replace("\r\n", "\n").replace("\r", "\n")
    return s.strip()


MONTH_NAMES = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def date_from(s):
    """YYYY-MM-DD from the many date spellings of the corpora, or None."""
    s = s or ""
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return "%s-%s-%s" % m.groups()
    mon = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + mon + r",?\s+(\d{4})", s, re.I)
    if m:
        return "%s-%02d-%02d" % (m.group(3), MONTH_NAMES[m.group(2).lower()], int(m.group(1)))
    m = re.search(r"\b" + mon + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", s, re.I)
    if m:
        return "%s-%02d-%02d" % (m.group(3), MONTH_NAMES[m.group(1).lower()], int(m.group(2)))
    return None


# ---------------------------------------------------------------- corpora

def sample_key(aid):
    """Sampling order, independent of the held-out split (which uses sha1(aid))."""
    return hashlib.sha1(("sample:" + aid).encode("utf-8")).hexdigest()


def read_lgl(data):
    root = ET.fromstring(data)
    for a in root.findall("article"):
        docid = a.get("docid").strip()
        yield ("LGL_%08d" % int(docid), {
            "title": clean(a.findtext("title")),
            "date": date_from(a.findtext("dltime")),
            "url": clean(a.findtext("url")),
            "source": clean(a.findtext("domain")),
            "text": norm_text(a.findtext("text")),
        })


def read_trn(data):
    root = ET.fromstring(data)
    for a in root.findall("article"):
        docid = a.get("docid").strip()
        yield ("TRN_%07d" % int(docid), {
            "title": clean(a.findtext("title")),
            "date": date_from(a.findtext("dltime")),
            "url": clean(a.findtext("url")),
            "source": clean(a.findtext("domain")),
            # 32 TR-News texts carry the XML file's indentation inside wrapped lines: undo it
            "text": norm_text(re.sub(r"[ \t]*\n[ \t]{4,}", " ", a.findtext("text") or "")),
        })


def read_geovirus(data):
    root = ET.fromstring(data)
    for i, a in enumerate(root.findall("article"), 1):
        url = clean(a.findtext("source"))
        title = urllib.parse.unquote(url.rsplit("/wiki/", 1)[-1]).replace("_", " ")
        yield ("GEOVIRUS_%03d" % i, {
            "title": title,
            "date": None,
            "url": url,
            "source": "Wikinews",
            "text": norm_text(a.findtext("text")),
        })


def read_bbc(gitdir, files):
    for path in sorted(files):
        m = re.match(r"(?:.*/)?bbc/([a-z]+)/(\d+)\.txt$", path)
        if not m:
            continue
        raw = git_show(gitdir, path)
        try:
            s = raw.decode("utf-8")
        except UnicodeDecodeError:
            s = raw.decode("latin-1")
        s = s.replace("\r\n", "\n").replace("\r", "\n")
        title, _, body = s.lstrip("\n").partition("\n")
        yield ("BBC_%s_%s" % (m.group(1), m.group(2)), {
            "title": clean(title),
            "date": None,
            "url": None,
            "source": "BBC News",
            "text": norm_text(body),
        })


MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}


def reuters_unescape(s):
    s = re.sub(r"&#\d+;", lambda m: "" if int(m.group(0)[2:-1]) < 32 else m.group(0), s)
    return html.unescape(s)


def reflow_reuters(body):
    """Join the hard-wrapped lines of a Reuters body into paragraphs (a paragraph starts
    with an indented line), one paragraph per line."""
    body = body.replace("\r", "")
    paras, cur = [], []
    for line in body.split("\n"):
        if re.match(r"^\s{2,}\S", line) and cur:
            paras.append(" ".join(cur))
            cur = []
        if line.strip():
            cur.append(line.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return "\n".join(re.sub(r"[ \t]+", " ", p) for p in paras)


def read_reuters(gitdir, files, n=1000):
    stories = {}
    for path in sorted(f for f in files if re.search(r"reut2-\d{3}\.sgm$", f)):
        s = git_show(gitdir, path).decode("latin-1")
        for m in re.finditer(r"<REUTERS [^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", s, re.S):
            newid, doc = int(m.group(1)), m.group(2)
            bm = re.search(r"<BODY>(.*?)</BODY>", doc, re.S)
            if not bm:
                continue
            body = reflow_reuters(reuters_unescape(bm.group(1)))
            if not body.strip():
                continue
            tm = re.search(r"<TITLE>(.*?)</TITLE>", doc, re.S)
            dl = re.search(r"<DATELINE>(.*?)</DATELINE>", doc, re.S)
            dm = re.search(r"<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})", doc)
            date = "%s-%02d-%02d" % (dm.group(3), MONTHS[dm.group(2)], int(dm.group(1))) if dm else None
            text = body
            if dl and clean(reuters_unescape(dl.group(1))):
                text = clean(reuters_unescape(dl.group(1))) + " " + body
            aid = "REUTERS_%05d" % newid
            stories[aid] = {
                "title": clean(reuters_unescape(tm.group(1))) if tm else "",
                "date": date,
                "url": None,
                "source": "Reuters",
                "text": norm_text(text),
            }
    keep = sorted(stories, key=sample_key)[:n]
    for aid in sorted(keep):
        yield aid, stories[aid]


def read_fakes(data, n=500):
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    seen = {}
    for r in rows:
        uid = r["unit_id"].strip()
        if uid and uid not in seen:
            seen[uid] = r
    ids = sorted(("WAR_" + u for u in seen), key=sample_key)[:n]
    for aid in sorted(ids):
        r = seen[aid[4:]]
        dm = re.match(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})", r.get("date") or "")
        date = "%s-%02d-%02d" % (dm.group(3), int(dm.group(1)), int(dm.group(2))) if dm else None
        yield aid, {
            "title": clean(r["article_title"]),
            "date": date,
            "url": None,
            "source": clean(r.get("source")),
            "text": norm_text(r["article_content"]),
        }


# ---------------------------------------------------------------- main

def corpora_in(gitdir):
    files = git_ls(gitdir)
    fs = set(files)
    out = []

    def first(*cands):
        for c in cands:
            if c in fs:
                return c
        return None

    p = first("data/Corpora/lgl.xml", "data/lgl.xml")
    if p:
        out.append(("LGL", lambda p=p: read_lgl(git_show(gitdir, p))))
    p = first("data/Corpora/TR-News.xml")
    if p:
        out.append(("TRN", lambda p=p: read_trn(git_show(gitdir, p))))
    p = first("data/Corpora/GeoVirus.xml", "data/GeoVirus.xml")
    if p:
        out.append(("GEOVIRUS", lambda p=p: read_geovirus(git_show(gitdir, p))))
    if any(re.match(r"(?:.*/)?bbc/[a-z]+/\d+\.txt$", f) for f in files):
        out.append(("BBC", lambda: read_bbc(gitdir, files)))
    if any(re.search(r"reut2-\d{3}\.sgm$", f) for f in files):
        out.append(("REUTERS", lambda: read_reuters(gitdir, files)))
    p = first("FA-KES-Dataset.csv")
    if p:
        out.append(("WAR", lambda p=p: read_fakes(git_show(gitdir, p))))
    return out


def render(meta):
    lines = ["Title: " + (meta["title"] or "")]
    if meta.get("date"):
        lines.append("Date: " + meta["date"])
    if meta.get("url"):
        lines.append("URL: " + meta["url"])
    if meta.get("source"):
        lines.append("Source: " + meta["source"])
    return "\n".join(lines) + HEADER_END + meta["text"] + "\n"


def is_heldout(aid):
    return hashlib.sha1(aid.encode("utf-8")).hexdigest()[0] in "01234"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--heldout-out")
    ap.add_argument("gitdirs", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    if a.heldout_out:
        os.makedirs(a.heldout_out, exist_ok=True)
    done = set()
    counts = {}
    for gd in a.gitdirs:
        for name, gen in corpora_in(gd):
            if name in done:
                continue
            done.add(name)
            n = [0, 0]
            for aid, meta in gen():
                held = bool(a.heldout_out) and is_heldout(aid)
                d = a.heldout_out if held else a.out
                with open(os.path.join(d, aid + ".txt"), "w", encoding="utf-8", newline="\n") as f:
                    f.write(render(meta))
                n[held] += 1
            counts[name] = n
    for name in sorted(counts):
        print("%-9s %5d articles (%d main, %d held out)" % (name, sum(counts[name]), counts[name][0], counts[name][1]))


if __name__ == "__main__":
    main()
