"""Validation: every file kind, clear errors with file, line and fix; the demo shop itself is valid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from knowledge.intents import load_intent_examples
from knowledge.issues import KnowledgeIssue
from knowledge.loader import load_directory


def _errors(root: Path) -> list[KnowledgeIssue]:
    return load_directory(root).errors


def test_missing_required_field_names_the_field_and_the_fix(tmp_path: Path, kit: Any) -> None:
    kit.write(tmp_path, "faq/a.md", "---\nid: a-entry\ntags: [shipping]\n---\nAnswer.\n")
    [issue] = _errors(tmp_path)
    assert issue.file == "faq/a.md" and issue.line == 2
    assert "'title'" in issue.message and "title:" in issue.fix


def test_unknown_field_suggests_the_right_spelling(tmp_path: Path, kit: Any) -> None:
    kit.write(tmp_path, "faq/a.md", "---\nid: a-entry\ntitle: A question?\ntagz: [x]\n---\nAnswer.\n")
    [issue] = _errors(tmp_path)
    assert issue.line == 4 and "unknown field 'tagz'" in issue.message and "did you mean 'tags'" in issue.fix


def test_bad_id_and_locale_point_at_their_lines(tmp_path: Path, kit: Any) -> None:
    kit.write(tmp_path, "faq/a.md", "---\nid: Bad Id!\ntitle: A question?\nlocale: english\n---\nAnswer.\n")
    issues = {i.line: i for i in _errors(tmp_path)}
    assert set(issues) == {2, 4}
    assert "lower-case" in issues[2].fix
    assert "language code" in issues[4].fix


def test_yaml_syntax_error_has_its_line(tmp_path: Path, kit: Any) -> None:
    kit.write(tmp_path, "faq/a.md", "---\nid: a-entry\ntitle: [unclosed\n---\nAnswer.\n")
    [issue] = _errors(tmp_path)
    assert issue.message.startswith("YAML syntax") and issue.line == 3


def test_missing_or_unclosed_front_matter_and_empty_answer(tmp_path: Path, kit: Any) -> None:
    kit.write(tmp_path, "faq/none.md", "Just an answer\n")
    kit.write(tmp_path, "faq/open.md", "---\nid: open\ntitle: Open?\n")
    kit.write(tmp_path, "faq/empty.md", kit.faq("empty", "Empty answer?", ""))
    by_file = {i.file: i for i in _errors(tmp_path)}
    assert "does not start with a front matter" in by_file["faq/none.md"].message
    assert "not closed" in by_file["faq/open.md"].message
    assert "answer is empty" in by_file["faq/empty.md"].message and by_file["faq/empty.md"].line == 5


def test_duplicate_ids_across_files_name_the_first_owner(tmp_path: Path, kit: Any) -> None:
    kit.write(tmp_path, "faq/a.md", kit.faq("same-id", "First?", "One."))
    kit.write(tmp_path, "faq/b.md", kit.faq("same-id", "Second?", "Two."))
    [issue] = _errors(tmp_path)
    assert issue.file == "faq/b.md" and "faq/a.md:2" in issue.message
    assert [e.id for e in load_directory(tmp_path).entries()] == ["same-id"]


def test_policy_sections_and_their_problems(tmp_path: Path, kit: Any) -> None:
    kit.write(tmp_path, "policies/returns.md", """\
        ---
        id: returns
        title: Returns
        topic: returns
        facts: {return_window_days: 30}
        ---
        Intro.

        ## Window
        30 days.

        ## Opened food {#opened}
        Yes.
        """)
    result = load_directory(tmp_path)
    assert [e.id for e in result.entries()] == ["returns", "returns#window", "returns#opened"]
    assert [e.line for e in result.entries()] == [7, 9, 12]
    assert result.files["policies/returns.md"].facts == {"returns": {"return_window_days": 30}}
    kit.write(tmp_path, "policies/returns.md", "---\nid: returns\ntitle: Returns\ntopic: refunds\n---\n## A\nx\n")
    issues = _errors(tmp_path)
    assert any("use one of" in i.fix and i.line == 4 for i in issues)


def test_policy_sections_and_guides_take_alternative_questions(tmp_path: Path, kit: Any) -> None:
    kit.write(tmp_path, "policies/privacy.md", """\
        ---
        id: privacy
        title: Privacy
        topic: privacy
        questions:
          intro: ["what is this page about"]
          selling: ["do you sell my data to advertisers", "who gets my email address"]
        ---
        How we handle your data.

        ## We never sell your data {#selling}
        We never sell or rent it.

        ## Cookies
        Only what the site needs.
        """)
    kit.write(tmp_path, "guides/litter.yaml", """\
        category: litter
        title: Litter
        summary: Compare.
        questions: ["which litter should I get"]
        decisive_attributes:
          - {key: material, label: Material, why: It matters.}
        """)
    result = load_directory(tmp_path)
    questions = {e.id: e.questions for e in result.entries()}
    assert questions == {
        "guide:litter": ("which litter should I get",), "privacy": ("what is this page about",),
        "privacy#selling": ("do you sell my data to advertisers", "who gets my email address"), "privacy#cookies": (),
    }
    kit.write(tmp_path, "policies/privacy.md", """\
        ---
        id: privacy
        title: Privacy
        topic: privacy
        questions:
          selling: ["do you sell my data"]
        ---
        ## Cookies
        Only what the site needs.
        """)
    [issue] = _errors(tmp_path)
    assert issue.file == "policies/privacy.md" and issue.line == 6 and "'selling'" in issue.message
    assert "cookies" in issue.fix
    kit.write(tmp_path, "policies/privacy.md", "---\nid: privacy\ntitle: Privacy\ntopic: privacy\n---\nHi.\n\n"
                                               "## Intro\nA section named like the intro.\n")
    [issue] = _errors(tmp_path)
    assert issue.line == 8 and "'intro'" in issue.message and "{#other-anchor}" in issue.fix


def test_guide_rejects_repeated_attribute_keys(tmp_path: Path, kit: Any) -> None:
    kit.write(tmp_path, "guides/litter.yaml", """\
        category: litter
        title: Litter
        summary: Compare.
        decisive_attributes:
          - {key: material, label: Material, why: It matters.}
          - {key: material, label: Material again, why: Twice.}
        """)
    [issue] = _errors(tmp_path)
    assert issue.file == "guides/litter.yaml" and "listed twice" in issue.message and issue.line == 4


def test_intent_files_yes_and_no_are_words_and_conflicts_are_reported(tmp_path: Path, kit: Any) -> None:
    kit.write(tmp_path, "intents/a.yaml", "intents:\n  confirm:\n    - yes\n    - sure\n  deny:\n    - no\n")
    kit.write(tmp_path, "intents/b.yaml", "intents:\n  deny:\n    - Sure!\n")
    examples, issues = load_intent_examples(tmp_path)
    assert examples.by_intent() == {"confirm": ["yes", "sure"], "deny": ["no"]}
    [issue] = issues
    assert issue.file == "intents/b.yaml" and issue.line == 3 and "'confirm' in intents/a.yaml:4" in issue.message


def test_non_utf8_and_stray_files(tmp_path: Path, kit: Any) -> None:
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "latin1.md").write_bytes("---\nid: x\ntitle: Caf\xe9\n---\nA.\n".encode("latin-1"))
    kit.write(tmp_path, "faq/notes.txt", "scratch")
    kit.write(tmp_path, "faq/.draft.md.swp", "editor junk")
    result = load_directory(tmp_path)
    [error] = result.errors
    assert error.file == "faq/latin1.md" and "UTF-8" in error.message and error.line == 3
    warnings = [i for i in result.issues if i.severity == "warning"]
    assert any(w.file == "faq/notes.txt" for w in warnings)
    assert not any(".swp" in w.file for w in warnings)


def test_issue_format_is_editor_friendly() -> None:
    issue = KnowledgeIssue(file="faq/a.md", line=3, message="bad", fix="do this")
    assert issue.format() == "faq/a.md:3: error: bad. Fix: do this"


def test_demo_shop_is_valid_and_complete(kit: Any) -> None:
    result = load_directory(kit.demo_shop)
    assert result.errors == []
    entries = result.entries()
    faqs = [e for e in entries if e.kind == "faq"]
    assert len([e for e in faqs if e.locale == "en"]) >= 60
    assert {e.locale for e in faqs} == {"en", "zh"}
    topics = {e.tags[0] for e in entries if e.kind == "policy"}
    assert {"shipping", "returns", "payments", "warranty", "privacy"} <= topics
    guides = {f.guide.category: f.guide for f in result.files.values() if f.guide is not None}
    assert set(guides) == {"cat_food", "dog_food", "litter", "treats", "toys", "accessories"}
    cat_keys = [a.key for a in guides["cat_food"].decisive_attributes]
    assert cat_keys == ["ingredients", "efficacy", "net_weight", "crude_protein_pct"]
    examples = result.intent_examples()
    for intent in ("greeting", "order_status", "cancel_order", "return", "human_agent", "confirm", "deny"):
        assert len(examples.by_intent("en")[intent]) >= 10
    assert len(examples.out_of_scope("en")) >= 40
