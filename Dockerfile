# investmap on Debian 12: built in one stage, run as a non-root user in a
# slim second stage that holds only the runtime libraries, the installed tree
# (cmake --install, as on a server) and the sample district. Both stages
# install through scripts/install-deps.sh.
#   podman build --format docker -t investmap .   (or docker build; OCI images drop HEALTHCHECK)
#   docker run -d -p 127.0.0.1:8080:8080 -v investmap-data:/var/lib/investmap investmap
# With the site's settings (public_url …; see deploy/investmap.toml):
#   docker run -d -p 127.0.0.1:8080:8080 -v investmap-data:/var/lib/investmap \
#     -v /etc/investmap/investmap.toml:/etc/investmap/investmap.toml:ro investmap \
#     serve --db /var/lib/investmap/investmap.sqlite --config /etc/investmap/investmap.toml --listen 0.0.0.0:8080
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
 && DESTDIR=/stage cmake --install build --prefix /usr/local --strip \
 && scripts/load-sample.sh build/sample.sqlite

FROM debian:12
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN apt-get update && /tmp/install-deps.sh --runtime && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh \
 && useradd --system --home-dir /var/lib/investmap --create-home --shell /usr/sbin/nologin investmap
COPY --from=build /stage/usr/local/ /usr/local/
COPY --from=build --chown=investmap:investmap /src/build/sample.sqlite /var/lib/investmap/investmap.sqlite
USER investmap
WORKDIR /var/lib/investmap
# The database, its media (investmap.sqlite-media/) and its WAL live here:
# a volume keeps them when the container is replaced by a newer image.
VOLUME /var/lib/investmap
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl --fail --silent --show-error --max-time 4 --output /dev/null http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["investmap"]
# Inside the container the server must listen on every interface to be reachable.
CMD ["serve", "--db", "/var/lib/investmap/investmap.sqlite", "--listen", "0.0.0.0:8080"]
