package dev.rollbackshell.backup;

import static dev.rollbackshell.backup.BackupVerifier.MISSING;

import dev.rollbackshell.backup.BackupVerifier.Problem;
import dev.rollbackshell.project.Meter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * {@code backup verify --sample P}, for {@link BackupVerifier}: which files a sampled run
 * reads (a random {@code P} percent of those with a hash, at least one, like restic's
 * {@code --read-data-subset}), every other entry only looked for by name in its folder's
 * listing, names the manifest does not know reported as extra, and the files read kept to
 * be named in the report (docs/backups.md, "backup verify").
 */
final class SampledCheck {

    /** The share of files to read, 0 < percent <= 100. */
    final double samplePercent;
    private final Random random;
    private final List<String> read = Collections.synchronizedList(new ArrayList<>());

    SampledCheck(double samplePercent, Random random) {
        this.samplePercent = samplePercent;
        this.random = random;
    }

    /** The files read and hashed ({@code backup/path}), sorted. */
    List<String> read() {
        List<String> readSorted = new ArrayList<>(read);
        readSorted.sort(null);
        return readSorted;
    }

    /**
     * A sampled run: every entry's name is looked for in its folder's listing (one listing
     * per folder, no look at each file), names the manifest does not know are extra, and
     * only the chosen files are read: their type, size and content checked. An extra
     * folder is named once, not file by file. Changes to the size or type of a file not
     * read are left to a full run (docs/backups.md, "backup verify").
     */
    int check(Backup b, Manifest manifest, List<Problem> problems, CopyChecker copies) {
        List<ManifestEntry> entries = manifest.entries();
        Set<String> chosen = choose(entries);
        Set<String> gone = ListedNames.compare(b, manifest, problems, ListedNames.ExtraFolders.BY_NAME);
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
            copies.checkEntries(b, toCheck, problems, meter);
        }
        return entries.size();
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
}
