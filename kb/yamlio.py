"""Safe YAML reading that remembers where every value came from.

PyYAML's safe loader never constructs arbitrary objects. On top of it this module keeps dates as
plain strings (so an impossible date such as 2020-02-30 is reported by the models, with its field,
rather than crashing the parser), rejects duplicate keys, and returns a `Located` document whose
`line_of` maps a path of keys and indexes (as pydantic reports it) to a line of the file.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from kb.errors import Problem, display_path


# libyaml's parser when PyYAML was built with it (several times faster), else the pure-Python one
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictSafeLoader(_BaseLoader):
    """SafeLoader without implicit timestamps and with duplicate keys rejected."""


_StrictSafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DuplicateKey(yaml.MarkedYAMLError):
    """A mapping key given twice in one YAML mapping (YAML itself would keep the last silently)."""
    pass


def _construct_mapping(loader: _StrictSafeLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark,
                "a key is a list or a mapping; keys are plain names", key_node.start_mark,
            )
        if key in seen:
            raise DuplicateKey(
                "while reading a mapping", node.start_mark,
                f"the key {key!r} appears twice (first on line {seen[key].start_mark.line + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node
    return loader.construct_mapping(node, deep=deep)


_StrictSafeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_PLAIN = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


class _Unusual(Exception):
    """The document uses what only PyYAML's own construction handles (merge keys, keys that are
    lists or mappings, tags such as !!set or !!binary): it is constructed by PyYAML instead."""


def _construct(loader: _StrictSafeLoader, root: yaml.Node) -> Any:
    """The document's data, as PyYAML's safe construction (with `_construct_mapping`) makes it.

    PyYAML constructs every node through several Python calls and constructs each mapping key
    twice; annotations are plain mappings, lists and strings, which this builds directly (several
    times faster on a large corpus). Null, booleans and numbers are left to PyYAML's constructors,
    and an alias gives the same object as its anchor, as in PyYAML; anything else raises _Unusual.
    """
    made: dict[int, Any] = {}

    def build(node: yaml.Node) -> Any:
        if id(node) in made:
            return made[id(node)]
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if tag in _PLAIN and isinstance(node, yaml.ScalarNode):
            return loader.construct_object(node)
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            items: list = []
            made[id(node)] = items  # registered before its items: a list may contain itself, as in PyYAML
            items.extend(build(item) for item in node.value)
            return items
        if tag == _MAP and isinstance(node, yaml.MappingNode):
            mapping: dict = {}
            made[id(node)] = mapping
            seen: dict[Any, yaml.Node] = {}
            keys = []
            for key_node, _ in node.value:  # every key first, as `_construct_mapping` checks them
                if not isinstance(key_node, yaml.ScalarNode) or (key_node.tag != _STR and key_node.tag not in _PLAIN):
                    raise _Unusual
                key = key_node.value if key_node.tag == _STR else loader.construct_object(key_node)
                if key in seen:
                    raise DuplicateKey(
                        "while reading a mapping", node.start_mark,
                        f"the key {key!r} appears twice (first on line {seen[key].start_mark.line + 1})",
                        key_node.start_mark,
                    )
                seen[key] = key_node
                keys.append(key)
            for key, (_, value_node) in zip(keys, node.value):
                mapping[key] = build(value_node)
            return mapping
        raise _Unusual

    try:
        return build(root)
    except _Unusual:
        return loader.construct_document(root)


@dataclass
class Located:
    """A parsed YAML document together with its node tree, for finding lines."""

    path: Path
    data: Any
    root: yaml.Node | None

    @cached_property
    def name(self) -> str:
        """The file as users should see it (relative to the working directory)."""
        return display_path(self.path)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The 1-based line of the value at `loc`, or of its nearest parent that exists."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for step in loc:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == step:
                        child = value_node
                        # a missing or wrong value is best shown on the line of its key
                        line = key_node.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    child = node.value[step]
                    line = child.start_mark.line + 1
            if child is None:
                break
            node = child
        return line

    def is_list(self, loc: Sequence[str | int]) -> bool:
        """Whether the annotation writes the value at `loc` as a list (`claimant: [a, b]`), rather
        than one value that the model reads as a list of one (`claimant: a`)."""
        node = self.root
        for step in loc:
            if isinstance(node, yaml.MappingNode):
                node = next((value for key, value in node.value if key.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                return False
        return isinstance(node, yaml.SequenceNode)

    def problem(self, loc: Sequence[str | int], message: str) -> Problem:
        """A Problem at the line of the value at `loc` (a path of keys and indexes), with `message`."""
        field = ".".join(str(step) if isinstance(step, str) else f"[{step}]" for step in loc)
        return Problem(self.name, self.line_of(loc), field.replace(".[", "[") or None, message)


def read_text(path: Path) -> str:
    """A corpus file's text, or a Problem-bearing error that says what is wrong with it."""
    from kb.errors import CorpusError

    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CorpusError([Problem(display_path(path), None, None, f"cannot read the file: {err.strerror}")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise CorpusError([Problem(
            display_path(path), line, None,
            f"the file is not UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}); "
            "save it as UTF-8 and try again",
        )])


def load_yaml(path: Path) -> Located:
    """Parse one YAML file safely; syntax errors become a CorpusError naming file and line."""
    from kb.errors import CorpusError

    text = read_text(path)
    loader = None
    try:
        loader = _StrictSafeLoader(text)
        root = loader.get_single_node()
        data = _construct(loader, root) if root is not None else None
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        raise CorpusError([Problem(
            display_path(path), line, None, f"the character U+{err.character:04X} is not allowed in YAML: remove it",
        )])
    except RecursionError:
        raise CorpusError([Problem(display_path(path), None, None, "the YAML is nested too deeply to be read")])
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = err.problem or "invalid YAML"
        raise CorpusError([Problem(display_path(path), line, None, f"YAML syntax error: {what}")])
    except yaml.YAMLError as err:
        raise CorpusError([Problem(display_path(path), None, None, f"YAML error: {err}")])
    finally:
        if loader is not None:
            loader.dispose()
    return Located(path, data, root)
