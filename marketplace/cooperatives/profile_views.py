"""The admin's page for the cooperative's public profile: story, founding year, logo, photos
(reached from Settings)."""

from collections.abc import Callable
from functools import partial

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace import photo_pages
from marketplace.cooperatives.access import get_cooperative_for_admin, get_photo_of_cooperative
from marketplace.cooperatives.blueprint import bp
from marketplace.cooperatives.forms import ConfirmForm
from marketplace.cooperatives.services import profile
from marketplace.limits import MAX_COOPERATIVE_PHOTOS
from marketplace.photo_forms import LogoForm, PhotoForm, StoryForm
from marketplace.views import act, form_status, post_route, submit


def _page(coop, status: int = 200, **forms) -> ResponseReturnValue:
    forms = {
        "story_form": StoryForm(obj=coop),
        "logo_form": LogoForm(),
        "photo_form": PhotoForm(),
        **forms,
    }
    return render_template(
        "cooperatives/profile_page.html",
        coop=coop,
        limit=MAX_COOPERATIVE_PHOTOS,
        active="settings",
        **forms,
    ), status


def _story(form: StoryForm) -> profile.ProfileStory:
    return profile.ProfileStory(story=form.story.data, founded_year=form.founded_year.data)


def _back(coop) -> str:
    return url_for("cooperatives.profile_page", slug=coop.slug)


@bp.route("/kelola/<slug>/profil", methods=["GET", "POST"])
def profile_page(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form = StoryForm() if request.method == "POST" else StoryForm(obj=coop)
    if submit(
        form,
        lambda: profile.update_story(coop, current_user, _story(form)),
        done=_("The profile page is saved."),
    ):
        return redirect(_back(coop))
    return _page(coop, form_status(), story_form=form)


@bp.post("/kelola/<slug>/profil/logo")
def upload_logo(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form = LogoForm()
    if submit(
        form,
        lambda: profile.set_logo(coop, current_user, form.upload()),
        done=_("The logo is saved."),
    ):
        return redirect(_back(coop))
    return _page(coop, 400, logo_form=form)


@bp.post("/kelola/<slug>/profil/logo/hapus")
def remove_logo(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    return act(
        ConfirmForm(),
        lambda: profile.remove_logo(coop, current_user),
        done=_("The logo is deleted."),
        back=_back(coop),
    )


@bp.post("/kelola/<slug>/profil/foto")
def upload_photo(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form = PhotoForm()
    if photo_pages.add_photo(form, partial(profile.add_cooperative_photo, coop, current_user)):
        return redirect(_back(coop))
    return _page(coop, 400, photo_form=form)


def _photo_button(name: str, path: str, button: Callable, service: Callable) -> None:
    """A button on one photo of the profile page: POST /kelola/<slug>/profil/foto/<photo_id>/
    <path> (the endpoint `cooperatives.<name>`); `button` (photo_pages.move_photo or
    remove_photo) runs `service(coop, photo, admin, ...)` and goes back to the page."""

    def view(slug: str, photo_id: int) -> ResponseReturnValue:
        coop = get_cooperative_for_admin(slug, current_user)
        photo = get_photo_of_cooperative(coop, photo_id)
        return button(partial(service, coop, photo, current_user), _back(coop))

    post_route(bp, f"/kelola/<slug>/profil/foto/<int:photo_id>/{path}", name, view)


_photo_button("move_photo", "geser", photo_pages.move_photo, profile.move_cooperative_photo)
_photo_button("remove_photo", "hapus", photo_pages.remove_photo, profile.remove_cooperative_photo)
