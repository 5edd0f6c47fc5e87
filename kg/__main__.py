"""``python -m kg`` runs the ``kg`` command."""

from .cli import main

main()
