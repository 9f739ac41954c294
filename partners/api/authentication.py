"""API authentication by personal tokens, stored hashed (`Authorization: Token <key>`).

A token is refused (401) once it has expired, once its owner's password has changed since it was
made, or once its owner has enrolled a second factor since; and (403) while its owner's role
requires two-factor sign-in (setting TWO_FACTOR_REQUIRED_FOR) that they have not set up.
"""

from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from partners import permissions as perms
from partners.models import ApiToken


class HashedTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        newest_device = TOTPDevice.objects.filter(user=OuterRef("user"), confirmed=True).order_by("-pk")
        token = (
            ApiToken.objects.select_related("user")
            .annotate(newest_device_id=Subquery(newest_device.values("pk")[:1]))
            .filter(key_hash=ApiToken.hash_key(key))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        self.check_still_valid(token, now)
        # Record use at most once a minute, so reads do not each cost a write.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    @staticmethod
    def check_still_valid(token: ApiToken, now) -> None:
        again = _("Create a new token under your account.")
        if token.expires_at <= now:
            when = formats.date_format(timezone.localtime(token.expires_at), "DATE_FORMAT")
            raise exceptions.AuthenticationFailed(_("This token expired on %(date)s.") % {"date": when} + " " + again)
        if token.password_fingerprint != ApiToken.fingerprint(token.user):
            raise exceptions.AuthenticationFailed(
                _("This token was revoked because the account's password changed after it was made.") + " " + again
            )
        if (token.newest_device_id or 0) > token.last_device_id:
            raise exceptions.AuthenticationFailed(
                _("This token was revoked because two-factor sign-in was set up after it was made.") + " " + again
            )
        if token.newest_device_id is None and perms.two_factor_required(token.user):
            raise exceptions.PermissionDenied(
                _("Your role requires two-factor sign-in: set it up under your account before using API tokens.")
            )


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = HashedTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A personal token: `Token <key>`. Create and revoke tokens under your account. "
            "A token expires (90 days by default) and is revoked when your password changes or you set "
            "up two-factor sign-in.",
        }
