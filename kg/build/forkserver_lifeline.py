"""Imported by the forkserver of a build's worker pool when it starts, and by nothing else: the
forkserver dies with kg build, and each worker it forks dies with it, from the moment it is forked
(see kg.build.lifeline)."""

import os

from kg.build.lifeline import die_with_parent

die_with_parent()
_FORKSERVER = os.getpid()
os.register_at_fork(after_in_child=lambda: die_with_parent(_FORKSERVER))
