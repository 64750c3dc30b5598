# One image for the whole runtime: `toolhive-ts operator`, `toolhive-ts proxyrunner run` and
# `toolhive-ts vmcp serve` are subcommands of the same CLI.
#
#   docker build -t toolhive-ts:dev .
#   docker run --rm toolhive-ts:dev help
#
# Build stage: install everything, compile TypeScript to build/, then drop dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json index.ts ./
COPY lib ./lib
COPY constructs ./constructs
COPY operator ./operator
COPY proxyrunner ./proxyrunner
COPY cli ./cli
COPY crds ./crds
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: Node 24, the compiled code, production dependencies and the CRDs.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/build ./build
COPY --from=build /src/crds ./crds
# Non-root, matching the pod security contexts the charts render (runAsUser 1000).
USER 1000:1000
# Operator metrics and health probes.
EXPOSE 8080 8081
ENTRYPOINT ["node", "/app/build/cli/main.js"]
CMD ["operator"]
