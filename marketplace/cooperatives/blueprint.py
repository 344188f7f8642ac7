"""The cooperatives blueprint, apart from its views so that every views module can add routes
to it without importing another views module."""

from flask import Blueprint

bp = Blueprint("cooperatives", __name__)
