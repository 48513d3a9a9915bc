package dev.rollbackshell.app;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupCatalog;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.BackupSummary;
import dev.rollbackshell.check.Baseline;
import dev.rollbackshell.check.Baselines;
import dev.rollbackshell.check.Progress;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.remote.RemoteState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code backup list} and {@code backup show}: each backup's summary with what the
 * capabilities below know of it, which {@code backup} itself cannot know: where it was
 * fetched from ({@code remote}) and whether its baseline says the project was already
 * broken ({@code check}). Reads only; never hashes.
 */
public final class BackupOverview {

    /**
     * One backup. In JSON the summary's fields come first, as {@code backup list} always
     * printed them, then {@code fetchedFrom} (fetched backups only) and
     * {@code baselineUnhealthy} (only when its baseline failed).
     *
     * @param fetched           where {@code backup fetch} brought it from; null for one made here
     * @param baselineUnhealthy why its baseline says the project was already broken; empty when healthy or none
     */
    public record Row(@JsonUnwrapped BackupSummary summary, @JsonIgnore RemoteState.Fetched fetched,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> baselineUnhealthy) {

        @JsonProperty("fetchedFrom")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public String fetchedFrom() {
            return fetched == null ? null : fetched.remote();
        }

        public boolean unhealthy() {
            return !baselineUnhealthy.isEmpty();
        }
    }

    private final Project project;
    private final BackupStore backups;
    private final Baselines baselines;

    public BackupOverview(Project project, BackupStore backups, Supplier<Plan> plan, Progress progress) {
        this.project = project;
        this.backups = backups;
        this.baselines = new Baselines(project, plan, progress);
    }

    /** Every backup, oldest first; {@code selectedId} is marked. */
    public List<Row> list(String selectedId) {
        RemoteState remotes = RemoteState.load(project);
        List<Row> out = new ArrayList<>();
        for (BackupSummary s : new BackupCatalog(backups).summaries(selectedId)) {
            out.add(row(s, remotes));
        }
        return out;
    }

    /** One backup; {@code selectedId} is marked. */
    public Row show(Backup b, String selectedId) {
        return row(new BackupCatalog(backups).summary(b, selectedId), RemoteState.load(project));
    }

    private Row row(BackupSummary s, RemoteState remotes) {
        List<String> unhealthy = !s.hasBaseline() ? List.of()
                : backups.find(s.id()).flatMap(baselines::stored).map(Baseline::unhealthy).orElse(List.of());
        return new Row(s, remotes.fetched().get(s.id()), unhealthy);
    }
}
