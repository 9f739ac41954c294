"""Benchmark-only middleware: counts the SQL queries of each request into a response header."""

from __future__ import annotations

from django.db import connection


class QueryCountMiddleware:
    """Outermost middleware: every query the request runs (sessions included) is counted.

    A streamed response's queries run after this returns and are not counted.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count[0])
        return response
