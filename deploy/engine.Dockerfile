# syntax=docker/dockerfile:1
# The Rasa 3.6 engine (Python 3.10) with the trained model baked in.
# The model is trained in the build stage from config.yml, domain/, nlu_data/ and stories/
# (about 8 minutes on 2 cores), so the image always matches the data it was built from.
# Build from the repository root:
#   docker build -f deploy/engine.Dockerfile -t joinus-engine .
# Base images are pinned by tag; pin the digest too for reproducible builds (README, "Deploy").

FROM python:3.10.16-bookworm AS build
# The full (non-slim) image has compilers for any dependency without a wheel; none of it is
# copied into the final stage.
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore
RUN python -m venv /opt/rasa
COPY requirements/rasa.txt requirements/rasa.lock /tmp/requirements/
RUN /opt/rasa/bin/pip install -r /tmp/requirements/rasa.txt -c /tmp/requirements/rasa.lock
WORKDIR /src
COPY config.yml ./
COPY domain domain
COPY nlu_data nlu_data
COPY stories stories
# The pipeline's own component (engine/role_component.py): needed to train and to load the model.
COPY engine engine
RUN /opt/rasa/bin/rasa train --config config.yml --domain domain --data nlu_data stories \
      --out /src/models --fixed-model-name joinus --quiet

FROM python:3.10.16-slim-bookworm
ENV PATH=/opt/rasa/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 \
    PYTHONWARNINGS=ignore \
    HOME=/app
RUN groupadd --system --gid 10002 rasa \
 && useradd --system --uid 10002 --gid rasa --home-dir /app --shell /usr/sbin/nologin rasa \
 && mkdir -p /app/.rasa /app/.config \
 && chown rasa:rasa /app/.rasa /app/.config
COPY --from=build /opt/rasa /opt/rasa
WORKDIR /app
COPY --from=build /src/models models
COPY engine engine
# Container endpoints: action server, SQL tracker store on PostgreSQL, Redis lock store.
COPY deploy/rasa-endpoints.yml endpoints.yml
COPY credentials.yml ./
USER 10002:10002
EXPOSE 5005
# engine/rasa_server.py is `rasa` with the project's start-up and per-turn fixes (README, "Speed
# and scale"); /app on the path for the pipeline's own component (engine.role_component).
ENV PYTHONPATH=/app
CMD ["python", "engine/rasa_server.py", "run", "--enable-api", "--interface", "0.0.0.0", \
     "--port", "5005", "--model", "models", "--endpoints", "endpoints.yml", \
     "--credentials", "credentials.yml"]
