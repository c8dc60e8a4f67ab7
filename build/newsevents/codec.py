"""A data-only encoding of an article's readings, for the cache: JSON that is decoded into the same objects
without ever running code that the data names.

What the readings are made of is encoded as tagged JSON: ``None``, booleans, integers, finite floats and
strings as themselves; a dict whose keys are all strings as a JSON object (its order kept); every other
value as an array whose first element says what it is:

* ``["l", ...]`` a list, ``["t", ...]`` a tuple, ``["s", ...]`` a set and ``["f", ...]`` a frozenset (the
  items of a set sorted by their encoding, so that equal sets are encoded alike), ``["m", [k, v], ...]`` a
  dict with other keys, ``["D", "2024-03-01"]`` a date;
* ``["r", n]`` the n-th object of the table of dataclass instances.

A payload is ``{"objects": [[class, [field values in field order]], ...], "root": value}``. Each dataclass
instance is in the table once, however many times it is referred to, so a reading decodes to objects shared
as they were (a relation's candidate is the very candidate of an event's mention: the corpus stage
matches them by identity), cycles included. Only the classes of :func:`registry` are ever made, by name;
each field's value must have the type its annotation gives, on the way in and on the way out. Anything
else (an unknown class, a field too many or too few, a value of the wrong type, a set of objects, a shared
list, a NaN) raises :class:`CodecError`: an entry that cannot be encoded is not kept, one that cannot be
decoded is not used.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import cache

#: What a set's items and a dict's non-string keys may be: values that are hashable without any object.
SCALARS = (type(None), bool, int, float, str, date)


class CodecError(ValueError):
    """The value cannot be encoded, or the data is not an encoding of one."""


@cache
def registry() -> dict[str, type]:
    """The only classes a payload may name, by name (module path under ``newsevents`` and class name)."""
    from newsevents.entities.recognize import Mention as EntityNameMention
    from newsevents.events.claims import ArticleClaims, Claim, RevisionMarker
    from newsevents.events.coref import Event
    from newsevents.events.coref import Mention as EventMention
    from newsevents.events.dates import DateMention
    from newsevents.events.lexicon import Trigger
    from newsevents.events.sentence import Arg, Candidate
    from newsevents.facts import ArticleFacts, ArticleReading

    classes = (
        ArticleFacts,
        ArticleReading,
        EntityNameMention,
        ArticleClaims,
        Claim,
        RevisionMarker,
        Event,
        EventMention,
        DateMention,
        Arg,
        Candidate,
        Trigger,
    )
    return {class_name(c): c for c in classes}


def class_name(cls: type) -> str:
    return f"{cls.__module__.removeprefix('newsevents.')}.{cls.__qualname__}"


@cache
def field_types(cls: type) -> tuple[tuple[str, object], ...]:
    """Each field's name and type, in the dataclass's order (annotations resolved in the class's module)."""
    module = vars(sys.modules[cls.__module__])
    hints = typing.get_type_hints(cls, globalns=module, localns=module)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


@cache
def field_checks(cls: type) -> tuple[tuple[str, object, Callable[[object], bool]], ...]:
    """Each field's name, type and the test of a value for it."""
    return tuple((name, hint, checker(hint)) for name, hint in field_types(cls))


def conforms(value: object, hint: object) -> bool:
    """Whether ``value`` has the type ``hint`` says (the forms the readings' annotations use)."""
    return checker(hint)(value)


@cache
def checker(hint: object) -> Callable[[object], bool]:
    """A test of whether a value has the type ``hint`` says, made once per annotation. Types are exact: a
    bool is not an int here, nor an int a float. An annotation of another form fails every value."""
    if hint is object or hint is typing.Any:
        return lambda v: True
    if hint is None or hint is type(None):
        return lambda v: v is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        others = tuple(checker(arg) for arg in args if arg is not type(None))
        if len(others) == 1 and len(args) == 2:  # X | None, the usual form: a test of its own, for speed
            other = others[0]
            return lambda v: v is None or other(v)
        tests = tuple(checker(arg) for arg in args)
        return lambda v: any(test(v) for test in tests)
    if origin is None:
        return lambda v: type(v) is hint
    if origin in (list, set, frozenset):
        item = checker(args[0]) if args else checker(object)
        return lambda v: type(v) is origin and all(map(item, v))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = checker(args[0])
        return lambda v: type(v) is tuple and all(map(item, v))
    if origin is tuple:
        items = tuple(checker(a) for a in args)
        return lambda v: type(v) is tuple and len(v) == len(items) and all(t(x) for t, x in zip(items, v, strict=True))
    if origin is dict:
        key, item = (checker(args[0]), checker(args[1])) if args else (checker(object), checker(object))
        return lambda v: type(v) is dict and all(key(k) and item(x) for k, x in v.items())
    return lambda v: False


class _Encoder:
    def __init__(self) -> None:
        self.index: dict[int, int] = {}  # id of an instance -> its place in the table
        self.objects: list[object] = []
        self.containers: set[int] = set()  # ids of the lists, dicts and sets seen: each must be seen once

    def value(self, v: object) -> object:
        kind = type(v)
        if v is None or kind in (bool, int, str):
            return v
        if kind is float:
            if v != v or v in (float("inf"), float("-inf")):
                raise CodecError(f"a float that is not finite ({v})")
            return v
        if kind is date:
            return ["D", v.isoformat()]
        if kind is tuple:
            return ["t", *(self.value(x) for x in v)]
        if kind in (list, dict, set, frozenset):
            if kind is not frozenset:
                if id(v) in self.containers:
                    raise CodecError(f"a {kind.__name__} shared by two objects")
                self.containers.add(id(v))
            if kind is list:
                return ["l", *(self.value(x) for x in v)]
            if kind is dict:
                if all(type(k) is str for k in v):
                    return {k: self.value(x) for k, x in v.items()}
                return ["m", *([self.key(k), self.value(x)] for k, x in v.items())]
            items = sorted((self.key(x) for x in v), key=_sort_key)
            return ["s" if kind is set else "f", *items]
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            if class_name(kind) not in registry() or registry()[class_name(kind)] is not kind:
                raise CodecError(f"a {kind.__qualname__}, which the cache does not keep")
            if id(v) not in self.index:
                self.index[id(v)] = len(self.objects)
                self.objects.append(v)
            return ["r", self.index[id(v)]]
        raise CodecError(f"a {kind.__qualname__}, which the cache does not keep")

    def key(self, k: object) -> object:
        """A set's item or a dict's key: a scalar, or a tuple of them."""
        if type(k) is tuple:
            return ["t", *(self.key(x) for x in k)]
        if type(k) not in SCALARS:
            raise CodecError(f"a set or dict key that is a {type(k).__qualname__}")
        return self.value(k)

    def instance(self, obj: object) -> list:
        cls = type(obj)
        extra = set(getattr(obj, "__dict__", {})) - {name for name, _ in field_types(cls)}
        if extra:
            raise CodecError(f"a {cls.__qualname__} with attributes that are not fields ({', '.join(sorted(extra))})")
        values = []
        for name, hint, check in field_checks(cls):
            v = getattr(obj, name)
            if not check(v):
                raise CodecError(f"{cls.__qualname__}.{name} is a {type(v).__qualname__}, not {hint}")
            values.append(self.value(v))
        return [class_name(cls), values]


def _sort_key(encoded: object) -> str:
    return json.dumps(encoded, separators=(",", ":"))


def encode(value: object) -> bytes:
    """The JSON bytes of ``value`` (the same bytes for equal values built alike)."""
    encoder = _Encoder()
    root = encoder.value(value)
    table = []
    while len(table) < len(encoder.objects):  # encoding an instance may add the instances it refers to
        table.append(encoder.instance(encoder.objects[len(table)]))
    payload = {"objects": table, "root": root}
    # ASCII, with every other character escaped: a string holding a lone surrogate (a file name that is not
    # UTF-8) is kept as exactly as any other.
    return json.dumps(payload, separators=(",", ":"), allow_nan=False).encode("ascii")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise CodecError("a JSON object with a key twice")
    return out


def _no_constant(name: str) -> object:
    raise CodecError(f"a JSON {name}")


class _Decoder:
    def __init__(self, objects: list) -> None:
        self.objects = objects

    def value(self, v: object) -> object:
        kind = type(v)
        if v is None or kind in (bool, int, float, str):
            return v
        if kind is dict:
            return {k: self.value(x) for k, x in v.items()}
        if kind is not list or not v or type(v[0]) is not str:
            raise CodecError("a value that is not an encoding")
        tag, items = v[0], v[1:]
        if tag == "l":
            return [self.value(x) for x in items]
        if tag == "t":
            return tuple(self.value(x) for x in items)
        if tag in ("s", "f"):
            keys = [self.key(x) for x in items]
            return set(keys) if tag == "s" else frozenset(keys)
        if tag == "m":
            if not all(type(p) is list and len(p) == 2 for p in items):
                raise CodecError("a dict item that is not a pair")
            return {self.key(k): self.value(x) for k, x in items}
        if tag == "D" and len(items) == 1 and type(items[0]) is str:
            try:
                return date.fromisoformat(items[0])
            except ValueError:
                raise CodecError(f"a date that is not one ({items[0]!r})") from None
        if tag == "r" and len(items) == 1 and type(items[0]) is int and 0 <= items[0] < len(self.objects):
            return self.objects[items[0]]
        raise CodecError(f"an encoding tagged {tag!r} that is not one")

    def key(self, v: object) -> object:
        k = self.value(v)
        if not _is_key(k):
            raise CodecError("a set item or dict key that is not a scalar")
        return k


def _is_key(k: object) -> bool:
    return type(k) in SCALARS or (type(k) is tuple and all(_is_key(x) for x in k))


def decode(data: bytes, expected: type | None = None) -> object:
    """The value ``data`` encodes; with ``expected``, it must be an instance of that class."""
    try:
        payload = json.loads(data, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise CodecError(f"not JSON ({type(exc).__name__})") from None
    if type(payload) is not dict or set(payload) != {"objects", "root"} or type(payload["objects"]) is not list:
        raise CodecError("not a payload (no table of objects and root)")
    known = registry()
    table = payload["objects"]
    objects = []
    for entry in table:  # every instance made first, empty, so that any may refer to any
        if type(entry) is not list or len(entry) != 2 or type(entry[0]) is not str or type(entry[1]) is not list:
            raise CodecError("an object that is not [class, fields]")
        cls = known.get(entry[0])
        if cls is None:
            raise CodecError(f"a class the cache does not keep ({entry[0][:80]!r})")
        if len(entry[1]) != len(field_types(cls)):
            raise CodecError(f"a {entry[0]} with {len(entry[1])} fields, not {len(field_types(cls))}")
        objects.append(object.__new__(cls))
    decoder = _Decoder(objects)
    try:
        for obj, (_, values) in zip(objects, table, strict=True):
            for (name, hint, check), encoded in zip(field_checks(type(obj)), values, strict=True):
                v = decoder.value(encoded)
                if not check(v):
                    raise CodecError(f"{type(obj).__qualname__}.{name} is a {type(v).__qualname__}, not {hint}")
                object.__setattr__(obj, name, v)  # as unpickling does, frozen or not, without __init__
        root = decoder.value(payload["root"])
    except RecursionError:
        raise CodecError("nested too deep") from None
    if expected is not None and type(root) is not expected:
        raise CodecError(f"a {type(root).__qualname__}, not a {expected.__qualname__}")
    return root
