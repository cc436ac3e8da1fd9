package io.github.coro4j.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * The emitter's listing, after Regenerator's: code is appended to the current chunk, and {@link Label}s are
 * created before they are placed ({@link #label()} now, {@link #mark} later), so forward jumps need no
 * patch-up pass: a label is written as a placeholder that {@link #chunks()} replaces by its state number.
 *
 * <p>Each chunk becomes one {@code case} of the generated switch. A chunk belongs to one exception
 * {@link Region} (the lowered try it is in), so that the catch around the switch can route an exception to
 * the handler of the state that threw it. To keep {@code state} right for that routing, falling through
 * into a new chunk assigns it.
 */
final class Listing {
    static final class Label {
        final int id;
        int state = -1;

        Label(int id) {
            this.id = id;
        }
    }

    /** A lowered try: exceptions thrown in its states go to {@code handler}, stored in {@code exField}. */
    static final class Region {
        final Label handler;
        final String exField;
        /** For a try with finally and no catch: the pending-branch field, set to THROW. */
        final String jumpField;

        Region(Label handler, String exField, String jumpField) {
            this.handler = handler;
            this.exField = exField;
            this.jumpField = jumpField;
        }
    }

    static final class Chunk {
        final Label label;
        final Region region;
        final StringBuilder code = new StringBuilder();

        Chunk(Label label, Region region) {
            this.label = label;
            this.region = region;
        }
    }

    /** Pending branch value meaning "an exception is pending: rethrow it after the finally block". */
    static final int THROW = -1;

    private final List<Label> labels = new ArrayList<>();
    private final List<Chunk> chunks = new ArrayList<>();
    private final String loop;
    private Chunk current;
    private boolean reachable;
    private Region region;
    /** Declarations to put before the next line (copies of hoisted locals that a lambda captures). */
    private final List<String> pendingCaptures = new ArrayList<>();

    Listing(String loop) {
        this.loop = loop;
        mark(label());
    }

    Label label() {
        Label l = new Label(labels.size());
        labels.add(l);
        return l;
    }

    /** Places the label of a suspend(task, l) just emitted: suspend() already set the state. */
    void markResume(Label l) {
        reachable = false;
        mark(l);
    }

    /** Places {@code l} here: a new chunk starts. */
    void mark(Label l) {
        if (current != null && reachable) {
            line("this.state = " + ref(l) + ";");
        }
        l.state = chunks.size();
        current = new Chunk(l, region);
        chunks.add(current);
        reachable = true;
    }

    Region region() {
        return region;
    }

    /** Enters another exception region; a region change always starts a new chunk. */
    void region(Region r) {
        region = r;
        mark(label());
    }

    /** Places {@code l} here, as the first state of region {@code r}. */
    void regionAt(Region r, Label l) {
        if (current != null && reachable) {
            line("this.state = " + ref(l) + ";");
            reachable = false;
        }
        region = r;
        mark(l);
    }

    boolean reachable() {
        return reachable;
    }

    /** The source text of a reference to {@code l}'s state number. */
    static String ref(Label l) {
        return "\u0001" + l.id + "\u0002";
    }

    void capture(String declaration) {
        pendingCaptures.add(declaration);
    }

    /** Appends a line of code; dropped if the current point is unreachable (javac would reject it). */
    void line(String code) {
        if (!reachable) {
            pendingCaptures.clear();
            return;
        }
        for (String c : pendingCaptures) {
            append(c);
        }
        pendingCaptures.clear();
        append(code);
    }

    private void append(String code) {
        current.code.append(code).append('\n');
    }

    /** The code of an unconditional jump to {@code l}. */
    String jumpCode(Label l) {
        return "this.state = " + ref(l) + "; continue " + loop + ";";
    }

    void jump(Label l) {
        line(jumpCode(l));
        reachable = false;
    }

    void jumpIf(String condition, Label l) {
        line("if (" + condition + ") { " + jumpCode(l) + " }");
    }

    /** After a return or throw: what follows in this chunk is dead. */
    void terminate() {
        reachable = false;
    }

    /** The chunks, with every label reference replaced by its state number. */
    List<Chunk> chunks() {
        for (Chunk c : chunks) {
            String s = c.code.toString();
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch == '\u0001') {
                    int end = s.indexOf('\u0002', i);
                    int state = labels.get(Integer.parseInt(s.substring(i + 1, end))).state;
                    if (state < 0) {
                        throw new IllegalStateException("label never placed");
                    }
                    out.append(state);
                    i = end + 1;
                } else {
                    out.append(ch);
                    i++;
                }
            }
            c.code.setLength(0);
            c.code.append(out);
        }
        return chunks;
    }
}
