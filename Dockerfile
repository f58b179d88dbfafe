# The service as it runs in production (see docker-compose.yml): built with the Maven wrapper, run on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
# the jar extracted (intake.jar and lib/), the layout a class-data-sharing archive needs
RUN ./mvnw -B -q -DskipTests package \
    && java -Djarmode=tools -jar target/intake.jar extract --destination target/intake

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app intake
WORKDIR /app
COPY --from=build /src/target/intake/ ./
COPY routes routes
COPY config config
# the class-data-sharing archive of the classes a start loads, made by a training run in this image (on the JVM
# that runs it) that stops once the context is refreshed: ready in about half the time (README, Start-up)
RUN java -XX:ArchiveClassesAtExit=intake.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -Dspring.context.exit=onRefresh \
        -jar intake.jar --intake.data-dir=/tmp/cds-training --server.port=0 --intake.broker.port=0 \
        --logging.level.root=WARN \
    && rm -rf /tmp/cds-training
# the data folder (police inbox, processed files) is a volume the service's user writes to
RUN mkdir -p /app/data && chown intake /app/data
USER intake
# HTTP by default; HTTPS (server.ssl.*, SERVER_PORT=8443) in docker-compose.yml
EXPOSE 8080 8443
ENTRYPOINT ["java", "-XX:SharedArchiveFile=intake.jsa", "-jar", "intake.jar"]
