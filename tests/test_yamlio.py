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
