package dev.rollbackshell.restore;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.util.List;

/**
 * Source resolution for {@link Restorer}: what a {@link SourceRef} names (a backup by id,
 * the selected or the newest complete one, or a git ref), opened as a {@link Source};
 * refuses an unknown backup or ref, or an incomplete backup.
 */
final class SourceOpener {

    private final Project project;
    private final BackupStore backups;

    SourceOpener(Project project, BackupStore backups) {
        this.project = project;
        this.backups = backups;
    }

    /** Opens a source: refuses (exit 2) an unknown backup or ref, naming the nearest. */
    Source open(SourceRef ref) {
        if (ref.isGit()) {
            GitRepo repo = GitRepo.open(project);
            try {
                return new GitSource(project, repo, repo.resolve(ref.git()));
            } catch (RuntimeException e) {
                repo.close();
                throw e;
            }
        }
        Backup b = backup(ref);
        if (!b.complete()) {
            throw RollbackException.problem("backup " + b.id() + " is incomplete (its manifest is unreadable); check it with 'backup verify "
                    + b.id() + "' and restore from another backup");
        }
        return new BackupSource(project, b, ManifestCache.entries(project, backups, b));
    }

    /** The backup a ref names; the newest complete one from a single listing (each listing reads every manifest). */
    private Backup backup(SourceRef ref) {
        String id = ref.backup() != null ? ref.backup() : ref.selected();
        if (id != null && !BackupStore.LATEST.equals(id)) {
            return ref.backup() != null ? backups.resolve(id) : backups.selectedOrLatest(id);
        }
        List<Backup> all = backups.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).complete()) {
                return all.get(i);
            }
        }
        return backups.resolve(BackupStore.LATEST); // none: its message says what to do
    }
}
