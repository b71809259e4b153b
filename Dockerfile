# syntax=docker/dockerfile:1
# One image for the API (default command) and the worker (`node dist/worker.js`) and the
# one-shot migration job (`node dist/database/run-migrations.js`). See docker-compose.yml.

ARG NODE_VERSION=20

# --- build: every dependency, compile TypeScript to dist/ ------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && test -f dist/main.js && test -f dist/worker.js && test -f dist/database/run-migrations.js \
 && mkdir -p templates

# --- runtime: production dependencies only, non-root -----------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/templates ./templates
# DATA_DIR holds files when DOCUMENT_STORAGE=disk; the `node` user (uid 1000) owns it.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
CMD ["node", "dist/main.js"]
