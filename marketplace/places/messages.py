"""What is wrong with a chosen address (regions.ChainProblem), in the user's language."""

from flask_babel import lazy_gettext as _l

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
