"""``python -m safecore``: the same as the ``safecore`` command."""

from safecore.cli import main

raise SystemExit(main())
