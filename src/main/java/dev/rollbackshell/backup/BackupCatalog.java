package dev.rollbackshell.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only views of the backups for listing, showing and tab completion. Never hashes:
 * a hand-made backup is described from its files as they are (its hashes come on first
 * use by verify, status, diff or restore).
 */
public final class BackupCatalog {

    private final BackupStore store;

    public BackupCatalog(BackupStore store) {
        this.store = store;
    }

    /** Every backup, oldest first. */
    public List<BackupSummary> summaries(String selectedId) {
        List<BackupSummary> out = new ArrayList<>();
        for (Backup b : store.list()) {
            out.add(summary(b, selectedId));
        }
        return out;
    }

    public BackupSummary summary(Backup b, String selectedId) {
        boolean selected = b.id().equals(selectedId);
        String dir = b.dir().toString();
        if (!b.manual() && b.complete()) {
            try {
                Manifest m = store.manifest(b);
                return new BackupSummary(b.id(), m.phase(), b.madeBy(), true, m.files(), m.bytes(), m.newBytes(),
                        m.gitRef(), selected, m.createdAt(), m.message(), b.hasBaseline(), m.folders(), m.skipped(),
                        m.gitCommit(), dir, m.notCopied());
            } catch (RuntimeException e) {
                // unreadable after all: described from its files below, as incomplete
            }
        }
        long files = 0;
        long bytes = 0;
        try {
            for (String folder : b.folders()) {
                for (ManifestEntry e : TreeScanner.scan(b.dir().resolve(folder + BackupLayout.SUFFIX), folder, false)) {
                    if (!e.isDir()) {
                        files++;
                        bytes += e.size();
                    }
                }
            }
        } catch (IOException e) {
            // an unreadable backup shows what could be counted
        }
        boolean complete = b.manual() && b.complete();
        return new BackupSummary(b.id(), b.phase(), b.madeBy(), complete, files, bytes, bytes, b.gitRef(), selected,
                b.createdAt(), b.message(), b.hasBaseline(), b.folders(), List.of(), null, dir, List.of());
    }
}
