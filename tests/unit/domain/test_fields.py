"""A model's field names, read once, are the names pydantic gives, in the same order."""

from __future__ import annotations

import inspect

from pydantic import BaseModel, create_model

from desktop_app.domain import case, case_denial, case_evidence, case_parties, fields
from desktop_app.domain.fields import field_names


def _models() -> list[type[BaseModel]]:
    found = []
    for module in (case, case_denial, case_evidence, case_parties):
        for _, member in inspect.getmembers(module, inspect.isclass):
            if issubclass(member, BaseModel) and member is not BaseModel:
                found.append(member)
    return found


def test_every_case_model_s_names_are_pydantic_s_in_order() -> None:
    models = _models()
    assert models
    for model in models:
        assert field_names(model) == tuple(model.model_fields)
        assert field_names(model) == tuple(model.model_fields)  # read again, from memory


def test_names_kept_are_bounded_and_each_model_has_its_own() -> None:
    made = [create_model(f"Made{i}", **{f"field_{i}": (str, "")}) for i in range(20)]
    for index, model in enumerate(made):
        assert field_names(model) == (f"field_{index}",)
    assert len(fields._NAMES) <= fields._NAMES_KEPT
