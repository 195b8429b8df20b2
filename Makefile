# Two commands do everything: `make run` and `make test`. The rest are their building blocks.
SHELL := /bin/bash
PY := .venv/bin/python
RASA := PYTHONWARNINGS=ignore RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 .venv-rasa/bin/rasa
RASA_DATA := --domain domain --data nlu_data stories

.PHONY: run test setup train lint typecheck validate pytest story-test eval bench backup restore clean

run: setup train  ## the assistant: Telegram with TELEGRAM_BOT_TOKEN, else a chat in this terminal
	@$(PY) -m bot

test: setup train lint typecheck validate pytest story-test  ## every check CI runs

setup:  ## create/refresh .venv (3.11) and .venv-rasa (3.10) when their requirements changed
	@scripts/setup.sh

train: setup  ## retrain the Rasa model when data, domain or config changed
	@scripts/train.sh

lint: setup  ## ruff's lint rules, then its formatter in check mode (`ruff format bot actions tests engine` fixes)
	.venv/bin/ruff check bot actions tests engine
	.venv/bin/ruff format --check bot actions tests engine

typecheck: setup
	.venv/bin/mypy

validate: setup  ## Rasa's own consistency checks of domain, NLU data, stories and rules
	$(RASA) data validate --config config.yml $(RASA_DATA) --fail-on-warnings

pytest: setup train
	$(PY) -m pytest -q

story-test: setup train  ## conversation tests: test stories must be predicted exactly
	$(RASA) test core --model models/joinus.tar.gz --stories tests/stories \
		--out results/stories --fail-on-prediction-errors

eval: setup train  ## NLU report on the test set + held-out families and questions (every version), then the safety report (v4; v1-v3 are training data now); figures only
	@$(PY) -m bot.tools.nlu_eval
	@$(PY) -m bot.tools.safety_eval --quiet

bench: setup train  ## figures: safety net, pipeline, bare engine vs whole path, classroom burst, scale-out, training, cold start
	@$(PY) -m bot.tools.bench
	@$(PY) -m bot.tools.console_bench
	@$(PY) -m bot.tools.load_bench --training
	@$(PY) -m bot.tools.load_bench --instances 2 --levels 50 --burst 0 \
		--redis-url $${REDIS_URL:-redis://127.0.0.1:6379/1} \
		--database-url $${BENCH_DATABASE_URL:-postgresql+psycopg2://postgres@127.0.0.1:5432/test}

backup: setup  ## encrypted backup of the databases and keys: make backup [FILE=backups/x.jbk]
	@$(PY) -m bot.tools.backup create $(or $(FILE),backups/joinus-$(shell date +%Y-%m-%d-%H%M).jbk)

restore: setup  ## restore into an empty data dir: make restore FILE=backups/x.jbk [FORCE=1]
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/joinus-….jbk [FORCE=1]" >&2; exit 2; }
	@$(PY) -m bot.tools.backup restore "$(FILE)" $(if $(FORCE),--force)

clean:
	rm -rf .venv .venv-rasa models results .rasa
