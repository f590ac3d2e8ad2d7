"""Which model each custom-field object is; domains that add one register it here."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from sampark.customfields.models import CustomObject

_MODELS = {
    CustomObject.CONTACT: "contacts.Contact",
    CustomObject.COMPANY: "contacts.Company",
}


def model_of(obj: str) -> type[models.Model]:
    return apps.get_model(_MODELS[CustomObject(obj)])
