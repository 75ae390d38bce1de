# The playground as one Streamlit process (one CPU core of training at a time).
# A class is served by several of these behind the proxy in compose.yaml (see docs/deploy.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OPENBLAS_NUM_THREADS=1 \
    OMP_NUM_THREADS=1 \
    MKL_NUM_THREADS=1 \
    PYTHONPATH=/app

RUN useradd --create-home --uid 10001 playground

# Chromium for the server-side "all figures (.zip)" export (kaleido finds /usr/bin/chromium),
# and the Arial-metric fonts Plotly's text falls back to.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-liberation \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=playground:playground app.py ./
COPY --chown=playground:playground .streamlit ./.streamlit
COPY --chown=playground:playground pages ./pages
COPY --chown=playground:playground playground ./playground

# The class state's SQLite file (compose mounts a volume here; docs/deploy.md).
RUN mkdir /data && chown playground:playground /data
ENV PLAYGROUND_DATA_DIR=/data

USER playground
# Each replica listens on its own port: the proxy's route cookie names a replica by its port
# (compose.yaml gives app2 8502; deploy/nginx/default.conf.template).
ENV STREAMLIT_SERVER_PORT=8501
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import os, sys, urllib.request; \
sys.exit(urllib.request.urlopen('http://127.0.0.1:%s/_stcore/health' % os.environ['STREAMLIT_SERVER_PORT'], timeout=4).read() != b'ok')"

CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0"]
