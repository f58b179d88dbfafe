# The service as it runs in production (see docker-compose.yml): built with the Maven wrapper, run on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app intake
WORKDIR /app
COPY --from=build /src/target/intake.jar intake.jar
COPY routes routes
COPY config config
# the data folder (police inbox, processed files) is a volume the service's user writes to
RUN mkdir -p /app/data && chown intake /app/data
USER intake
# HTTP by default; HTTPS (server.ssl.*, SERVER_PORT=8443) in docker-compose.yml
EXPOSE 8080 8443
ENTRYPOINT ["java", "-jar", "intake.jar"]
