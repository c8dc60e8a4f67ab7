"""``python -m validation``: run the data checks; the same as ``python -m newsevents validate``."""

import sys

from newsevents.cli import main

if __name__ == "__main__":
    sys.exit(main(["validate", *sys.argv[1:]]))
