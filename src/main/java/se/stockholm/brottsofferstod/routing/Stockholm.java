package se.stockholm.brottsofferstod.routing;

import java.time.ZoneId;

/** The partnership's own time: evenings, days of receipt, reporting periods and ages are reckoned in it. */
public final class Stockholm {

    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private Stockholm() {
    }
}
