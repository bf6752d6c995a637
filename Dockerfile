# The viewer as a container image: `docker build -t parsec-viewer .`, then see compose.yaml.
# BASE is any Debian bookworm image with Node.js 20 (the default, or, on a machine without registry
# access, the one scripts/container/offline-base.sh builds).
ARG BASE=node:20-bookworm-slim

FROM ${BASE} AS build
RUN apt-get update -qq \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first, so that a change to the sources reuses this layer.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs scripts/nativeModules.mjs scripts/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build && node scripts/build-cli.mjs

# Only the server and what it traces (next.config.mjs: output "standalone"), not the build's tools,
# plus the command-line tools bundled to run on the server's own node_modules (viewer-cli).
FROM ${BASE}
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 NEXT_STANDALONE=1 PORT=3000 DATABASE_URL=file:/data/parsec-audit.db
RUN groupadd --gid 10001 viewer \
  && useradd --uid 10001 --gid viewer --no-create-home --home-dir /app --shell /usr/sbin/nologin viewer \
  && mkdir -p /data && chown viewer:viewer /data \
  && ln -s /app/cli/viewer-cli.mjs /usr/local/bin/viewer-cli
WORKDIR /app
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/scripts/serve.mjs ./scripts/serve.mjs
COPY --from=build /app/lib/metrics/metricsRegistry.mjs ./lib/metrics/metricsRegistry.mjs
COPY --from=build /app/lib/logging/logger.mjs ./lib/logging/logger.mjs
COPY --from=build /app/.next/cli ./cli
USER viewer
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "scripts/serve.mjs", "-H", "0.0.0.0"]
