package dev.rollbackshell.backup;

import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code backup verify}: re-hashes a backup's copies against its manifest and reports
 * what is missing, modified, unreadable or extra. A file shared by several backups (hard
 * links) is read once per run. A hand-made backup has no manifest: it is hashed on first
 * use and later runs compare with those hashes. A sampled run ({@link #sample}) reads only
 * a random share of the files (every name is looked for in its folder's listing) and names
 * the files it read.
 */
public final class BackupVerifier {

    public static final String MISSING = "missing";
    public static final String MODIFIED = "modified";
    public static final String UNREADABLE = "unreadable";
    public static final String EXTRA = "extra";
    public static final String DAMAGED = "damaged";
    /** The backup was deleted ({@code backup prune} in another run) while it was read: not damage. */
    public static final String DELETED = "deleted";

    /** One thing wrong; {@code problem} is one of the words above, {@code detail} says more. */
    public record Problem(String backup, String path, String problem, String detail) {
    }

    /**
     * The result; {@code ok}, {@code checked} and {@code problems} are the stable JSON fields.
     *
     * @param checked    entries (files, links, empty folders) compared with a manifest
     * @param backups    the backups verified
     * @param hashedNow  hand-made backups hashed for the first time by this run
     * @param samplePercent the share of files read, or null when every file was read
     * @param read       with a sample: the files read and hashed ({@code backup/path}), sorted
     */
    public record Report(boolean ok, int checked, List<Problem> problems, List<String> backups,
            List<String> hashedNow, Double samplePercent, List<String> read) {

        public Report(boolean ok, int checked, List<Problem> problems, List<String> backups, List<String> hashedNow) {
            this(ok, checked, problems, backups, hashedNow, null, null);
        }
    }

    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(1 << 18));
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Hashing::sha256);

    private final BackupStore store;
    private final int threads;
    /** Hashes by file identity (device and inode), so hard-linked copies are read once. */
    private final Map<Object, String> hashes = new ConcurrentHashMap<>();

    /** The share of files to read, 0 < percent <= 100; null reads every file. */
    private Double samplePercent;
    private Random random = new Random();
    private final List<String> read = Collections.synchronizedList(new ArrayList<>());

    public BackupVerifier(BackupStore store) {
        this.store = store;
        this.threads = Integer.getInteger(BackupService.THREADS_PROPERTY,
                Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Reads only a random {@code percent} of each backup's files (at least one), like
     * restic's {@code --read-data-subset}; the rest are looked for by name in their folders'
     * listings. A bad percent is refused (exit 2).
     */
    public BackupVerifier sample(double percent, Random random) {
        if (!(percent > 0 && percent <= 100)) {
            throw RollbackException.badInput("--sample takes a percentage above 0 and at most 100, e.g. --sample 5");
        }
        this.samplePercent = percent;
        this.random = random;
        return this;
    }

    public Report verify(List<Backup> backups) {
        List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
        List<String> hashedNow = new ArrayList<>();
        int checked = 0;
        for (Backup b : backups) {
            if (!b.complete()) {
                problems.add(new Problem(b.id(), BackupLayout.MANIFEST, DAMAGED,
                        "the manifest is missing or unreadable: this backup cannot be checked or trusted"));
                continue;
            }
            Manifest manifest;
            if (b.manual()) {
                boolean cached = Files.isRegularFile(store.project().state("manifests").resolve(b.id() + ".json"));
                try {
                    manifest = store.manifest(b);
                } catch (RollbackException e) {
                    problems.add(new Problem(b.id(), "", UNREADABLE, e.getMessage()));
                    continue;
                }
                if (!cached) {
                    hashedNow.add(b.id());
                }
            } else {
                try {
                    manifest = store.manifest(b);
                } catch (RollbackException e) {
                    problems.add(new Problem(b.id(), BackupLayout.MANIFEST, DAMAGED, e.getMessage()));
                    continue;
                }
            }
            checked += check(b, manifest, problems);
            if (!Files.isDirectory(b.dir())) {
                // pruned by another run while read (it renames a backup away first): its vanished files are no damage
                problems.removeIf(p -> p.backup().equals(b.id()));
                problems.add(new Problem(b.id(), "", DELETED, "deleted by another run ('backup prune') while it was"
                        + " verified; 'backup list' shows the backups there are"));
            }
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort((x, y) -> {
            int c = BackupStore.compareIds(x.backup(), y.backup());
            return c != 0 ? c : x.path().compareTo(y.path());
        });
        List<String> readSorted = null;
        if (samplePercent != null) {
            readSorted = new ArrayList<>(read);
            readSorted.sort(null);
        }
        return new Report(sorted.isEmpty(), checked, sorted, backups.stream().map(Backup::id).toList(), hashedNow,
                samplePercent, readSorted);
    }

    private int check(Backup b, Manifest manifest, List<Problem> problems) {
        List<ManifestEntry> entries = manifest.entries();
        if (samplePercent != null) {
            return checkSample(b, manifest, problems);
        }
        long toRead = 0;
        for (ManifestEntry e : entries) {
            if (e.isFile()) {
                toRead += e.size();
            }
        }
        try (Meter.Task meter = Meter.start("backup verify " + b.id(), "entries", entries.size(), toRead, false)) {
            checkEntries(b, entries, problems, meter);
        }
        findExtras(b, manifest, problems);
        return entries.size();
    }

    /**
     * A sampled run: every entry's name is looked for in its folder's listing (one listing
     * per folder, no look at each file), names the manifest does not know are extra, and
     * only the chosen files are read: their type, size and content checked. An extra
     * folder is named once, not file by file. Changes to the size or type of a file not
     * read are left to a full run (docs/backups.md, "backup verify").
     */
    private int checkSample(Backup b, Manifest manifest, List<Problem> problems) {
        List<ManifestEntry> entries = manifest.entries();
        Set<String> chosen = choose(entries);
        Set<String> gone = new HashSet<>();
        extraTopFolders(b, manifest, problems);
        Map<String, Set<String>> children = new TreeMap<>();
        for (ManifestEntry e : entries) {
            if (e.isDir()) {
                children.computeIfAbsent(e.path(), k -> new HashSet<>());
            }
            String p = e.path();
            for (int slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/')) {
                children.computeIfAbsent(p.substring(0, slash), k -> new HashSet<>()).add(p.substring(slash + 1));
                p = p.substring(0, slash);
            }
        }
        Set<String> unlisted = new HashSet<>();
        for (Map.Entry<String, Set<String>> f : children.entrySet()) {
            String folder = f.getKey();
            int up = folder.lastIndexOf('/');
            if (up > 0 && unlisted.contains(folder.substring(0, up))) {
                unlisted.add(folder); // its parent is gone: reported there
                continue;
            }
            Path copy = b.copyOf(folder);
            Set<String> names = copy == null ? null : new HashSet<>();
            if (copy != null) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(copy)) {
                    for (Path n : ds) {
                        names.add(n.getFileName().toString());
                    }
                } catch (NoSuchFileException | NotDirectoryException e) {
                    names = null;
                } catch (IOException e) {
                    problems.add(new Problem(b.id(), folder, UNREADABLE, Failures.describe(e)));
                    unlisted.add(folder);
                    continue;
                }
            }
            if (names == null) {
                unlisted.add(folder);
                for (String n : f.getValue()) {
                    gone.add(folder + "/" + n);
                }
                continue;
            }
            for (String n : f.getValue()) {
                if (!names.contains(n)) {
                    gone.add(folder + "/" + n);
                }
            }
            for (String n : names) {
                if (!f.getValue().contains(n)) {
                    problems.add(new Problem(b.id(), folder + "/" + n, EXTRA, "not in the manifest (added to the backup since)"));
                }
            }
        }
        for (String g : gone) {
            Path copy = b.copyOf(g);
            problems.add(new Problem(b.id(), g, MISSING, copy == null ? "its folder is not in the backup"
                    : "the copy is gone (" + b.dir().relativize(copy) + ")"));
        }
        List<ManifestEntry> toCheck = new ArrayList<>();
        long toRead = 0;
        for (ManifestEntry e : entries) {
            if (chosen.contains(e.path()) && !gone.contains(e.path())) {
                toCheck.add(e);
                toRead += e.size();
                read.add(b.id() + "/" + e.path());
            }
        }
        try (Meter.Task meter = Meter.start("backup verify " + b.id(), "files", toCheck.size(), toRead, false)) {
            checkEntries(b, toCheck, problems, meter);
        }
        return entries.size();
    }

    /** Checks {@code entries} (type, size, content) on the verifier's threads. */
    private void checkEntries(Backup b, List<ManifestEntry> entries, List<Problem> problems, Meter.Task meter) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < entries.size()) {
                ManifestEntry e = entries.get(i);
                String problem = checkEntry(b, e);
                meter.add(1, e.isFile() ? e.size() : 0);
                if (problem != null) {
                    int colon = problem.indexOf(':');
                    problems.add(new Problem(b.id(), e.path(), problem.substring(0, colon),
                            problem.substring(colon + 1).strip()));
                }
            }
        };
        if (threads <= 1 || entries.size() < 64) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "backup-verify");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    running.add(pool.submit(worker));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RollbackException.problem("verification interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                throw RollbackException.problem("verification failed: " + Failures.describe(e.getCause()), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The files a sampled run reads: a random {@code samplePercent} of those with a hash, at least one. */
    private Set<String> choose(List<ManifestEntry> entries) {
        List<String> files = new ArrayList<>();
        for (ManifestEntry e : entries) {
            if (!e.isDir() && !e.isLink() && e.sha256() != null) {
                files.add(e.path());
            }
        }
        int n = files.isEmpty() ? 0 : Math.max(1, (int) Math.round(files.size() * samplePercent / 100));
        Collections.shuffle(files, random);
        return new HashSet<>(files.subList(0, n));
    }

    /**
     * "kind: detail" for a broken entry, or null when the copy matches the manifest; the
     * content is hashed.
     */
    private String checkEntry(Backup b, ManifestEntry e) {
        Path copy = b.copyOf(e.path());
        if (copy == null) {
            return MISSING + ": its folder is not in the backup";
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(copy, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException ex) {
            return MISSING + ": the copy is gone (" + b.dir().relativize(copy) + ")";
        }
        if (e.isDir()) {
            return a.isDirectory() ? null : MODIFIED + ": was an empty folder, is not a folder now";
        }
        if (e.isLink()) {
            if (!a.isSymbolicLink()) {
                return MODIFIED + ": was a symbolic link, is not one now";
            }
            try {
                String target = Files.readSymbolicLink(copy).toString();
                return Objects.equals(target, e.link()) ? null
                        : MODIFIED + ": the link points to " + target + ", not " + e.link();
            } catch (IOException ex) {
                return UNREADABLE + ": " + Failures.describe(ex);
            }
        }
        if (!a.isRegularFile()) {
            return MODIFIED + ": was a file, is not a regular file now";
        }
        if (a.size() != e.size()) {
            return MODIFIED + ": " + a.size() + " bytes, the manifest says " + e.size();
        }
        if (e.sha256() == null) {
            return null;
        }
        String actual;
        try {
            Object key = a.fileKey();
            actual = key == null ? hash(copy) : hashes.get(key);
            if (actual == null) {
                actual = hash(copy);
                hashes.put(key, actual);
            }
        } catch (IOException ex) {
            return UNREADABLE + ": " + Failures.describe(ex);
        }
        return actual.equals(e.sha256()) ? null : MODIFIED + ": its content differs from the manifest (sha256)";
    }

    private static String hash(Path file) throws IOException {
        MessageDigest md = DIGESTS.get();
        md.reset();
        ByteBuffer buf = BUFFERS.get();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (true) {
                buf.clear();
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                md.update(buf.array(), 0, n);
            }
        }
        return Hashing.hex(md.digest());
    }

    /** Files, links and empty folders in the copies that the manifest does not know. */
    private static void findExtras(Backup b, Manifest manifest, List<Problem> problems) {
        Set<String> known = new HashSet<>();
        Set<String> parents = new HashSet<>(); // folders that hold known entries: never "extra" when emptied
        for (ManifestEntry e : manifest.entries()) {
            known.add(e.path());
            for (int i = e.path().indexOf('/'); i > 0; i = e.path().indexOf('/', i + 1)) {
                parents.add(e.path().substring(0, i));
            }
        }
        extraTopFolders(b, manifest, problems);
        for (String folder : b.folders()) {
            if (!listed(manifest, folder)) {
                continue;
            }
            Path top = b.dir().resolve(folder + BackupLayout.SUFFIX);
            try {
                Files.walkFileTree(top, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String rel = rel(dir);
                        if (!dir.equals(top) && !known.contains(rel) && !parents.contains(rel) && isEmpty(dir)) {
                            problems.add(new Problem(b.id(), rel, EXTRA, "not in the manifest (added to the backup since)"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        String rel = rel(file);
                        if (!known.contains(rel)) {
                            problems.add(new Problem(b.id(), rel, EXTRA, "not in the manifest (added to the backup since)"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        problems.add(new Problem(b.id(), rel(file), UNREADABLE, Failures.describe(exc)));
                        return FileVisitResult.CONTINUE;
                    }

                    private String rel(Path p) {
                        return folder + "/" + top.relativize(p).toString().replace('\\', '/');
                    }
                });
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(b.id(), folder + "/", UNREADABLE, Failures.describe(e)));
            }
        }
    }

    /** A backup folder ({@code src_backup}) that the manifest does not list is extra. */
    private static void extraTopFolders(Backup b, Manifest manifest, List<Problem> problems) {
        for (String folder : b.folders()) {
            if (!listed(manifest, folder)) {
                problems.add(new Problem(b.id(), folder + BackupLayout.SUFFIX, EXTRA, "a folder the manifest does not list"));
            }
        }
    }

    private static boolean listed(Manifest manifest, String folder) {
        return manifest.folders().isEmpty() || manifest.folders().contains(folder);
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
