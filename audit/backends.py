"""A sign-in watch for the test client only: Django's `Client.login()` authenticates without a request.

Production uses django-axes' own backend, which refuses a sign-in without a request.
"""

from axes.backends import AxesStandaloneBackend


class TestClientAxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None  # nothing to watch (no address); the next backend checks the password
        return super().authenticate(request, username=username, password=password, **kwargs)
