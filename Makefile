# gatekeeper: `make run` starts the application, `make test` installs everything and tests it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BUNDLE_STAMP   := dist/gatekeeper/.built
FONT           := gatekeeper/resources/fonts/wqy-microhei.ttc
FONT_SOURCE    ?= /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
BUNDLE_SOURCES := pyproject.toml $(shell find gatekeeper installer -type f \
	-not -path '*/__pycache__/*' -not -name '*.pyc' 2>/dev/null)

.PHONY: run test system-deps venv lint typecheck pytest fuzz-nightly translations bench bundle clean

run: system-deps $(FONT) $(STAMP)
	$(BIN)/gatekeeper $(ARGS)

test: system-deps $(FONT) $(STAMP) lint typecheck $(BUNDLE_STAMP) pytest

system-deps:
	@tools/install-system-deps.sh

venv: $(STAMP)

# The CJK font shipped inside the package and the bundle (gatekeeper/resources/fonts/README.md)
# is not kept in git (5 MB): it is copied from Debian's fonts-wqy-microhei, which system-deps
# installs.
$(FONT):
	@test -f $(FONT_SOURCE) || { echo "$(FONT_SOURCE) is missing: run make system-deps" \
		"(Debian's fonts-wqy-microhei)"; exit 1; }
	cp $(FONT_SOURCE) $@.tmp && mv $@.tmp $@

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,dev,bundle]'
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Two workers (pytest-xdist), a test file per worker at a time: the suite waits on fsync,
# subprocesses and PostgreSQL far more than on the CPU. `make pytest PYTEST_JOBS=0` runs it
# in one process.
PYTEST_JOBS ?= 2
pytest: $(STAMP) $(FONT)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(PYTEST_JOBS) --dist loadfile $(PYTEST_ARGS)

# SIGKILL at 100 random points per scenario (tests/faults; `make test` tries a few of each).
# GATEKEEPER_FAULT_SEED=N replays the points of a failed session.
.PHONY: faults-nightly
faults-nightly: $(STAMP)
	GATEKEEPER_FAULT_RUNS=100 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/faults \
		$(PYTEST_ARGS)

# The fuzz targets with 10,000 examples each (tests/conftest.py's nightly profile): hours, not
# minutes; `make test` runs the same targets with a few dozen to a few hundred examples.
fuzz-nightly: $(STAMP)
	QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=nightly $(BIN)/python -m pytest tests/fuzz \
		--hypothesis-show-statistics $(PYTEST_ARGS)

translations: $(STAMP)
	$(BIN)/pyside6-lupdate -silent -locations none -no-obsolete -source-language en -extensions py \
		gatekeeper/app.py gatekeeper/ui \
		-ts resources/translations/gatekeeper_zh_CN.ts resources/translations/gatekeeper_en.ts
	-$(BIN)/python tools/fill_translations.py
	$(BIN)/pyside6-lrelease -silent resources/translations/gatekeeper_zh_CN.ts \
		-qm gatekeeper/resources/translations/gatekeeper_zh_CN.qm

# The one-folder bundle (installer/gatekeeper.spec): rebuilt only when the package, the installer
# files or pyproject.toml changed. `make test` builds it for tests/e2e/test_bundle.py.
bundle: $(BUNDLE_STAMP)

$(BUNDLE_STAMP): $(STAMP) $(FONT) $(BUNDLE_SOURCES)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller installer/gatekeeper.spec
	touch $@

# Every benchmark in benchmarks/, one report (README, Performance): the quick sizes by default;
# `make bench BENCH_ARGS= BENCH_OUT=DIR` runs the full sizes (hours).
BENCH_ARGS ?= --quick
BENCH_OUT  ?= docs/benchmarks/quick
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_all.py $(BENCH_ARGS) --out $(BENCH_OUT)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
