"""The time a hostile input may take before a test calls it a hang.

A guard against input that hangs (a parser that loops, a read that blocks), not a speed
target: an unguarded one runs for minutes, while a refused one takes milliseconds even on a
loaded machine. Speed targets live in bench/.
"""

HANG_SECONDS = 30
