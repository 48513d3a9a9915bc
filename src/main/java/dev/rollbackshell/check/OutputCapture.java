package dev.rollbackshell.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What a command printed, kept in memory for {@link CommandRunner}: the first {@code max / 2}
 * bytes, and a ring of the last {@code max / 2}, with a count of what fell between. Read by a
 * thread of its own, so a command is never blocked on a full pipe; a line listener hears the
 * output cut into lines on that thread (at most {@link CommandRunner#LINE_MAX} bytes each).
 * Starting, waiting for and killing the process stay in {@link CommandRunner}.
 */
final class OutputCapture {

    private final byte[] head;
    private final byte[] tail;
    private int headLen;
    private long tailWritten;
    private long total;

    OutputCapture(int max) {
        head = new byte[max / 2];
        tail = new byte[max - max / 2];
    }

    Thread drain(InputStream in, Consumer<String> lines) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1 << 16];
            Lines split = lines == null ? null : new Lines(lines);
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    add(buf, n);
                    if (split != null) {
                        split.add(buf, n);
                    }
                }
            } catch (IOException e) {
                // the process is gone, or was killed: what was read is what it said
            }
            if (split != null) {
                split.end();
            }
        }, "command-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    synchronized void add(byte[] buf, int n) {
        total += n;
        int off = 0;
        if (headLen < head.length) {
            int k = Math.min(n, head.length - headLen);
            System.arraycopy(buf, 0, head, headLen, k);
            headLen += k;
            off = k;
        }
        for (int i = off; i < n; ) {
            int at = (int) (tailWritten % tail.length);
            int k = Math.min(n - i, tail.length - at);
            System.arraycopy(buf, i, tail, at, k);
            tailWritten += k;
            i += k;
        }
    }

    synchronized String text() {
        StringBuilder sb = new StringBuilder(new String(head, 0, headLen, StandardCharsets.UTF_8));
        long kept = Math.min(tailWritten, tail.length);
        if (tailWritten > kept) {
            sb.append("\n[... ").append(total - headLen - kept).append(" bytes of output left out ...]\n");
        }
        byte[] last = new byte[(int) kept];
        int from = (int) (tailWritten % tail.length);
        if (tailWritten <= tail.length) {
            System.arraycopy(tail, 0, last, 0, (int) kept);
        } else {
            System.arraycopy(tail, from, last, 0, tail.length - from);
            System.arraycopy(tail, 0, last, tail.length - from, from);
        }
        return sb.append(new String(last, StandardCharsets.UTF_8)).toString();
    }

    /** Output cut into lines for a listener, on the reading thread. */
    private static final class Lines {
        private final Consumer<String> to;
        private final byte[] line = new byte[CommandRunner.LINE_MAX];
        private int len;

        Lines(Consumer<String> to) {
            this.to = to;
        }

        void add(byte[] buf, int n) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    emit();
                } else if (len < line.length) {
                    line[len++] = b;
                }
            }
        }

        void end() {
            if (len > 0) {
                emit();
            }
        }

        private void emit() {
            int n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
            len = 0;
            try {
                to.accept(new String(line, 0, n, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // a listener that fails must not stop the output being read
            }
        }
    }
}
