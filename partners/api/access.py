"""DRF permission classes that defer to partners.permissions: who may call an endpoint at all.

Whether a user may change a particular record is decided by the services (which ask
partners.permissions); these classes only turn anonymous callers away with 401.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from partners import permissions as perms


class SignedIn(BasePermission):
    """Signed-in users only (session or token); anonymous callers get 401."""

    message = "Sign in, or send `Authorization: Token <key>`."

    def has_permission(self, request, view) -> bool:
        return perms.is_signed_in(request.user)


class ReadOrSignedIn(BasePermission):
    """Anyone may read (the visibility rules decide what); writing needs a signed-in user."""

    message = SignedIn.message

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or perms.is_signed_in(request.user)
