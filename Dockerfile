# cachelab: one process serving the site, the API and the terminal WebSocket, with local redis-server sandboxes.
# Build:  docker build -t cachelab .      Run:  docker run -p 4321:4321 -v cachelab-data:/app/data cachelab

# ---- build stage: install all dependencies (native better-sqlite3 needs a toolchain) and build the site ----
FROM node:22-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .nvmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json astro.config.mjs ./
COPY src ./src
COPY sandbox ./sandbox
COPY content ./content
RUN npm run build && npm prune --omit=dev

# ---- runtime stage: Node 22 slim + Debian's redis-server/redis-tools, non-root ----
FROM node:22-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server redis-tools tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4321 CACHELAB_DATA_DIR=/app/data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json /app/tsconfig.json /app/astro.config.mjs ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/src ./src
COPY --from=build --chown=node:node /app/sandbox ./sandbox
COPY --from=build --chown=node:node /app/content ./content
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4321
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4321)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# tini forwards SIGTERM so the platform deletes every sandbox before the container stops.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["npm", "start"]
