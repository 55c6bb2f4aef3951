# Gongkai: `make html` builds content/ into output/, `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: html test check publish clean

$(STAMP): requirements.txt
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

html: $(STAMP)
	$(PYTHON) build.py build

check: $(STAMP)
	$(PYTHON) build.py check

publish: $(STAMP)
	$(PYTHON) build.py build --settings publishconf.py --site-url "$${GONGKAI_SITE_URL:-https://example.org}"

test: $(STAMP)
	$(PYTHON) -m pytest -q

clean:
	rm -rf output .pytest_cache
