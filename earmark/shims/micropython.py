"""CPython stand-in for MicroPython's `micropython` module, on the path only when device code runs
in CPython. The emitters become no-ops: code that relies on viper semantics (ptr16, wrapping int
arithmetic) must check `sys.implementation.name` and offer a portable path."""


def const(value):
    return value


def viper(func):
    return func


def native(func):
    return func


def mem_info(*args):
    pass
