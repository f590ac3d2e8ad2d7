"""Every error, whatever raised it, answers as {"error": {"code", "message", "fields"}}.

A small API built like the real one (``build_api``) is mounted here, with one operation per kind
of failure, so each exception class is checked through a real request.
"""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.test import Client
from django.urls import path
from ninja import Router, Schema
from ninja.errors import HttpError

from sampark.core.api.app import build_api
from sampark.core.api.auth import TokenAuth
from sampark.core.api.versions import expected_version
from sampark.core.records import StaleVersion

pytestmark = pytest.mark.urls(__name__)

router = Router(auth=None)


class Payload(Schema):
    email: str
    count: int


@router.post("/validated")
def validated(request: HttpRequest, payload: Payload, limit: int = 10) -> dict[str, str]:
    return {"ok": "yes"}


@router.get("/model-invalid")
def model_invalid(request: HttpRequest) -> None:
    raise DjangoValidationError({"email": ["Enter a valid email address."]})


@router.get("/model-invalid-as-a-whole")
def model_invalid_as_a_whole(request: HttpRequest) -> None:
    raise DjangoValidationError("These values cannot go together.")


@router.get("/missing")
def missing(request: HttpRequest) -> None:
    raise Http404("Contact 12 is in team Mumbai")


@router.get("/denied")
def denied(request: HttpRequest) -> None:
    raise PermissionDenied("Your role does not allow this on this record.")


@router.get("/teapot")
def teapot(request: HttpRequest) -> None:
    raise HttpError(429, "Slow down.")


@router.get("/stale")
def stale(request: HttpRequest) -> None:
    raise StaleVersion(4)


@router.delete("/precondition")
def precondition(request: HttpRequest) -> None:
    expected_version(request)


@router.get("/boom")
def boom(request: HttpRequest) -> None:
    raise RuntimeError("database password is hunter2")


@router.get("/private", auth=TokenAuth())
def private(request: HttpRequest) -> None:
    return None


test_api = build_api(urls_namespace="errors-test")
test_api.add_router("", router)
urlpatterns = [path("api/test/", test_api.urls)]


def error_of(response, status: int) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert {"code", "message", "fields"} <= set(body["error"])
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    return body["error"]


def test_invalid_input_is_422_with_the_clients_field_names(db):
    response = Client().post(
        "/api/test/validated?limit=many", {"count": "x"}, content_type="application/json"
    )

    error = error_of(response, 422)
    assert error["code"] == "invalid"
    assert error["fields"] == {
        "email": ["This field is required."],
        "count": ["Enter a whole number."],
        "limit": ["Enter a whole number."],
    }


def test_a_body_that_is_not_json_is_400(db):
    response = Client().post("/api/test/validated", "{oops", content_type="application/json")

    assert error_of(response, 400)["code"] == "bad_request"


def test_a_model_validation_error_is_422_by_field(db):
    error = error_of(Client().get("/api/test/model-invalid"), 422)

    assert error["code"] == "invalid"
    assert error["fields"] == {"email": ["Enter a valid email address."]}


def test_a_model_validation_error_about_no_one_field_is_under_all(db):
    error = error_of(Client().get("/api/test/model-invalid-as-a-whole"), 422)

    assert error["fields"] == {"__all__": ["These values cannot go together."]}


def test_not_found_is_404_and_reveals_nothing_of_the_reason(db):
    error = error_of(Client().get("/api/test/missing"), 404)

    assert error == {
        "code": "not_found",
        "message": "No such record, or you may not see it.",
        "fields": {},
    }


def test_permission_denied_is_403_with_its_message(db):
    error = error_of(Client().get("/api/test/denied"), 403)

    assert error["code"] == "forbidden"
    assert error["message"] == "Your role does not allow this on this record."


def test_an_http_error_keeps_its_status_and_message(db):
    error = error_of(Client().get("/api/test/teapot"), 429)

    assert error["code"] == "too_many_requests"
    assert error["message"] == "Slow down."


def test_a_stale_version_is_409_with_the_current_version(db):
    response = Client().get("/api/test/stale")

    error = error_of(response, 409)
    assert error["code"] == "conflict"
    assert "changed" in error["message"]
    assert error["current_version"] == 4
    assert response["ETag"] == '"4"'


def test_a_write_without_a_version_is_428(db):
    error = error_of(Client().delete("/api/test/precondition"), 428)

    assert error["code"] == "precondition_required"


def test_an_unexpected_exception_is_a_logged_500_without_details(db, caplog):
    with caplog.at_level(logging.ERROR, logger="sampark.api"):
        response = Client().get("/api/test/boom")

    error = error_of(response, 500)
    assert error["code"] == "server_error"
    assert b"hunter2" not in response.content
    assert b"Traceback" not in response.content
    assert any(record.exc_info for record in caplog.records)


def test_missing_authentication_is_401(db):
    error = error_of(Client().get("/api/test/private"), 401)

    assert error["code"] == "unauthorized"


def test_an_unknown_address_is_404_in_the_same_shape(db):
    assert error_of(Client().get("/api/test/no/such/thing"), 404)["code"] == "not_found"


def test_a_wrong_method_is_405_in_the_same_shape(db):
    response = Client().put("/api/test/denied")

    assert error_of(response, 405)["code"] == "method_not_allowed"
    assert response["Allow"] == "GET"


def test_messages_are_translated_into_the_requested_language(db):
    response = Client().post(
        "/api/test/validated",
        {"count": 1},
        content_type="application/json",
        headers={"Accept-Language": "bn"},
    )

    error = error_of(response, 422)
    assert response["Content-Language"] == "bn"
    assert error["fields"]["email"] != ["This field is required."]  # Django's Bengali wording
