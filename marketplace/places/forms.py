"""Region fields for address forms: province → regency/city → district → village, each a select
of the official list under the level above (templates/places/_picker.html renders them).

Without JavaScript the person picks a level and presses the picker's "show the list" button
(a submit named `refine`), and the page comes back with the next list; views skip the rest of
the form then. With JavaScript (static/js/places.js) the next list is fetched from /wilayah/.
"""

from flask import request
from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from marketplace.forms import BaseForm, choices
from marketplace.places import regions
from marketplace.places.messages import REGION_FIELDS, chain_message
from marketplace.places.regions import Level

PROMPTS = {
    Level.PROVINCE: _l("Choose a province"),
    Level.REGENCY: _l("Choose a regency or city"),
    Level.DISTRICT: _l("Choose a district"),
    Level.VILLAGE: _l("Choose a village"),
}
WAITING = _l("Choose the level above first")


class RegionSelect(SelectField):
    """One level's select; its choices are set by the form from the level above, and the
    chain is checked as a whole (RegionForm.validate), with a message that says what is wrong."""

    def __init__(self, label, **kwargs) -> None:
        super().__init__(label, validate_choice=False, **kwargs)
        self.type = "SelectField"  # drawn as one by Bootstrap-Flask (form-select)

    def process_formdata(self, valuelist) -> None:
        self.data = str(valuelist[0])[: regions.MAX_CODE_LENGTH + 1] if valuelist else None


class RegencyForm(BaseForm):
    """A form with a province and a regency/city (a cooperative's region)."""

    province_code = RegionSelect(_l("Province"))
    regency_code = RegionSelect(_l("Regency / city (kabupaten/kota)"))
    # Levels that must be chosen (the rest may stay empty), and prompts in place of PROMPTS.
    required_levels = len(Level)
    prompts: dict = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fill_region_choices()

    @property
    def region_fields(self) -> list:
        return [self._fields[name] for name in REGION_FIELDS if name in self._fields]

    @property
    def refining(self) -> bool:
        """The no-JavaScript picker asked for the next list: show the form again, unchecked."""
        return request.method == "POST" and "refine" in request.form

    def fill_region_choices(self) -> None:
        """Each level lists the children of the level above when that one is a valid choice."""
        parent: str | None = None
        for level, field in zip(Level, self.region_fields, strict=False):
            prompt = self.prompts.get(level, PROMPTS[level])
            attrs = {"data-region-level": int(level), "data-prompt": str(prompt)}
            if level is Level.PROVINCE or parent:
                options = [(r.code, r.name) for r in regions.children(parent)]
                field.choices = choices([("", prompt), *options])
                field.render_kw = attrs
            else:
                field.choices = choices([("", WAITING)])
                field.render_kw = {**attrs, "disabled": True}
            known = {c.value for c in field.choices}
            parent = field.data if field.data and field.data in known else None

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        codes = [field.data or "" for field in self.region_fields]
        while len(codes) > self.required_levels and not codes[-1]:
            codes.pop()
        problem = regions.check_chain(codes)
        if problem is None:
            return valid
        field = self.region_fields[problem.level - 1]
        field.errors = [*field.errors, chain_message(problem)]
        return False

    def region_codes(self) -> dict[str, str]:
        """Field name -> the code chosen ("province_code" -> "32"), "" for a level left empty."""
        return self.filled(*(field.name for field in self.region_fields), blank="")

    def region_names(self) -> dict[str, str]:
        """Field name without `_code` -> the official name ("province" -> "Jawa Barat"), for
        a checked form; codes under their own field names."""
        names = self.region_codes()
        for field in self.region_fields:
            region = regions.get(field.data or "")
            names[field.name.removesuffix("_code")] = region.name if region else ""
        return names

    def fill_regions_from(self, source) -> None:
        """Preselect the regions of an object with *_code attributes (a saved address)."""
        for field in self.region_fields:
            field.data = getattr(source, field.name, None) or None
        self.fill_region_choices()


class AddressRegionForm(RegencyForm):
    """A full Indonesian address's regions, down to the village."""

    district_code = RegionSelect(_l("District (kecamatan)"))
    village_code = RegionSelect(_l("Village (kelurahan/desa)"))
