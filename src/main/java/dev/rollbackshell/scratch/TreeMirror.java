package dev.rollbackshell.scratch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * One top-level entry of the project mirrored into a {@link ScratchCopy}: folders made new,
 * files hard-linked (copied where linking fails, and where {@code copy} says), symbolic
 * links made again (an absolute one into the project pointed into the copy). Each folder
 * is read once and subfolders are walked side by side on a few threads; it counts what it
 * linked and what it copied. What is left out or linked whole is {@link ScratchCopy}'s.
 */
final class TreeMirror {

    /** Threads that walk and link side by side (the machine's cores, at most 4: linking is bound by the file system). */
    private static final int WALKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final Path projectRoot;
    private final Path toRoot;
    private final Predicate<String> copy;
    private final LongAdder linked = new LongAdder();
    private final LongAdder copied = new LongAdder();

    private TreeMirror(Path projectRoot, Path toRoot, Predicate<String> copy) {
        this.projectRoot = projectRoot;
        this.toRoot = toRoot;
        this.copy = copy;
    }

    private RecursiveAction folder(Path dir, String rel, Path target) {
        return new RecursiveAction() {
            @Override
            protected void compute() {
                List<RecursiveAction> subs = new ArrayList<>();
                try {
                    Files.createDirectory(target);
                    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                        for (Path e : entries) {
                            String name = e.getFileName().toString();
                            String childRel = rel + "/" + name;
                            Path childTarget = target.resolve(name);
                            BasicFileAttributes a;
                            try {
                                a = Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                            } catch (IOException gone) {
                                continue; // unreadable or gone: the checks see it missing, as they would see it unreadable
                            }
                            if (a.isDirectory()) {
                                subs.add(folder(e, childRel, childTarget));
                            } else {
                                entry(e, childRel, childTarget, a);
                            }
                        }
                    } catch (AccessDeniedException unreadable) {
                        // an unreadable folder is mirrored empty
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                invokeAll(subs);
            }
        };
    }

    private void entry(Path file, String rel, Path target, BasicFileAttributes attrs) {
        try {
            if (attrs.isSymbolicLink()) {
                Path link = Files.readSymbolicLink(file);
                // an absolute link into the project would lead back into it: point it into the copy instead
                if (link.isAbsolute() && link.normalize().startsWith(projectRoot)) {
                    link = toRoot.resolve(projectRoot.relativize(link.normalize()).toString());
                }
                Files.createSymbolicLink(target, link);
            } else if (attrs.isRegularFile()) {
                if (copy.test(rel)) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    copied.increment();
                } else {
                    try {
                        Files.createLink(target, file);
                        linked.increment();
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                        copied.increment();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Mirrors {@code from} (a top-level entry of the project) at the same relative path under
     * {@code toRoot}: folders made, files linked (or copied), links re-made. Each folder's
     * entries are read once ({@code readdir} and one {@code lstat} each, as {@code cp -al}
     * does), and subfolders are walked side by side on {@link #WALKERS} threads; nothing is
     * read or hashed beyond that.
     */
    static void mirror(Path projectRoot, Path from, Path toRoot, Predicate<String> copy, int[] counts) throws IOException {
        String rel = projectRoot.relativize(from).toString().replace('\\', '/');
        BasicFileAttributes attrs = Files.readAttributes(from, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        TreeMirror m = new TreeMirror(projectRoot, toRoot, copy);
        if (!attrs.isDirectory()) {
            m.entry(from, rel, toRoot.resolve(rel), attrs);
        } else {
            ForkJoinPool pool = new ForkJoinPool(WALKERS);
            try {
                pool.invoke(m.folder(from, rel, toRoot.resolve(rel)));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } finally {
                pool.shutdownNow();
            }
        }
        counts[0] += m.linked.intValue();
        counts[1] += m.copied.intValue();
    }
}
