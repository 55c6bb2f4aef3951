# Gongkai: `make html` builds content/ into output/, `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: html test check serve publish upload s3_upload clean tools bench bench-build bench-search mutate

# Publishing (docs/deploy.md): the public address and the upload host come from the
# environment, the make command line or an optional deploy.mk beside this file.
-include deploy.mk
SITEURL ?= $(GONGKAI_SITE_URL)
OUTPUTDIR ?= output
SSH_HOST ?=
SSH_PORT ?= 22
SSH_USER ?=
SSH_TARGET_DIR ?=
RSYNC ?= rsync

$(STAMP): requirements.txt
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# The test tools (pytest, Playwright, checkers) only for `make test`: a machine that only builds does not need them.
$(TEST_STAMP): $(STAMP) requirements-test.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt -c requirements.txt
	touch $(TEST_STAMP)

html: $(STAMP)
	$(PYTHON) build.py build

check: $(STAMP)
	$(PYTHON) build.py check

# Live preview at http://localhost:8000/ (make serve PORT=8001 for another port): rebuilds on save.
PORT ?= 8000
serve: $(STAMP)
	$(PYTHON) build.py serve --port $(PORT)

publish: $(STAMP)
	@test -n "$(SITEURL)" || { echo "make publish: set the public address, e.g. make publish SITEURL=https://zx.example.gov.cn (or GONGKAI_SITE_URL)" >&2; exit 2; }
	$(PYTHON) build.py build --settings publishconf.py --site-url "$(SITEURL)" --output "$(OUTPUTDIR)"

# Like Pelican's rsync_upload: build for the public address, then copy output/ over SSH.
upload:
	@test -n "$(SSH_HOST)" && test -n "$(SSH_TARGET_DIR)" || { echo "make upload: set SSH_HOST and SSH_TARGET_DIR (and SSH_USER, SSH_PORT if needed) in the environment, on the command line or in deploy.mk" >&2; exit 2; }
	@command -v $(firstword $(RSYNC)) >/dev/null || { echo "make upload: $(firstword $(RSYNC)) is not installed (apt-get install rsync)" >&2; exit 2; }
	$(MAKE) --no-print-directory publish
	$(RSYNC) -e "ssh -p $(SSH_PORT)" -P -rvzc --cvs-exclude --delete "$(OUTPUTDIR)"/ "$(if $(SSH_USER),$(SSH_USER)@)$(SSH_HOST):$(SSH_TARGET_DIR)"

# Like Pelican's s3_upload: build, then sync to any S3-compatible bucket (docs/deploy.md), feeds and data by type.
S3_BUCKET ?=
S3_ENDPOINT ?=
AWS ?= aws
S3_ARGS = $(if $(S3_ENDPOINT),--endpoint-url $(S3_ENDPOINT))
s3_upload:
	@test -n "$(S3_BUCKET)" || { echo "make s3_upload: set S3_BUCKET (and S3_ENDPOINT for a store that is not AWS)" >&2; exit 2; }
	@command -v $(AWS) >/dev/null || { echo "make s3_upload: the aws command is not installed (pip install awscli, or apt-get install awscli)" >&2; exit 2; }
	$(MAKE) --no-print-directory publish
	$(AWS) s3 sync $(S3_ARGS) --delete "$(OUTPUTDIR)"/ s3://$(S3_BUCKET)/
	$(AWS) s3 cp $(S3_ARGS) --recursive --exclude "*" --include "*.atom.xml" --content-type application/atom+xml "$(OUTPUTDIR)"/ s3://$(S3_BUCKET)/
	$(AWS) s3 cp $(S3_ARGS) --recursive --exclude "*" --include "*.rss.xml" --content-type application/rss+xml "$(OUTPUTDIR)"/ s3://$(S3_BUCKET)/
	$(AWS) s3 cp $(S3_ARGS) --recursive --exclude "*" --include "*.csv" --content-type "text/csv; charset=utf-8" "$(OUTPUTDIR)"/ s3://$(S3_BUCKET)/

# The pinned checkers of the quality gates (docs/quality.md): vnu.jar and axe-core from npm.
TOOLS_STAMP := tools/node_modules/.installed
$(TOOLS_STAMP): tools/package.json tools/package-lock.json
	npm ci --prefix tools --ignore-scripts --no-audit --no-fund
	touch $(TOOLS_STAMP)

tools: $(TOOLS_STAMP)

# CI always installs them (no npm fails the run); locally only where npm is installed.
TEST_TOOLS := $(if $(or $(CI),$(shell command -v npm 2>/dev/null)),$(TOOLS_STAMP))

test: $(TEST_STAMP) $(TEST_TOOLS)
	$(PYTHON) -m pytest -q

# `make bench`: each part is its own script and target; bench/out/ keeps the archives and reports.
bench: bench-build bench-search

# Build speed at N proposals (BENCH_N, default 5000): cold, unchanged, one new reply, the next day, memory,
# vs plain Pelican and Hugo (when installed).
bench-build: $(TEST_STAMP)
	$(PYTHON) bench/run.py

# Search on a 10,000-document Chinese archive: index build time, bytes and time to first results.
bench-search: $(TEST_STAMP)
	$(PYTHON) bench/search_bench.py

# `make mutate`: mutation testing of the domain core with mutmut, against the fast tests
# (docs/quality.md). Slow: not part of `make test`. MODULES=urls lifecycle for some modules only.
MUTATE_STAMP := $(VENV)/.mutate-installed
$(MUTATE_STAMP): requirements-mutate.txt $(TEST_STAMP)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-mutate.txt -c requirements.txt -c requirements-test.txt
	touch $(MUTATE_STAMP)

MODULES ?=
mutate: $(MUTATE_STAMP)
	nice -n 15 $(PYTHON) tools/mutate.py $(MODULES)

clean:
	rm -rf output .gongkai-cache .pytest_cache .mutate
