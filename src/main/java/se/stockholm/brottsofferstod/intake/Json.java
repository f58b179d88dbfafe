package se.stockholm.brottsofferstod.intake;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Writes response bodies for the routes with the application's JSON mapper. */
@Component
public class Json {

    private final JsonMapper mapper;

    Json(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        return mapper.writeValueAsString(value);
    }
}
