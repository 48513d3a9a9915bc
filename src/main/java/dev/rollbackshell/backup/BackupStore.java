package dev.rollbackshell.backup;

import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Names;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backups of a project as they are on disk: made by the tool (with a manifest) or by
 * hand with the runbook's {@code cp -r} commands (hashed on first use, cached under
 * {@code .rollback/manifests/}, the backup itself never touched). Folders under
 * construction are never listed.
 */
public final class BackupStore {

    public static final String LATEST = "latest";

    private final Project project;

    public BackupStore(Project project) {
        this.project = project;
    }

    public Project project() {
        return project;
    }

    /** All backups, oldest first. */
    public List<Backup> list() {
        Path root = project.backupRoot();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Backup> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (BackupLayout.isBackupId(name) && Files.isDirectory(dir)) {
                    try {
                        read(dir).ifPresent(out::add);
                    } catch (IOException e) {
                        // one unreadable backup must not block every command: listed as incomplete, verify names it
                        Instant idTime = Optional.ofNullable(BackupLayout.timeOf(name))
                                .map(t -> t.atZone(ZoneId.systemDefault()).toInstant()).orElse(null);
                        out.add(new Backup(name, dir, Backup.TOOL, null, idTime, null, List.of(), null, false, false));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list backups in " + root, e);
        }
        out.sort(Comparator.comparing(Backup::id, BackupStore::compareIds));
        return out;
    }

    /** Orders ids by time, then by their collision suffix ({@code _2} after the plain id). */
    public static int compareIds(String a, String b) {
        int c = a.substring(0, 15).compareTo(b.substring(0, 15));
        if (c != 0) {
            return c;
        }
        return Integer.compare(suffix(a), suffix(b));
    }

    private static int suffix(String id) {
        return id.length() > 16 ? Integer.parseInt(id.substring(16)) : 1;
    }

    public Optional<Backup> find(String id) {
        return list().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** The newest complete backup. */
    public Optional<Backup> latest() {
        List<Backup> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).complete()) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** A backup by id or {@code latest}; refuses (exit 2) an unknown one, naming the nearest. */
    public Backup resolve(String idOrLatest) {
        List<Backup> all = list();
        if (all.isEmpty()) {
            throw RollbackException.badInput("no backups in " + project.backupRoot()
                    + "; make one with 'backup create'");
        }
        if (idOrLatest == null || idOrLatest.isBlank() || LATEST.equals(idOrLatest)) {
            return latest().orElseThrow(() -> RollbackException.badInput(
                    "no complete backup; make one with 'backup create'"));
        }
        return all.stream().filter(b -> b.id().equals(idOrLatest)).findFirst()
                .orElseThrow(() -> RollbackException.badInput("no backup " + idOrLatest
                        + Names.didYouMean(idOrLatest, all.stream().map(Backup::id).toList())
                        + " ('backup list' shows them all)"));
    }

    /**
     * The selected backup if there is one, else the newest complete one; refuses when a
     * backup selected earlier is gone.
     */
    public Backup selectedOrLatest(String selectedId) {
        if (selectedId != null) {
            Optional<Backup> b = find(selectedId);
            if (b.isPresent()) {
                return b.get();
            }
            throw RollbackException.badInput("the selected backup " + selectedId
                    + " no longer exists; choose another with 'backup select latest' or 'backup list'");
        }
        return resolve(LATEST);
    }

    /** The manifest of a backup: read from the backup, or computed once for a hand-made one. */
    public Manifest manifest(Backup backup) {
        if (!backup.manual()) {
            try {
                return ManifestCodec.read(backup.manifestFile());
            } catch (IOException e) {
                // refused (exit 2, nothing changed): the backup's hashes cannot be trusted, and no default stands in for them
                Path m = backup.manifestFile();
                throw RollbackException.badInput("the manifest of backup " + backup.id() + " is damaged ("
                        + Failures.describe(e) + "); nothing was changed. Use another backup ('backup list', then"
                        + " '--from ID'), or, if you trust its copies, move the manifest aside so that the backup is"
                        + " hashed again as one made by hand: mv " + m + " " + m + ".damaged");
            }
        }
        Path cache = project.state("manifests").resolve(backup.id() + ".json");
        if (Files.isRegularFile(cache)) {
            try {
                return ManifestCodec.read(cache);
            } catch (IOException e) {
                // a damaged cache is recomputed below
            }
        }
        Manifest computed = computeManifest(backup);
        try {
            AtomicFiles.write(cache, ManifestCodec.write(computed));
        } catch (IOException e) {
            // the cache is an optimisation only
        }
        return computed;
    }

    /** Hashes the copies of a backup as they are now. */
    public Manifest computeManifest(Backup backup) {
        List<ManifestEntry> entries = new ArrayList<>();
        try {
            for (String folder : backup.folders()) {
                entries.addAll(TreeScanner.scan(backup.dir().resolve(folder + BackupLayout.SUFFIX), folder, true));
            }
        } catch (IOException e) {
            throw RollbackException.problem("cannot read backup " + backup.id() + ": " + Failures.describe(e));
        }
        long bytes = entries.stream().filter(ManifestEntry::isFile).mapToLong(ManifestEntry::size).sum();
        return new Manifest(Manifest.VERSION, backup.id(), backup.createdAt(), backup.phase(), backup.message(),
                backup.madeBy(), backup.folders(), List.of(), backup.gitRef(), null, bytes, entries);
    }

    private Optional<Backup> read(Path dir) throws IOException {
        String id = dir.getFileName().toString();
        List<String> folders = new ArrayList<>();
        try (Stream<Path> kids = Files.list(dir)) {
            kids.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(BackupLayout.SUFFIX) && n.length() > BackupLayout.SUFFIX.length())
                    .map(n -> n.substring(0, n.length() - BackupLayout.SUFFIX.length()))
                    .sorted()
                    .forEach(folders::add);
        }
        Path manifestFile = dir.resolve(BackupLayout.MANIFEST);
        boolean baseline = Files.isRegularFile(dir.resolve(BackupLayout.BASELINE));
        Instant idTime = Optional.ofNullable(BackupLayout.timeOf(id))
                .map(t -> t.atZone(ZoneId.systemDefault()).toInstant()).orElse(null);
        if (!Files.exists(manifestFile)) {
            if (folders.isEmpty()) {
                return Optional.empty(); // an empty folder (the runbook's mkdir alone) holds no backup
            }
            return Optional.of(new Backup(id, dir, Backup.MANUAL, null, idTime, null, folders, null, baseline, true));
        }
        try {
            Manifest m = readHeader(manifestFile);
            return Optional.of(new Backup(id, dir, Backup.TOOL, m.phase(), m.createdAt(), m.message(),
                    m.folders(), m.gitRef(), baseline, true));
        } catch (IOException e) {
            return Optional.of(new Backup(id, dir, Backup.TOOL, null, idTime, null, folders, null, baseline, false));
        }
    }

    /** A manifest's fields without its entries, so listing stays fast however big the backups. */
    static Manifest readHeader(Path file) throws IOException {
        return ManifestCodec.readHeader(file);
    }
}
