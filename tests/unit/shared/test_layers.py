"""Imports point down and reactions travel by signal (DESIGN.md §3): checked on the source.

Every import is read from the syntax tree, including imports inside functions, so that a
deferred import cannot hide a cycle again.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[3] / "marketplace"
BELOW_CHECKOUT = ("accounts", "cooperatives", "catalogue", "orders", "payments", "fulfilment")


def _modules(*parts: str) -> list[Path]:
    return sorted(PACKAGE.joinpath(*parts).rglob("*.py"))


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, whether the import is inside a function) for every import, except
    those only for type checkers (`if TYPE_CHECKING:`), which never run."""
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", "") == "TYPE_CHECKING":
                continue
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.module:
                found.append((child.module, in_function))
            elif isinstance(child, ast.Import):
                found.extend((alias.name, in_function) for alias in child.names)
            visit(child, inside)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def _offenders(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in paths
        for module, _inside in _imports(path)
        if module.startswith(forbidden)
    ]


@pytest.mark.parametrize("package", BELOW_CHECKOUT)
def test_lower_packages_never_import_checkout_or_notifications(package):
    forbidden = ("marketplace.checkout", "marketplace.notifications")
    assert _offenders(_modules(package), forbidden) == []


def test_orders_services_and_models_never_import_payments():
    """The old cycle: orders.services.checkout -> payments.invoicing -> orders.services."""
    paths = _modules("orders", "services") + [PACKAGE / "orders" / "models.py"]
    assert _offenders(paths, ("marketplace.payments", "marketplace.checkout")) == []


def test_checkout_and_payments_have_no_deferred_imports_of_our_modules():
    paths = _modules("checkout") + _modules("payments") + _modules("orders", "services")
    deferred = [
        f"{path.relative_to(PACKAGE.parent)}: {module}"
        for path in paths
        for module, inside in _imports(path)
        if inside and module.startswith("marketplace")
    ]
    assert deferred == []


def test_nothing_fills_a_registry_by_being_imported():
    """Payment methods are a plain function in payments; the old registry module is gone and
    the payments views no longer import a module for its side effects."""
    assert not (PACKAGE / "orders" / "payment_methods.py").exists()
    assert not (PACKAGE / "payments" / "offers.py").exists()
    views = (PACKAGE / "payments" / "views.py").read_text(encoding="utf-8")
    assert "noqa: F401" not in views
