"""Loads a trained model the way ``rasa run`` does and parses messages; prints CPU seconds per
start-up phase and the parse results as JSON.

    .venv-rasa/bin/python engine/check_load.py models/joinus.tar.gz [--stock] [--out FILE]

Without ``--stock`` engine/rasa_server.py's fixes are installed first. Running it both ways and
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
from typing import Any, Dict, List

# Messages from the training data's own domain (never the held-out sets), plus typos.
MESSAGES = [
    "hoi",
    "wat is join us",
    "voor wie is het",
    "wanneer zijn de avonden",
    "hoe laat is da",
    "wat kost t",
    "ben je een bot",
    "ik ben best verlegen mag ik toch komen",
    "waar is het",
    "moet ik iemand meenemen",
    "dankje",
    "doei",
    "ik wil een leerling aanmelden",
    "kunnen jullie een presentatie geven op onze school",
    "ik voel me alleen",
]


def _cpu() -> float:
    return time.process_time()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--stock", action="store_true", help="Rasa as shipped, no fixes")
    parser.add_argument("--out", help="write the parse results as JSON here")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    phases: Dict[str, float] = {}
    start = _cpu()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
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

    async def parse_all() -> List[Dict[str, Any]]:
        out = []
        for index, text in enumerate(MESSAGES):
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
                        if isinstance(value, dict) else None
                        for key, value in (result.get("response_selector") or {}).items()
                    },
                    "response_confidence": {
                        key: value.get("response", {}).get("confidence")
                        if isinstance(value, dict) else None
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
