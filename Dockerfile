# Production image: compiled JavaScript on Node 20, dev dependencies pruned, running as a non-root user.
# Build:  docker build -t pilotline .
# Run:    see docker-compose.yml (MongoDB 8 replica set, Meilisearch v1, this app).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# argon2 compiles from source at install time (its prebuilt binary is not used).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY graphql ./graphql
COPY server/src ./server/src
COPY seeds ./seeds
RUN npx graphql-codegen --config graphql/codegen.ts \
  && npx tsc -p tsconfig.build.json \
  && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV APP_ENV=production NODE_ENV=production PORT=4000
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node graphql ./graphql
COPY --chown=node:node seeds/data ./seeds/data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server/src/main.js"]
