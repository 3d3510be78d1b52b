# syntax=docker/dockerfile:1
# The quilt-mcp image: one Orleans silo with its co-hosted MCP endpoint per container.
# Build:  docker build --platform linux/amd64 --build-arg GIT_SHA="$(git rev-parse --short HEAD)" -t quilt-mcp:<sha> .
# (scripts/build-image.sh runs exactly that.)

ARG DOTNET_VERSION=10.0

# ---- build: SDK, restore and publish -----------------------------------------------------------------
# The SDK stage runs on the builder's own platform: a framework-dependent publish for linux-x64 needs no
# emulation, so building on an arm64 laptop stays fast while the result is still an amd64 image.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src

# Project files first, so a source-only change reuses the restored-packages layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Api/QuiltMcp.Orleans.Api.csproj src/Api/
COPY src/Grains/QuiltMcp.Orleans.Grains.csproj src/Grains/
COPY src/Silo/QuiltMcp.Orleans.Silo.csproj src/Silo/
RUN dotnet restore src/Silo/QuiltMcp.Orleans.Silo.csproj -r linux-x64

# .dockerignore admits only what the server build needs (no tests, deploy files, .git or .env).
COPY . .
ARG GIT_SHA=unknown
RUN dotnet publish src/Silo/QuiltMcp.Orleans.Silo.csproj -c Release -r linux-x64 --self-contained false \
      --no-restore -o /app -p:SourceRevisionId=${GIT_SHA}

# ---- runtime: ASP.NET Core runtime only ---------------------------------------------------------------
# Fargate runs amd64 here; pinning the platform keeps a build on another machine from producing an image
# the service cannot start.
FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
ARG GIT_SHA=unknown
LABEL org.opencontainers.image.title="quilt-mcp" \
      org.opencontainers.image.revision="${GIT_SHA}"

WORKDIR /app
COPY --from=build --chown=root:root /app ./

# Listen on every interface inside the container (the server's own default is loopback), on the port the
# task definition and target group use. ASPNETCORE_HTTP_PORTS from the base image is cleared because the
# server binds from FASTMCP_ADDR/FASTMCP_PORT and a second source would only log a confusing override.
# No secret is set here: the JWT key arrives from Secrets Manager through the task definition.
ENV FASTMCP_TRANSPORT=streamable-http \
    FASTMCP_ADDR=0.0.0.0 \
    FASTMCP_PORT=8000 \
    ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_ENVIRONMENT=Production \
    MCP_SERVER_VERSION=${GIT_SHA} \
    DOTNET_NOLOGO=1

EXPOSE 8000
# Silo-to-silo traffic between tasks; not published by the load balancer.
EXPOSE 11111

# The base image's unprivileged "app" user (APP_UID 1654); numeric so any runtime can tell it is not root.
USER 1654:1654

# The binary probes its own /healthz, so the image needs no curl; same command as the ECS health check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/app/quilt-mcp", "healthcheck"]

# Exec form: quilt-mcp is PID 1 and receives SIGTERM itself (no shell in between), so it can drain,
# leave the cluster and exit 0 within Shutdown__Timeout.
ENTRYPOINT ["/app/quilt-mcp"]
CMD ["serve"]
