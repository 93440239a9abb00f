"""YAML as the data files need it: PyYAML's safe loader, except that a key written twice is an error.

PyYAML keeps the last of two equal keys in a mapping without a word, so an editor who adds a second
`text:` to a quote silently loses the first.
"""

from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError


class DuplicateKey(ConstructorError):
    """A mapping has the same key twice; `line` is where the second one is (1-based)."""

    def __init__(self, key: object, line: int, first_line: int) -> None:
        super().__init__(problem=f"duplicate key {key!r} (the first is on line {first_line})")
        self.line = line


class _UniqueKeys:
    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                mark = key_node.start_mark
                try:
                    first = seen.setdefault(key, mark)
                except TypeError:  # an unhashable key: PyYAML's own error follows
                    continue
                if first is not mark:
                    raise DuplicateKey(key, mark.line + 1, first.line + 1)
        return super().construct_mapping(node, deep=deep)


class UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    pass


# libyaml's parser where PyYAML has it: several times as fast, with the same check of keys.
FastUniqueKeyLoader = type("FastUniqueKeyLoader", (_UniqueKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)), {})


def load(text: str):
    """Parse with libyaml; a file that fails is read again with the Python parser, whose messages
    (line and problem) the editors see, so that they do not depend on how PyYAML was built."""
    try:
        return yaml.load(text, Loader=FastUniqueKeyLoader)
    except DuplicateKey:
        raise
    except yaml.YAMLError:
        pass
    return yaml.load(text, Loader=UniqueKeyLoader)
