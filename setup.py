"""Builds the `logmel` CPython extension (the front end's C core) alongside the earmark package;
everything else about the package is in pyproject.toml."""
from setuptools import Extension, setup

setup(ext_modules=[Extension(
    'logmel', ['native/logmel/logmel_cpython.c'], include_dirs=['native/logmel'],
    depends=['native/logmel/logmel.h'],
    # -ffp-contract=off: no fused multiply-adds, so the numbers match the device's build
    extra_compile_args=['-std=c99', '-O2', '-ffp-contract=off', '-Wall'])])
