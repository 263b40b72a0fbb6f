"""A workaround every Qt user in Kurator imports first: the window (`app.ui`) and the chart renderer
(`app.services.output.charts`). Importing it is the whole effect.

PySide6 6.12 drops a reference to None on every call of a Qt method that returns nothing; on Python 3.11, where None
is not immortal, a busy session reaches zero and the interpreter aborts («none_dealloc»). Lend None enough references
to outlast any session (Python ≥ 3.12 makes None immortal: nothing to do). True and False suffer the same way (seen as
«bool_dealloc» after a few charts had been drawn).
"""

import ctypes
import sys

if sys.version_info < (3, 12):
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
