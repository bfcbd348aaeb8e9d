"""The hand-off harness (a running Application with a recorder and a caseworker group) for these tests."""

from test_handoff import desk, hsettings, launch  # noqa: F401  (fixtures)
