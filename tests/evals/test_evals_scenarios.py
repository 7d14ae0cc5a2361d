"""The shipped suite: size, coverage of every area the shop needs, realistic phrasing, and sound expectations."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from connectors.orders.demo_data import generate_demo_shop
from evals.harness.loading import SCENARIOS_DIR, ScenarioError, load_scenarios
from evals.harness.scenario import Scenario

REQUIRED_CATEGORIES = {
    "after_sales.status", "after_sales.cancel", "after_sales.return", "after_sales.exchange", "after_sales.refund",
    "after_sales.address", "after_sales.modify", "rules.too_late_to_cancel", "rules.return_window",
    "rules.other_customer", "verification.anonymous", "verification.failed", "dialogue.multi_intent",
    "dialogue.topic_switch", "dialogue.correction", "confirmation.declined", "handoff.request", "handoff.complaint",
    "safety.injection", "faq.no_answer", "products.facts", "products.compare", "products.recommend",
}  # fmt: skip


@pytest.fixture(scope="module")
def suite() -> list[Scenario]:
    return load_scenarios()


def test_the_suite_is_large_and_covers_every_area(suite: list[Scenario]) -> None:
    assert len(suite) >= 150
    categories = Counter(s.category for s in suite)
    missing = REQUIRED_CATEGORIES - set(categories)
    assert not missing, f"no scenarios for {sorted(missing)}"
    faq = [s for s in suite if s.area == "faq" and s.category != "faq.no_answer"]
    assert len(faq) >= 10 and categories["faq.no_answer"] >= 3
    recommend = [s for s in suite if s.category == "products.recommend"]
    assert any(s.shopper.customer for s in recommend) and any(not s.shopper.customer for s in recommend)
    for scenario in suite:
        assert scenario.source is not None and scenario.source.parent.name == scenario.area, scenario.id


def test_at_least_a_fifth_is_phrased_like_real_shoppers(suite: list[Scenario]) -> None:
    casual = [s for s in suite if "casual" in s.tags]
    assert len(casual) * 5 >= len(suite)


def test_both_outcomes_and_writes_are_expected_somewhere(suite: list[Scenario]) -> None:
    assert {s.expect.outcome for s in suite} == {"resolved", "handoff"}
    ops = {w.op for s in suite for w in s.expect.writes}
    assert {"cancel_order", "request_return", "request_exchange", "change_shipping_address", "modify_items"} <= ops


def test_expected_writes_name_orders_and_lines_of_the_shopper(suite: list[Scenario]) -> None:
    """Authoring guard: ids come from the deterministic demo shop, and writes act on the shopper's own orders."""
    shop = generate_demo_shop()
    customers = {c.customer_id for c in shop.customers}
    by_email = {c.email.lower(): c.customer_id for c in shop.customers}
    orders = {o.order_number: o for o in shop.orders}
    for scenario in suite:
        who = scenario.shopper.customer or by_email.get(scenario.shopper.knows.get("email", "").lower())
        if scenario.shopper.customer is not None:
            assert scenario.shopper.customer in customers, scenario.id
        for write in scenario.expect.writes:
            number = write.params().get("order_number")
            if number is None:
                continue
            assert number in orders, f"{scenario.id}: {number} is not a demo order"
            order = orders[number]
            assert order.customer_id == who, f"{scenario.id}: {number} is not the shopper's order"
            lines = write.params().get("items") or []
            skus = {item.sku for item in order.items}
            for line in lines:
                assert line["sku"] in skus, f"{scenario.id}: {line['sku']} is not in {number}"


def test_invalid_files_are_reported_by_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "id: x1x\ncategory: faq.x\nshopper: {knows: {colour: red}, goal: g}\nturns: [hi]\n"
        "expect: {outcome: fixed, writes: [{op: delete_everything}]}\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenarios([tmp_path])
    text = str(info.value)
    assert "a.yaml: shopper.knows" in text and "colour" in text
    assert "a.yaml: expect.outcome" in text
    assert "a.yaml: expect.writes.0.op" in text
    assert "b.yaml: a scenario file holds one mapping" in text


def test_duplicate_ids_and_missing_fixtures_are_refused(tmp_path: Path) -> None:
    body = "id: same-id\ncategory: faq.x\nshopper: {goal: g}\nturns: [hi]\nexpect: {outcome: resolved}\n"
    (tmp_path / "one.yaml").write_text(body, encoding="utf-8")
    (tmp_path / "two.yaml").write_text(body + "fixture: nowhere.json\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenarios([tmp_path])
    assert "already used" in str(info.value) and "nowhere.json" in str(info.value)


def test_yaml_yes_is_read_as_the_word_yes(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        "id: yes-word\ncategory: faq.x\nshopper: {knows: {confirm: yes}, goal: g}\nturns: [hi]\n"
        "expect: {outcome: resolved, max_turns: 2}\n",
        encoding="utf-8",
    )
    [scenario] = load_scenarios([tmp_path / "s.yaml"])
    assert scenario.shopper.knows == {"confirm": "yes"}
    assert scenario.turns[0].say == "hi" and not scenario.turns[0].interrupt


def test_default_folder_is_the_shipped_suite() -> None:
    assert SCENARIOS_DIR.is_dir() and (SCENARIOS_DIR / "after_sales").is_dir()
