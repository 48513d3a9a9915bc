package dev.rollbackshell.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code status}: where the project stands against the selected backup (or the newest
 * complete one when none is selected). {@code project, plan, selectedBackup, changed,
 * diagnosis} are the stable JSON fields (README, "JSON").
 *
 * @param selectedBackup     the backup compared with, or null when there is none
 * @param selectedExplicitly false when no backup is selected and the newest was used
 * @param madeBy             {@code tool} or {@code manual} for the backup compared with
 * @param notCovered         protected folders the backup holds no copy of (not compared)
 * @param note               a hint when something is off (no backup, selected one gone)
 */
public record StatusReport(String project, String plan, String selectedBackup, Changes changed, JsonNode diagnosis,
        List<String> protectedFolders, boolean selectedExplicitly, String madeBy, List<String> notCovered,
        String note) {

    public static StatusReport of(Project project, BackupStore store, String plan, String selectedId,
            List<String> folders, JsonNode diagnosis) {
        String root = project.root().toString();
        Backup backup = null;
        String note = null;
        boolean explicit = false;
        if (selectedId != null) {
            Optional<Backup> found = store.find(selectedId);
            if (found.isPresent()) {
                backup = found.get();
                explicit = true;
            } else {
                note = "the selected backup " + selectedId + " no longer exists; choose one with 'backup select'";
            }
        }
        if (backup == null) {
            backup = store.latest().orElse(null);
            if (backup == null) {
                return new StatusReport(root, plan, null, Changes.none(), diagnosis, folders, false, null, folders,
                        note != null ? note : "no backup yet; make one with 'backup create'");
            }
        }
        Manifest manifest = store.manifest(backup);
        List<String> covered = new ArrayList<>();
        List<String> notCovered = new ArrayList<>();
        for (String f : folders) {
            if (backup.folders().contains(f) || manifest.skipped().contains(f)) {
                covered.add(f);
            } else {
                notCovered.add(f);
            }
        }
        Changes changes = ChangeDetector.compare(project, manifest, covered);
        return new StatusReport(root, plan, backup.id(), changes, diagnosis, folders, explicit, backup.madeBy(),
                notCovered, note);
    }
}
