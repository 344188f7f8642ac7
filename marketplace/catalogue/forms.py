from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    FieldList,
    Form,
    FormField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import TextInput

from marketplace.catalogue import pricing
from marketplace.catalogue.models import Product, ProductKind, ProductStatus, ProductUnit
from marketplace.catalogue.queries import list_categories
from marketplace.catalogue.services import (
    TIER_PROBLEM_MESSAGES,
    ProductData,
)
from marketplace.forms import BaseForm, WholeNumberField, checked_field
from marketplace.identifiers import normalise_bpom, normalise_pirt
from marketplace.labels import UNIT_LABELS
from marketplace.limits import MAX_LEAD_TIME_DAYS, MAX_PRICE, MAX_QUANTITY

TIER_ROWS = 5


def whole_number(minimum: int, maximum: int):
    """A validator for a WholeNumberField's value: from `minimum` up to `maximum`."""

    def validator(form, field) -> None:
        if field.data is None:
            return
        if field.data < minimum:
            raise ValidationError(
                _l("Enter a whole number of at least %(minimum)d.", minimum=minimum)
            )
        if field.data > maximum:
            raise ValidationError(_l("This number is too large."))

    return validator


class TierForm(Form):
    """One row of the price table; a row with both cells blank is ignored."""

    min_quantity = WholeNumberField(
        _l("From quantity"), validators=[Optional(), whole_number(1, MAX_QUANTITY)]
    )
    unit_price = WholeNumberField(
        _l("Unit price (Rp)"),
        thousands=True,
        # Text, not a number input: prices are typed with thousands dots (50.000).
        widget=TextInput(),
        validators=[Optional(), whole_number(1, MAX_PRICE)],
    )

    @property
    def is_blank(self) -> bool:
        return not any(
            (f.raw_data or [""])[0].strip() for f in (self.min_quantity, self.unit_price)
        )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not ok or self.is_blank:
            return ok
        message = _l("Enter both the quantity and the unit price, or leave the row empty.")
        for f in (self.min_quantity, self.unit_price):
            if f.data is None:
                f.errors.append(message)
                ok = False
        return ok


def _optional_int(value):
    return int(value) if value not in (None, "") else None


