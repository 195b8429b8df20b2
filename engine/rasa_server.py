"""Starts Rasa Open Source 3.6 (``rasa run ...``, in .venv-rasa) with one speed fix applied.

Rasa checks every action server response with ``jsonschema.validate(result, spec)``. That
function first re-validates Rasa's own, fixed ``spec`` against the JSON Schema meta-schema, on
every call: about 14 ms of CPU per custom action on a 2-core machine, a third of a whole turn.
Here the validator is built once; the response is checked against the same schema and a bad
response raises the same ``ValidationError`` with the same message as before.

Runs under Python 3.10 in .venv-rasa: it imports Rasa, never our ``bot`` package.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, Optional, Text

from jsonschema import ValidationError, validators
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from rasa.core.actions import action
from rasa.shared.constants import DOCS_BASE_URL

_validator: Optional[Validator] = None


def _validate_action_result(self: action.RemoteAction, result: Dict[Text, Any]) -> bool:
    global _validator
    if _validator is None:
        spec = self.action_response_format_spec()
        cls = validators.validator_for(spec)
        cls.check_schema(spec)  # once, not on every response
        _validator = cls(spec)
    error: Optional[ValidationError] = best_match(_validator.iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    action.RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]


if __name__ == "__main__":
    install()
    from rasa.__main__ import main

    sys.argv[0] = "rasa"
    sys.exit(main())
