package se.stockholm.brottsofferstod.texts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the service says and listens for in each language, as the coordinator sees it: every data file (the words of
 * a language, the chatbot's texts, the email replies) that no speaker has reviewed yet, with who wrote it. Read from
 * the files each time, so a file marked {@code reviewed: true} leaves the list at once. COORDINATOR only.
 */
@RestController
class TextsController {

    /**
     * One file not yet reviewed.
     *
     * @param kind     {@code words} (config/languages), {@code chatbot} (config/sms/texts) or {@code email} (config/email/replies)
     * @param language the ISO 639 code (the file's name)
     */
    record Unreviewed(String kind, String language, String file, String author) {
    }

    private final Map<String, Path> folders;

    TextsController(@Value("${intake.languages.dir}") Path words, @Value("${intake.sms.texts-dir}") Path chatbot,
                    @Value("${intake.mail.replies-dir}") Path email) {
        this.folders = Map.of("words", words, "chatbot", chatbot, "email", email);
    }

    @GetMapping("/api/texts/unreviewed")
    List<Unreviewed> unreviewed() {
        List<Unreviewed> list = new ArrayList<>();
        folders.forEach((kind, folder) -> {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yml")).toList()) {
                    Map<String, Object> data = read(file);
                    if (!Boolean.TRUE.equals(data.get("reviewed"))) {
                        list.add(new Unreviewed(kind, file.getFileName().toString().replaceFirst("\\.yml$", ""),
                                folder.resolve(file.getFileName()).toString(), String.valueOf(data.getOrDefault("author", "unknown"))));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        });
        list.sort(Comparator.comparing(Unreviewed::kind).thenComparing(Unreviewed::language));
        return list;
    }

    private static Map<String, Object> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> data = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return data == null ? Map.of() : data;
        }
    }
}
