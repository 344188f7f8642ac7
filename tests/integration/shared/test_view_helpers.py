"""The views' one way of turning a service's domain error into a response (marketplace/views.py)."""

import pytest
from flask import get_flashed_messages
from wtforms import StringField
from wtforms.validators import InputRequired

from marketplace.errors import DomainError, InvalidTransition, ValidationFailed
from marketplace.forms import BaseForm
from marketplace.views import act, domain_errors


class NameForm(BaseForm):
    class Meta:
        csrf = False

    name = StringField()


def test_a_refusal_naming_a_field_of_the_form_goes_next_to_that_field(app):
    with app.test_request_context(method="POST", data={"name": "x"}):
        form = NameForm()
        with domain_errors(form) as outcome:
            raise ValidationFailed("Choose another name.", field="name")
        assert not outcome
        assert isinstance(outcome.error, ValidationFailed)
        assert list(form.name.errors) == ["Choose another name."]
        assert get_flashed_messages() == []


@pytest.mark.parametrize("field", [None, "no_such_field"])
def test_a_refusal_without_a_field_of_the_form_is_flashed_with_its_category(app, field):
    with app.test_request_context(method="POST"):
        form = NameForm()
        with domain_errors(form, category="info", prefix="Batik: ") as outcome:
            raise InvalidTransition("Not now.", field=field)
        assert not outcome
        assert list(form.name.errors) == []
        assert get_flashed_messages(with_categories=True) == [("info", "Batik: Not now.")]


def test_success_is_a_true_outcome_and_says_nothing(app):
    with app.test_request_context():
        with domain_errors() as outcome:
            result = 42
        assert outcome and outcome.error is None and result == 42
        assert get_flashed_messages() == []


def test_errors_that_are_not_domain_errors_are_not_swallowed(app):
    with app.test_request_context(), pytest.raises(KeyError), domain_errors():
        raise KeyError("a bug stays a bug")


def test_act_flashes_done_from_the_result_and_redirects_back(app):
    with app.test_request_context(method="POST"):
        response = act(None, lambda: 7, done=lambda n: f"{n} units", back="/back")
        assert response.status_code == 302 and response.location == "/back"
        assert get_flashed_messages(with_categories=True) == [("success", "7 units")]


def test_act_shows_the_refusal_instead_of_done(app):
    def refuse():
        raise DomainError("Refused.")

    with app.test_request_context(method="POST"):
        response = act(None, refuse, done="Done.", back="/back")
        assert response.location == "/back"
        assert get_flashed_messages(with_categories=True) == [("danger", "Refused.")]


def test_act_does_not_run_the_service_when_the_form_does_not_validate(app):
    calls = []

    class CheckedForm(BaseForm):
        name = StringField(validators=[InputRequired()])

    with app.test_request_context(method="POST", data={"name": ""}):
        response = act(CheckedForm(), lambda: calls.append(1), done="Done.", back="/back")
        assert response.location == "/back"
        assert calls == []
        assert get_flashed_messages() == []
