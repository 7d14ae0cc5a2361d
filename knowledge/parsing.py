"""Reading YAML and front matter with line numbers, and turning validation errors into fixable issues."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.issues import KnowledgeFileError, KnowledgeIssue

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_FIX_BY_PATTERN = {
    "id": "use lower-case letters, digits, '-', '_' or '.', starting with a letter or digit (e.g. shipping-cost)",
    "products": "use catalog product ids: lower-case letters, digits, '-', '_' or '.'",
    "locale": "use a language code such as en, zh or en-GB",
    "tags": "use lower-case snake_case words (e.g. shipping, cat_food)",
    "category": "use a lower-case snake_case category name (e.g. cat_food)",
    "key": "use the catalog's lower-case snake_case attribute key (e.g. crude_protein_pct)",
    "intents": "intent names are lower-case snake_case (e.g. order_status)",
}


def _yaml_12_booleans(loader: type[yaml.SafeLoader]) -> None:
    """YAML 1.2 booleans: only true/false. Merchants write `- yes` and `- no` and mean the words."""
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )


class _Loader(yaml.SafeLoader):
    """The pure-Python parser: slow, but its error marks point at the line to fix."""


# libyaml's parser when PyYAML has it (it normally does): the pure-Python one spent about a second of start-up
# on the intent example files. A file it rejects is parsed again by `_Loader` for the better error.
_FastLoader: type[yaml.SafeLoader] = type("_FastLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {})
_yaml_12_booleans(_Loader)
_yaml_12_booleans(_FastLoader)


@dataclass(frozen=True)
class FrontMatterDoc:
    """A Markdown file split into its YAML header and its body, with the line each starts on."""

    header: str
    header_line: int
    body: str
    body_line: int


def split_front_matter(text: str, file: str) -> FrontMatterDoc:
    """Split `---\\n<yaml>\\n---\\n<body>`; raise with a fix when the fences are missing."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise KnowledgeFileError([KnowledgeIssue(
            file=file, line=1, message="the file does not start with a front matter block",
            fix="put a line '---', the fields (id: ..., title: ...), and another '---' at the top of the file",
        )])
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return FrontMatterDoc(
                header="\n".join(lines[1:index]),
                header_line=2,
                body="\n".join(lines[index + 1 :]).strip("\n"),
                body_line=index + 2,
            )
    raise KnowledgeFileError([KnowledgeIssue(
        file=file, line=1, message="the front matter block is not closed",
        fix="add a line '---' after the last front matter field",
    )])


def load_yaml(text: str, file: str, first_line: int = 1) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML; return the data and the line of every key (1-based, in the file's numbering)."""
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()  # parsed once: the node gives the lines, constructing it the data
        data = None if node is None else loader.construct_document(node)
    except yaml.YAMLError:
        node, data = _load_slowly(text, file, first_line)
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is not None:
        _collect_lines(node, (), first_line, lines)
    return data, lines


def _load_slowly(text: str, file: str, first_line: int) -> tuple[yaml.Node | None, Any]:
    """Parse with the pure-Python loader: raises `KnowledgeFileError` with the line of the problem."""
    try:
        return yaml.compose(text, Loader=_Loader), yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else first_line
        problem = exc.problem or "invalid YAML"
        raise KnowledgeFileError([KnowledgeIssue(
            file=file, line=line, message=f"YAML syntax: {problem}",
            fix="check indentation and the ':' after each key; put text in quotes if it contains ': ' "
            "or starts with '*', '&', '[' or '{'",
        )]) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeFileError([KnowledgeIssue(file=file, line=first_line, message=f"YAML: {exc}")]) from exc


def _collect_lines(node: yaml.Node, path: Path_, first_line: int, out: dict[Path_, int]) -> None:
    out.setdefault(path, first_line + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*path, str(key_node.value))
            out[key] = first_line + key_node.start_mark.line
            _collect_lines(value_node, key, first_line, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*path, index), first_line, out)


def validate_model(
    model: type[M], data: Any, file: str, lines: dict[Path_, int], what: str
) -> M:
    """Validate `data` as `model`; raise issues naming the line of each bad field and how to fix it."""
    if not isinstance(data, dict):
        raise KnowledgeFileError([KnowledgeIssue(
            file=file, line=lines.get((), 1), message=f"the {what} must be a set of 'key: value' lines",
            fix=f"write the {what} as YAML fields, e.g. 'id: my-entry'",
        )])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        issues = [_issue_of(err, model, file, lines, what) for err in exc.errors()]
        raise KnowledgeFileError(issues) from exc


def _issue_of(err: Any, model: type[BaseModel], file: str, lines: dict[Path_, int], what: str) -> KnowledgeIssue:
    loc: Path_ = tuple(err["loc"])
    line = None
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            line = lines[loc[:cut]]
            break
    field = ".".join(str(p) for p in loc) or what
    kind = err["type"]
    top = str(loc[0]) if loc else ""
    allowed = ", ".join(model.model_fields)
    if kind == "missing":
        return KnowledgeIssue(file=file, line=lines.get((), line), message=f"required field '{field}' is missing",
                              fix=f"add '{loc[-1]}: ...' to the {what}")
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return KnowledgeIssue(file=file, line=line, message=f"unknown field '{field}'",
                              fix=f"{hint}allowed fields are: {allowed}")
    message = f"field '{field}': {err['msg']}"
    if "input" in err and not isinstance(err["input"], dict | list):
        message += f" (got {err['input']!r})"
    fix = ""
    if kind == "string_pattern_mismatch":
        fix = _FIX_BY_PATTERN.get(str(loc[-1]) if isinstance(loc[-1], str) else top, _FIX_BY_PATTERN.get(top, ""))
    elif kind == "literal_error":
        fix = f"use one of: {err['ctx']['expected']}" if "ctx" in err else ""
    elif kind in {"string_too_short", "too_short"}:
        fix = "fill it in; it must not be empty"
    elif kind == "string_type":
        fix = "put the text in quotes"
    elif kind in {"list_type", "dict_type"}:
        fix = "write it as a YAML list ('- item' lines)" if kind == "list_type" else "write it as 'key: value' lines"
    return KnowledgeIssue(file=file, line=line, message=message, fix=fix)


def read_text(path: Any, file: str) -> str:
    """Read a knowledge file as UTF-8, or raise an issue saying how to save it."""
    try:
        data: bytes = path.read_bytes()
    except OSError as exc:
        raise KnowledgeFileError([KnowledgeIssue(file=file, message=f"cannot read the file: {exc.strerror}",
                                                 fix="check that the file exists and is readable")]) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KnowledgeFileError([KnowledgeIssue(file=file, line=line, message="the file is not UTF-8 text",
                                                 fix="save the file with UTF-8 encoding")]) from exc
