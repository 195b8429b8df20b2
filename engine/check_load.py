"""Loads a trained model the way ``rasa run`` does and parses messages; prints CPU seconds per
start-up phase and the parse results as JSON.

    .venv-rasa/bin/python engine/check_load.py models/joinus.tar.gz [--stock] [--out FILE]

Without ``--stock`` engine/rasa_server.py's fixes are installed first. The messages are the
first two examples of every intent in nlu_data/. Running it both ways and
comparing the two outputs checks that the faster model load predicts exactly the same
(tests/e2e/test_engine_load.py does that); the phase timings show where a cold start goes.
Runs under Python 3.10 in .venv-rasa.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def messages(per_intent: int = 2) -> list[str]:
    """The first examples of every intent in nlu_data/ (training data, never the held-out
    sets): every classifier and response selector of the model is exercised."""
    import yaml

    out: list[str] = []
    for path in sorted((Path(__file__).resolve().parents[1] / "nlu_data").glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu") or []:
            examples = [
                line.strip()[2:]
                for line in str(block.get("examples", "")).splitlines()
                if line.strip().startswith("- ")
            ]
            out += examples[:per_intent]
    return out


def _cpu() -> float:
    return time.process_time()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--stock", action="store_true", help="Rasa as shipped, no fixes")
    parser.add_argument("--out", help="write the parse results as JSON here")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    phases: dict[str, float] = {}
    start = _cpu()
    here = Path(__file__).resolve().parent
    # engine/ for rasa_server; the project root for the pipeline's own component
    # (engine.role_component), which `rasa run` finds through its working directory.
    sys.path[:0] = [str(here), str(here.parent)]
    import tensorflow  # noqa: F401

    phases["import tensorflow"] = _cpu() - start
    mark = _cpu()
    from rasa.core.agent import Agent

    phases["import rasa"] = _cpu() - mark
    if not args.stock:
        import rasa_server

        rasa_server.install()
    mark = _cpu()
    agent = Agent.load(args.model)
    phases["load model"] = _cpu() - mark

    async def parse_all() -> list[dict[str, Any]]:
        out = []
        for index, text in enumerate(messages()):
            mark = _cpu()
            result = await agent.parse_message(text)
            if index == 0:
                phases["first parse"] = _cpu() - mark
            out.append(
                {
                    "text": text,
                    "intent": result["intent"],
                    "ranking": result.get("intent_ranking"),
                    "response_selector": {
                        key: value.get("response", {}).get("intent_response_key")
                        if isinstance(value, dict)
                        else None
                        for key, value in (result.get("response_selector") or {}).items()
                    },
                    "response_confidence": {
                        key: value.get("response", {}).get("confidence")
                        if isinstance(value, dict)
                        else None
                        for key, value in (result.get("response_selector") or {}).items()
                    },
                }
            )
        return out

    results = asyncio.run(parse_all())
    phases["total"] = _cpu() - start
    print(json.dumps({"cpu_seconds": {k: round(v, 2) for k, v in phases.items()}}))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
