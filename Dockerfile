# investmap on Debian 12: built in one stage, run as a non-root user in a
# slim second stage that holds only the runtime libraries and the sample
# district. Both stages install through scripts/install-deps.sh.
FROM debian:12 AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN apt-get update && scripts/install-deps.sh --build && rm -rf /var/lib/apt/lists/*
COPY . .
# MapLibre GL JS, the one npm package the pages need at run time. Behind a
# TLS-intercepting proxy, pass its CA as a build secret:
#   podman build --secret id=npm_ca,src=/path/to/proxy-ca.crt .
RUN --mount=type=secret,id=npm_ca \
    rm -rf build node_modules \
 && if [ -f /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi \
 && npm ci --omit=dev --no-audit --no-fund \
 && cmake --preset release -DINVESTMAP_BUILD_TESTS=OFF \
 && cmake --build --preset release -j "$(nproc)" \
 && scripts/load-sample.sh build/sample.sqlite

FROM debian:12
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN apt-get update && /tmp/install-deps.sh --runtime && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh \
 && useradd --system --home-dir /var/lib/investmap --create-home investmap
COPY --from=build /src/build/cli/investmap /usr/local/bin/investmap
COPY --from=build /src/web /usr/local/share/investmap/web
COPY --from=build /src/node_modules/maplibre-gl/dist /usr/local/share/investmap/web/vendor/maplibre-gl
COPY --from=build /src/styles /usr/local/share/investmap/styles
COPY --from=build /src/data/industries.toml /usr/local/share/investmap/industries.toml
COPY --from=build --chown=investmap:investmap /src/build/sample.sqlite /var/lib/investmap/sample.sqlite
USER investmap
WORKDIR /var/lib/investmap
EXPOSE 8080
ENTRYPOINT ["investmap"]
# Inside the container the server must listen on every interface to be reachable.
CMD ["serve", "--db", "/var/lib/investmap/sample.sqlite", "--listen", "0.0.0.0:8080"]
