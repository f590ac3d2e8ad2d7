#!/usr/bin/env python
"""Django's command-line utility; `sampark` (installed by make) is the same with friendlier errors."""

from sampark.cli import main

if __name__ == "__main__":
    main()
