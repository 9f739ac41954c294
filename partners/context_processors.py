"""Template context: the signed-in user's roles, computed by partners.permissions."""

from partners import permissions as perms


def roles(request):
    user = getattr(request, "user", None)
    return {
        "is_admin": perms.is_admin(user),
        "is_coordinator": perms.is_coordinator(user),
        "can_import": perms.can_import(user),
    }
