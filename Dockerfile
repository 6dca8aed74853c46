# The explorer's web app; Neo4j runs in its own container (see docker-compose.yml).
FROM python:3.11-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends graphviz \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/toc
COPY pyproject.toml README.md ./
COPY app ./app
COPY graph ./graph
COPY cypher ./cypher
COPY seed ./seed
# Editable, so the app finds cypher/ and seed/ beside its code.
RUN pip install --no-cache-dir -e .
ENV TOC_SEED_DIR=/srv/toc/seed
EXPOSE 8000
CMD ["toc", "serve", "--host", "0.0.0.0", "--port", "8000"]
