package dev.rollbackshell.backup;

import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.RollbackException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * {@code backup verify}: re-hashes a backup's copies against its manifest and reports
 * what is missing, modified, unreadable or extra. A file shared by several backups (hard
 * links) is read once per run. A hand-made backup has no manifest: it is hashed on first
 * use and later runs compare with those hashes. A sampled run ({@link #sample}) reads only
 * a random share of the files (every name is looked for in its folder's listing) and names
 * the files it read: {@link SampledCheck}. The entries themselves are checked by
 * {@link CopyChecker}, and what the manifest does not know is found by the folders'
 * listings ({@link ListedNames}), in both runs.
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

    private final BackupStore store;
    private final CopyChecker copies;
    /** With {@code --sample}: the sampled run; null reads every file. */
    private SampledCheck sampled;

    public BackupVerifier(BackupStore store) {
        this.store = store;
        this.copies = new CopyChecker(Integer.getInteger(BackupService.THREADS_PROPERTY,
                Math.min(4, Runtime.getRuntime().availableProcessors())));
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
        this.sampled = new SampledCheck(percent, random);
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
        List<String> readSorted = sampled == null ? null : sampled.read();
        return new Report(sorted.isEmpty(), checked, sorted, backups.stream().map(Backup::id).toList(), hashedNow,
                sampled == null ? null : sampled.samplePercent, readSorted);
    }

    private int check(Backup b, Manifest manifest, List<Problem> problems) {
        List<ManifestEntry> entries = manifest.entries();
        if (sampled != null) {
            return sampled.check(b, manifest, problems, copies);
        }
        long toRead = 0;
        for (ManifestEntry e : entries) {
            if (e.isFile()) {
                toRead += e.size();
            }
        }
        try (Meter.Task meter = Meter.start("backup verify " + b.id(), "entries", entries.size(), toRead, false)) {
            copies.checkEntries(b, entries, problems, meter);
        }
        // the entries' own check finds what is missing; the listings what the manifest does not know
        ListedNames.compare(b, manifest, problems, ListedNames.ExtraFolders.EACH_FILE);
        return entries.size();
    }
}
