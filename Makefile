# The README's two commands: `make demo` and `make test`. Both set up what they need first.
VENV := .venv
STAMP := $(VENV)/.earmark-installed

.PHONY: demo test setup
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
