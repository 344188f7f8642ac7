"""What is wrong with a chosen address (regions.ChainProblem), in the user's language."""

from flask_babel import lazy_gettext as _l

from marketplace.errors import ValidationFailed
from marketplace.places import regions
from marketplace.places.regions import ChainProblem, Level

# The form fields (and service fields) of the four levels, in order.
REGION_FIELDS = ("province_code", "regency_code", "district_code", "village_code")

MISSING = {
    Level.PROVINCE: _l("Choose a province."),
    Level.REGENCY: _l("Choose a regency or city."),
    Level.DISTRICT: _l("Choose a district (kecamatan)."),
    Level.VILLAGE: _l("Choose a village (kelurahan/desa)."),
}
PROBLEMS = {
    "unknown": _l("This is not in the official list of regions: choose one from the list."),
    "not_in_parent": _l("This does not lie in the region chosen above: choose again."),
}


def chain_message(problem: ChainProblem) -> str:
    return str(MISSING[problem.level] if problem.code == "missing" else PROBLEMS[problem.code])


def check_region_chain(codes: list[str]) -> None:
    """Refuse codes that are not one chain of official regions, on the field of the first
    level that is wrong (codes in REGION_FIELDS order; a shorter list checks the top levels)."""
    problem = regions.check_chain(codes)
    if problem is not None:
        raise ValidationFailed(chain_message(problem), field=REGION_FIELDS[problem.level - 1])
