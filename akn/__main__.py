"""``python -m akn`` runs the ``akn`` command."""
import sys

from akn.cli import main

sys.exit(main())