class ProductForm(BaseForm):
    name = StringField(
        _l("Product name"),
        validators=[DataRequired(message=_l("Enter the product name.")), Length(max=160)],
    )
    category_id = SelectField(
        _l("Category"),
        coerce=_optional_int,
        validators=[InputRequired(message=_l("Choose a category."))],
    )
    kind = SelectField(
        _l("Kind"),
        choices=[
            SelectChoice(ProductKind.GOODS.value, _l("Goods")),
            SelectChoice(ProductKind.SERVICE.value, _l("Service")),
        ],
    )
    unit = SelectField(
        _l("Sale unit"), choices=[SelectChoice(u, UNIT_LABELS[u]) for u in ProductUnit]
    )
    order_step = WholeNumberField(
        _l("Order step"),
        validators=[InputRequired(), whole_number(1, MAX_QUANTITY)],
        description=_l("Buyers order in multiples of this many units, e.g. 1 or 10."),
    )
    min_order_quantity = WholeNumberField(
        _l("Minimum order quantity"),
        validators=[InputRequired(), whole_number(1, MAX_QUANTITY)],
        description=_l("The smallest order accepted, a multiple of the order step."),
    )
    lead_time_days = WholeNumberField(
        _l("Lead time (days)"),
        validators=[InputRequired(), whole_number(0, MAX_LEAD_TIME_DAYS)],
        description=_l("Days from a confirmed order until the goods are ready."),
    )
    description = TextAreaField(
        _l("Description"), validators=[Length(max=5000)], render_kw={"rows": 5}
    )
    pirt_number = checked_field(
        _l("P-IRT number"),
        normalise_pirt,
        _l("A P-IRT number has 15 or more digits."),
        description=_l("Food from a home industry: the 15+ digit P-IRT permit number."),
    )
    bpom_number = checked_field(
        _l("BPOM number"),
        normalise_bpom,
        _l("A BPOM number is MD or ML followed by 12 digits."),
        description=_l("For example MD 123456789012."),
    )
    halal_number = StringField(_l("Halal certificate number"), validators=[Length(max=40)])
    sni_number = StringField(
        _l("SNI certificate number"),
        validators=[Length(max=40)],
        description=_l("Toys for children must carry the SNI mark."),
    )
    tiers = FieldList(FormField(TierForm), min_entries=TIER_ROWS, max_entries=TIER_ROWS)
    member_price = WholeNumberField(
        _l("Member price per unit (Rp)"),
        validators=[Optional(), whole_number(0, MAX_PRICE)],
        description=_l(
            "What a member earns per accepted unit. Leave empty to pay the unit price less "
            "the cooperative's fee."
        ),
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = str(get_locale())
        self.category_id.choices = [SelectChoice("", _l("Choose a category"))] + [
            SelectChoice(str(c.id), c.name_for(locale)) for c in list_categories()
        ]
        self.tier_errors: list[str] = []

    @classmethod
    def for_product(cls, product: Product) -> "ProductForm":
        """The form filled in with a product's current details (for editing)."""
        return cls(
            data={
                "name": product.name,
                "category_id": product.category_id,
                "kind": product.kind,
                "unit": product.unit,
                "order_step": product.order_step,
                "min_order_quantity": product.min_order_quantity,
                "lead_time_days": product.lead_time_days,
                "description": product.description,
                "pirt_number": product.pirt_number or "",
                "bpom_number": product.bpom_number or "",
                "halal_number": product.halal_number or "",
                "sni_number": product.sni_number or "",
                "member_price": product.member_price,
                "tiers": [
                    {"min_quantity": t.min_quantity, "unit_price": t.unit_price}
                    for t in product.price_tiers[:TIER_ROWS]
                ],
            }
        )

    def validate_min_order_quantity(self, field) -> None:
        step = self.order_step.data
        if field.errors or field.data is None or not step or step < 1:
            return
        if field.data % step:
            raise ValidationError(
                _l("The minimum order quantity must be a multiple of the order step.")
            )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        self.tier_errors = []
        rows_ok = all(not row.form.errors for row in self.tiers)
        moq = self.min_order_quantity
        if rows_ok and moq.data is not None and not moq.errors:
            problems = pricing.tier_problems(self.price_tiers(), minimum=moq.data)
            self.tier_errors = [str(TIER_PROBLEM_MESSAGES[p]) for p in problems]
        return ok and not self.tier_errors

    def price_tiers(self) -> tuple[pricing.Tier, ...]:
        """The filled-in rows of the price table, in the order they were entered."""
        return tuple(
            pricing.Tier(row.form.min_quantity.data, row.form.unit_price.data)
            for row in self.tiers
            if row.form.min_quantity.data is not None and row.form.unit_price.data is not None
        )

    def product_data(self) -> ProductData:
        return self.values_for(
            ProductData,
            **self.filled("description", blank=""),
            **self.filled("pirt_number", "bpom_number", "halal_number", "sni_number"),
            tiers=self.price_tiers(),
        )

    def show_error(self, field: str | None, message) -> bool:
        """Put a service's error next to its field; False when no field of this form fits."""
        if field == "tiers":
            self.tier_errors.append(str(message))
            return True
        return super().show_error(field, message)


class ProductStatusForm(BaseForm):
    status = SelectField(
        choices=[
            SelectChoice(ProductStatus.PUBLISHED.value, _l("Publish")),
            SelectChoice(ProductStatus.DRAFT.value, _l("Unpublish")),
            SelectChoice(ProductStatus.ARCHIVED.value, _l("Archive")),
        ]
    )
