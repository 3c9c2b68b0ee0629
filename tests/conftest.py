"""Shared pytest configuration: hypothesis profiles."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,  # CI must not fail by chance; local runs keep exploring
    suppress_health_check=[HealthCheck.too_slow],
)
# Mutation runs (scripts/mutation.sh) run each test once per mutant: fewer, fixed examples
# keep a run within hours; a mutant that survives them is still listed as a survivor.
settings.register_profile(
    "mutation",
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
_default = "ci" if os.environ.get("CI") else "default"
settings.load_profile(os.environ.get("SAFECORE_HYPOTHESIS_PROFILE", _default))
