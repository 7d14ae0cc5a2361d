"""Fresh stores: every scenario starts on the demo shop, or on its own shop file, whatever ran before."""

from __future__ import annotations

from pathlib import Path

from connectors.orders.demo_data import generate_demo_shop
from evals.harness.channels import InProcessChannel
from evals.harness.fixtures import Fixtures
from evals.harness.loading import load_scenarios
from evals.harness.suite import run_suite

SCENARIO = """id: {id}
category: faq.shipping
shopper: {{goal: "You ask about shipping costs."}}
{fixture}turns: ["how much is shipping?"]
expect: {{outcome: resolved, says: ["4\\\\.99"], max_turns: 2}}
"""


def test_each_scenario_gets_its_own_fresh_store(in_process: tuple[InProcessChannel, Fixtures], tmp_path: Path) -> None:
    channel, fixtures = in_process
    small = generate_demo_shop(customers=5, orders=20)
    (tmp_path / "shops").mkdir()
    (tmp_path / "shops" / "small.json").write_text(small.model_dump_json(), encoding="utf-8")
    (tmp_path / "a-small.yaml").write_text(
        SCENARIO.format(id="a-small", fixture="fixture: shops/small.json\n"), encoding="utf-8"
    )
    (tmp_path / "b-demo.yaml").write_text(SCENARIO.format(id="b-demo", fixture=""), encoding="utf-8")
    (tmp_path / "c-small.yaml").write_text(
        SCENARIO.format(id="c-small", fixture="fixture: shops/small.json\n"), encoding="utf-8"
    )
    scenarios = load_scenarios([tmp_path])
    result = run_suite(scenarios, channel, fixtures)
    small_run, demo_run, small_again = result.results
    assert all(r.passed for r in result.results), [r.failures for r in result.results]
    assert small_run.transcript.initial_hash == small_again.transcript.initial_hash
    assert small_run.transcript.initial_hash != demo_run.transcript.initial_hash
    assert demo_run.transcript.initial_hash == demo_run.transcript.final_hash
    assert len(fixtures.data_for(scenarios[0]).orders) == 20
    fixtures.reset(scenarios[1])
    assert fixtures.store.state_hash() == demo_run.transcript.initial_hash
