# syntax=docker/dockerfile:1
# Our code (Python 3.11): the Telegram bot, the action server, the console and the tools.
# One image, several commands (see deploy/compose.yaml). Build from the repository root:
#   docker build -f deploy/app.Dockerfile -t joinus-app .
# Base images are pinned by tag; for byte-for-byte reproducible builds pin the digest too,
# e.g. python:3.11.11-slim-bookworm@sha256:<digest> (README, "Deploy").

FROM python:3.11.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
COPY pyproject.toml README.md ./
COPY requirements/app.lock requirements/app.lock
COPY bot bot
COPY actions actions
# Install the project with the exact versions of app.lock, then drop the package itself:
# the image runs the source from /app, so PROJECT_ROOT, content/ and migrations are where
# the code expects them.
RUN /opt/venv/bin/pip install -c requirements/app.lock . \
 && /opt/venv/bin/pip uninstall -y joinus-assistant

FROM python:3.11.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    JOINUS_DATA_DIR=/data
# pg_dump/pg_restore for `python -m bot.tools.backup` (client 15 = Debian 12's, matching the
# PostgreSQL 15 server in compose.yaml: pg_dump refuses a newer server). No compilers here.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15=15.* \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 joinus \
 && useradd --system --uid 10001 --gid joinus --home-dir /app --shell /usr/sbin/nologin joinus \
 && mkdir /data && chown joinus:joinus /data && chmod 0700 /data
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY bot bot
COPY actions actions
COPY content content
COPY endpoints.yml credentials.yml ./
# Code stays owned by root (read-only to the service); only /data is writable.
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8443 5055 8090
CMD ["python", "-m", "bot.telegram"]
