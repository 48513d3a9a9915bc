package dev.rollbackshell.restore;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a restore did, or with {@code dryRun} would do: {@code restore ... --json} prints it.
 *
 * @param action   {@code restore file} or {@code restore all}
 * @param written  files, links and folders written (or to write), with sizes and why
 * @param removed  what was (or would be) removed, with sizes and why
 * @param left     what was (or would be) left as it is: unchanged files, and files the
 *                 source does not have that are kept (without {@code --exact}, or ignored by git)
 * @param skipped  protected folders the source has no copy of (left as they are)
 * @param problems damaged copies in the source (a dry run lists them; a restore refuses)
 * @param journal  the journal entry of the restore ({@code undo} reverts it), null when nothing changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreReport(String action, SourceInfo source, List<String> paths, boolean exact, boolean dryRun,
        List<Item> written, List<Item> removed, List<Item> left, List<Skipped> skipped, List<Problem> problems,
        Summary summary, Integer journal) {

    public static final String UNCHANGED = "unchanged";

    /** The source: {@code kind} backup or git, its backup {@code id} or git {@code ref} and {@code commit}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceInfo(String kind, String id, String ref, String commit, String description) {
    }

    /** One path: {@code type} file, link or dir; {@code size} in bytes (files); {@code reason}. */
    public record Item(String path, String type, long size, String reason) {
    }

    public record Skipped(String folder, String reason) {
    }

    /** A damaged copy; {@code goodCopy} names another backup holding a good one, when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String path, String problem, String goodCopy) {
    }

    /**
     * Counts: files (and links) written, removed, unchanged, and left although the source
     * does not have them; bytes written and removed.
     */
    public record Summary(int written, int removed, int unchanged, int left, long bytesWritten, long bytesRemoved) {
    }

    public boolean changesNothing() {
        return written.isEmpty() && removed.isEmpty();
    }

    RestoreReport withJournal(Integer seq, boolean dry) {
        return new RestoreReport(action, source, paths, exact, dry, written, removed, left, skipped, problems, summary, seq);
    }

    RestoreReport withProblems(List<Problem> p) {
        return new RestoreReport(action, source, paths, exact, dryRun, written, removed, left, skipped, p, summary, journal);
    }
}
