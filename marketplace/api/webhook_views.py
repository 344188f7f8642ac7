"""The caller's own webhook endpoints: list, register, change, rotate the secret, send a test
event, delete. The same services and owner-only loading as the account pages (anyone else's
endpoint is 404). A secret is in the answer only where a write made it: registering and
rotating; a read-only token never sees one."""

from flask.views import MethodView
from marshmallow import fields, validate

from marketplace.api.blueprint import api_user, bp
from marketplace.api.schemas import ResponseSchema, StrictSchema
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.webhooks import policy, services
from marketplace.webhooks.access import endpoints_of, get_endpoint_for_owner
from marketplace.webhooks.models import EventType, WebhookEndpoint
from marketplace.webhooks.urls import MAX_URL_LENGTH

EVENTS = [event.value for event in EventType]


def _events(**kwargs) -> fields.List:
    return fields.List(
        fields.String(validate=validate.OneOf(EVENTS)),
        validate=validate.Length(1, len(EVENTS)),
        metadata={"description": "The events to receive: " + ", ".join(EVENTS) + "."},
        **kwargs,
    )


def _url(**kwargs) -> fields.String:
    return fields.String(
        validate=validate.Length(1, MAX_URL_LENGTH),
        metadata={"description": "https:// (or http://) on a public address."},
        **kwargs,
    )


class EndpointSchema(ResponseSchema):
    id = fields.Integer()
    url = fields.String()
    events = fields.List(fields.String())
    active = fields.Boolean(attribute="is_active")
    disabled_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()


class EndpointListSchema(ResponseSchema):
    items = fields.List(fields.Nested(EndpointSchema))


class EndpointWithSecretSchema(EndpointSchema):
    secret = fields.String(metadata={"description": "Signs every delivery (whsec_...)."})
    previous_secret_signs_until = fields.Method(
        "_previous_until",
        metadata={
            "type": ["string", "null"],
            "format": "date-time",
            "description": "Until when the secret before this one signs deliveries too.",
        },
    )

    def _previous_until(self, endpoint: WebhookEndpoint) -> str | None:
        until = endpoint.previous_signs_until(utcnow())
        return until.isoformat() if until else None


class EndpointCreateSchema(StrictSchema):
    url = _url(required=True)
    events = _events(required=True)


class EndpointChangeSchema(StrictSchema):
    url = _url()
    events = _events()


class RotateSchema(StrictSchema):
    stop_old_now = fields.Boolean(
        load_default=False,
        metadata={
            "description": "true: the old secret stops signing at once (it leaked); default: "
            f"it signs beside the new one for {policy.SECRET_OVERLAP_HOURS} hours."
        },
    )


class TestDeliverySchema(ResponseSchema):
    id = fields.Integer()
    event_id = fields.String()
    status = fields.String(metadata={"description": "pending, delivered or failed."})
    last_status_code = fields.Integer(allow_none=True)
    last_error = fields.String()


ENDPOINT = "/webhooks/<int:endpoint_id>"


@bp.route("/webhooks")
class Endpoints(MethodView):
    @bp.response(200, EndpointListSchema)
    def get(self) -> dict:
        """List my webhook endpoints"""
        return {"items": endpoints_of(api_user())}

    @bp.arguments(EndpointCreateSchema)
    @bp.response(201, EndpointWithSecretSchema)
    def post(self, body: dict):
        """Register a webhook endpoint; the answer carries its signing secret"""
        data = services.EndpointData(url=body["url"], events=tuple(body["events"]))
        return services.register(api_user(), data)


@bp.route(ENDPOINT)
class Endpoint(MethodView):
    @bp.response(200, EndpointSchema)
    def get(self, endpoint_id: int):
        """Get one of my webhook endpoints"""
        return get_endpoint_for_owner(endpoint_id, api_user())

    @bp.arguments(EndpointChangeSchema)
    @bp.response(200, EndpointSchema)
    def patch(self, body: dict, endpoint_id: int):
        """Change the URL or the events of one of my webhook endpoints"""
        endpoint = get_endpoint_for_owner(endpoint_id, api_user())
        data = services.EndpointData(
            url=body.get("url", endpoint.url),
            events=tuple(body.get("events", endpoint.events)),
        )
        return services.update(endpoint, api_user(), data)

    @bp.response(204)
    def delete(self, endpoint_id: int) -> None:
        """Delete one of my webhook endpoints and its delivery log"""
        services.remove(get_endpoint_for_owner(endpoint_id, api_user()), api_user())


@bp.route(f"{ENDPOINT}/rotate-secret")
class RotateSecret(MethodView):
    @bp.arguments(RotateSchema)
    @bp.response(200, EndpointWithSecretSchema)
    def post(self, body: dict, endpoint_id: int):
        """Make a new signing secret for one of my webhook endpoints"""
        endpoint = get_endpoint_for_owner(endpoint_id, api_user())
        rotate = services.rotate_secret_now if body["stop_old_now"] else services.rotate_secret
        return rotate(endpoint, api_user())


@bp.route(f"{ENDPOINT}/test")
class SendTest(MethodView):
    @bp.response(201, TestDeliverySchema)
    def post(self, endpoint_id: int):
        """Send a webhook.test event to one of my endpoints

        The answer is the delivery as it stands: `delivered` or `pending` with the status code
        or error of its first attempt when that was made at once, else `pending` until the job
        worker sends it.
        """
        endpoint = get_endpoint_for_owner(endpoint_id, api_user())
        delivery = services.send_test(endpoint, api_user())
        db.session.refresh(delivery)  # what a first attempt after the commit recorded
        return delivery
