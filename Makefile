# The README's two commands: `make demo` and `make test`. Both set up what they need first.
VENV := .venv
STAMP := $(VENV)/.earmark-installed

.PHONY: demo test setup micropython32
setup: $(STAMP)

$(STAMP): pyproject.toml tools/setup tools/system-packages.txt $(wildcard setup.py native/logmel/*.[ch])
	tools/setup
	touch $@

demo: $(STAMP)
	$(VENV)/bin/earmark demo

# pytest exits 5 when it collected nothing: a broken suite, reported as a failure like any other.
test: $(STAMP)
	$(VENV)/bin/python -m pytest $(ARGS); status=$$?; \
	  [ $$status != 5 ] || echo "make test: no tests were collected" >&2; exit $$status

# Optional: a 32-bit MicroPython (an ESP32's pointer width) from a source tree, for heap figures
# that are a board's: make micropython32 MICROPYTHON_SRC=~/src/micropython, then run anything
# with EARMARK_MICROPYTHON=build/micropython32/micropython (see tools/micropython32).
micropython32:
	tools/micropython32
