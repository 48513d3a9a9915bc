package dev.rollbackshell.restore;

import dev.rollbackshell.project.RollbackException;

/**
 * Where a restore reads from, as the user named it: a backup ({@code --from ID} or
 * {@code latest}), a git ref ({@code --git REF}), or, when neither is given, the selected
 * backup of the session (else the newest one).
 *
 * @param backup   a backup id or {@code latest}, or null
 * @param git      a git ref, or null
 * @param selected the session's selected backup id (used when both others are null), or null
 */
public record SourceRef(String backup, String git, String selected) {

    public SourceRef {
        if (backup != null && git != null) {
            throw RollbackException.badInput("give either --from ID (a backup) or --git REF, not both");
        }
    }

    public static SourceRef backup(String idOrLatest) {
        return new SourceRef(idOrLatest, null, null);
    }

    public static SourceRef git(String ref) {
        return new SourceRef(null, ref, null);
    }

    /** The session's selected backup, or the newest one when none is selected. */
    public static SourceRef selected(String selectedId) {
        return new SourceRef(null, null, selectedId);
    }

    /** From command options: {@code --from}, {@code --git}, else the selected backup. */
    public static SourceRef of(String from, String git, String selected) {
        if (from != null && git != null) {
            throw RollbackException.badInput("give either --from ID (a backup) or --git REF, not both");
        }
        return git != null ? git(git) : from != null ? backup(from) : selected(selected);
    }

    public boolean isGit() {
        return git != null;
    }
}
