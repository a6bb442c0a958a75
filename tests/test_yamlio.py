import pytest

from kb.errors import CorpusError
from kb.yamlio import load_yaml


def write(tmp_path, text, name="a.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lines_are_found_for_nested_keys_and_list_items(tmp_path):
    source = load_yaml(write(tmp_path, "article:\n  title: x\nevents:\n  - event: a\n  - event: b\n    date: 2020-02-30\n"))
    assert source.line_of(("article", "title")) == 2
    assert source.line_of(("events", 1)) == 5
    assert source.line_of(("events", 1, "date")) == 6
    # a missing key is reported at its parent
    assert source.line_of(("events", 1, "places")) == 5


def test_dates_stay_text_so_the_models_can_judge_them(tmp_path):
    assert load_yaml(write(tmp_path, "date: 2020-02-30\n")).data == {"date": "2020-02-30"}


def test_duplicate_keys_are_an_error_with_their_line(tmp_path):
    with pytest.raises(CorpusError) as caught:
        load_yaml(write(tmp_path, "a: 1\nb: 2\na: 3\n"))
    problem = caught.value.problems[0]
    assert problem.line == 3 and "appears twice" in problem.message


def test_python_tags_are_refused(tmp_path):
    with pytest.raises(CorpusError, match="1 problem"):
        load_yaml(write(tmp_path, "a: !!python/object/apply:os.system ['true']\n"))


def _by_pyyaml(text):
    """The document as PyYAML's own construction makes it with the strict loader's rules."""
    from kb.yamlio import _StrictSafeLoader

    loader = _StrictSafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@pytest.mark.parametrize("text", [
    "article:\n  title: x\n  date: 2020-02-01\nevents:\n  - {event: a, n: 3, share: 0.5, ok: true, none: ~}\n  - []\n",
    "a: &x [1, two, {c: d}]\nb: *x\nc: *x\n",  # aliases: one object, as PyYAML makes it
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",  # merge keys: left to PyYAML
    "? [a, b]\n: value\n",  # a key that is a list: PyYAML's error
    "s: !!set {a, b}\nbin: !!binary aGVsbG8=\nstr: !!str 12\nn: !!int '7'\n",
    "1: one\n'1': text one\n0x10: sixteen\nnull: x\ntrue: y\n",
    "a: &r [1, *r]\n",  # a list that contains itself
    "'': empty key\nlong: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
    "a: 1\nb: 2\na: 3\n",  # duplicates, reported with PyYAML's construction's words
    "- 1\n- 1.5e3\n- .inf\n- -.nan\n- 0o17\n- yes\n- NO\n- ''\n",
])
def test_the_direct_construction_gives_what_pyyaml_gives(tmp_path, text):
    try:
        expected = _by_pyyaml(text)
    except Exception as err:  # noqa: BLE001 - the same failure is expected of the direct construction
        with pytest.raises(CorpusError) as caught:
            load_yaml(write(tmp_path, text))
        assert str(getattr(err, "problem", err)) in caught.value.problems[0].message
        return
    data = load_yaml(write(tmp_path, text)).data
    assert repr(data) == repr(expected)  # repr: nan equals nothing, and the recursive list compares by shape
    if isinstance(data, dict) and "b" in data and "c" in data and isinstance(data["b"], list):
        assert data["b"] is data["c"] is data["a"]  # an alias is its anchor's object


def test_the_direct_construction_reads_the_bundled_annotations_as_pyyaml_does():
    from kb.resources import bundled_corpus

    for path in sorted((bundled_corpus() / "articles").glob("*.yaml")) + sorted((bundled_corpus() / "registry").glob("*.yaml")):
        assert load_yaml(path).data == _by_pyyaml(path.read_text(encoding="utf-8")), path
