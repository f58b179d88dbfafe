package se.stockholm.brottsofferstod.intake;

import java.util.List;

/**
 * A request that is refused as it stands. The intake routes' shared error policy records each rejection,
 * sends the originals to the dead-letter queue and answers an HTTP caller with problem+json.
 */
public class RejectedRequestException extends RuntimeException {

    private final int status;
    private final String title;
    private final transient List<Rejection> rejections;

    public RejectedRequestException(int status, String title, List<Rejection> rejections) {
        super(title + ": " + rejections.size() + " rejected");
        this.status = status;
        this.title = title;
        this.rejections = List.copyOf(rejections);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Rejection> rejections() {
        return rejections;
    }
}
