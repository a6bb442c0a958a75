"""`kb new` through the command line on the two real texts of new genres (a broadcaster's report
that names its outlet only as "VOA", a government's transcript), each drafted into a copy of the
seed corpus: the draft builds as it is, and confirming what it proposes builds too."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import REPO, SEED_CORPUS, run_cli

TEXTS = REPO / "benchmarks" / "draft_texts"
VOA, KREMLIN = "voa-2020-03-02-saraqeb", "kremlin-2020-03-05-talks"


@pytest.fixture
def corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, target)
    return target


def confirm(draft: str, *keys: str) -> str:
    """The draft with the commented lines `# KEY: ...` of the article uncommented."""
    return re.sub(rf"(?m)^  # ((?:{'|'.join(keys)}): .*?)(?:  #.*)?$", r"  \1", draft)


def new_registry_entries(draft: str) -> str:
    return "".join(re.sub(r"(?m)^# ?", "", e) for e in re.findall(r"^# (- id: .*\n(?:#   .*\n)+)", draft, re.MULTILINE))


def test_voa_with_a_publisher_the_registry_lacks(corpus):
    source = TEXTS / f"{VOA}.txt"
    refused = run_cli("new", source, "--corpus", corpus, "--publisher", "VOA News")
    assert refused.exit_code == 2 and "states no publication date; the latest date it gives is 2020-02-28" in refused.stderr
    result = run_cli("new", source, "--corpus", corpus, "--publisher", "VOA News", "--date", "2020-03-02")
    assert result.exit_code == 0, result.stderr
    assert "publisher      voa-news? (given; not in the registry: a new entry is drafted, to confirm)" in result.stdout
    assert (corpus / "articles" / f"{VOA}.txt").read_bytes() == source.read_bytes()
    check = run_cli("check", VOA, "--corpus", corpus)
    assert check.exit_code == 0 and "conforms" in check.stdout, check.stdout + check.stderr

    draft_path = corpus / "articles" / f"{VOA}.yaml"
    draft = draft_path.read_text(encoding="utf-8")
    assert '# title: "Syrian Government Recaptures Strategic Town of Saraqeb from Turkish-Backed Rebels"' in draft
    assert "#     claimant: syrian-government  # named in the attribution ('Damascus')" in draft
    assert '#     said: {quote: "it shot down three Turkish drones"' in draft
    assert "Accessibility" not in draft.split("# Names not in the registry")[1].split("# Dates")[0]
    # the curator confirms the new outlet and the publisher: the sentence that names it is covered
    (corpus / "registry" / "voa.yaml").write_text(new_registry_entries(draft), encoding="utf-8")
    draft_path.write_text(confirm(draft, "publisher", "publisher_evidence"), encoding="utf-8")
    check = run_cli("check", VOA, "--corpus", corpus)
    assert check.exit_code == 0, check.stdout + check.stderr
    coverage = run_cli("coverage", VOA, "--corpus", corpus)
    assert f"{VOA}: 16 sentences, 1 cited, 0 skipped, 15 uncovered" in coverage.stdout


def test_kremlin_transcript_published_by_a_government_body(corpus):
    source = TEXTS / f"{KREMLIN}.txt"
    result = run_cli("new", source, "--corpus", corpus, "--publisher", "Kremlin")
    assert result.exit_code == 0, result.stderr
    assert "published      2020-03-05 (a date on a line of its own in the header)" in result.stdout
    assert "publisher      kremlin (given)" in result.stdout  # a government body publishes, as the format allows
    assert "statements     10 (10 with a registry speaker)" in result.stdout
    draft = (corpus / "articles" / f"{KREMLIN}.yaml").read_text(encoding="utf-8")
    assert "\n  publisher: kremlin\n" in draft
    assert '  # title: "Russian-Turkish talks"' in draft and "  # dateline: moscow" in draft
    assert '#     said: {quote: "Good afternoon, Mr President"' in draft
    assert '#     evidence: {quote: "President of Turkey Recep Tayyip Erdogan (retranslated)"' in draft
    assert "Turke" not in draft.split("# Names not in the registry")[1].split("# Dates")[0]
    assert '{reason: "a document-type token (breadcrumb)", quote: {quote: "Документ   /"' in draft
    check = run_cli("check", KREMLIN, "--corpus", corpus)
    assert check.exit_code == 0 and "conforms" in check.stdout, check.stdout + check.stderr


def test_kremlin_with_its_site_as_a_new_outlet_builds_once_confirmed(corpus, tmp_path):
    source = TEXTS / f"{KREMLIN}.txt"
    result = run_cli("new", source, "--corpus", corpus, "--publisher", "Official website of the President of Russia")
    assert result.exit_code == 0, result.stderr
    draft_path = corpus / "articles" / f"{KREMLIN}.yaml"
    draft = draft_path.read_text(encoding="utf-8")
    (corpus / "registry" / "kremlin-ru.yaml").write_text(new_registry_entries(draft), encoding="utf-8")
    draft_path.write_text(confirm(draft, "publisher", "publisher_evidence", "dateline"), encoding="utf-8")
    build = run_cli("build", "--corpus", corpus, "--out", tmp_path / "out", "--quiet")
    assert build.exit_code == 0, build.stdout + build.stderr
