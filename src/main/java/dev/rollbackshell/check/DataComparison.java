package dev.rollbackshell.check;

import dev.rollbackshell.project.Globs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data files compared for {@link Compare}: each file read now against the same file in
 * the baseline (does not parse, fewer records), and the files that are gone (present in the
 * baseline, or, without a baseline of that data check, held by the backup).
 */
final class DataComparison {

    private final CheckReport base;
    private final CheckReport now;
    private final Set<String> backupPaths;

    DataComparison(CheckReport base, CheckReport now, Set<String> backupPaths) {
        this.base = base;
        this.now = now;
        this.backupPaths = backupPaths;
    }

    /** Data files missing, unparseable, or with fewer records than in the baseline. */
    List<String> problems() {
        List<String> lines = new ArrayList<>();
        for (DataResult d : now.dataOrEmpty()) {
            Map<String, DataResult.DataFile> before = new HashMap<>();
            boolean baseKnown = base != null && base.data(d.id()).isPresent();
            if (baseKnown) {
                base.data(d.id()).get().files().forEach(f -> before.put(f.path(), f));
            }
            Set<String> present = new HashSet<>();
            for (DataResult.DataFile f : d.files()) {
                present.add(f.path());
                DataResult.DataFile b = before.get(f.path());
                if (!f.parsed()) {
                    lines.add(f.path() + ": does not parse as " + d.format() + " (" + f.error() + ")"
                            + (b != null && !b.parsed() ? "; it did not in the baseline either" : ""));
                } else if (b != null && b.parsed() && b.records() != null && f.records() != null && f.records() < b.records()) {
                    lines.add(f.path() + ": " + f.records() + " records, " + b.records() + " in the baseline");
                }
            }
            Set<String> expected = new HashSet<>(before.keySet());
            if (!baseKnown) {
                for (String p : backupPaths) {
                    if (Globs.matches(d.glob(), p)) {
                        expected.add(p);
                    }
                }
            }
            expected.stream().filter(p -> !present.contains(p)).sorted()
                    .forEach(p -> lines.add(p + ": missing (" + (baseKnown ? "present in the baseline" : "in the backup") + ")"));
        }
        return Compare.cap(lines);
    }

    /** "2 files, 9 records" for the data read now. */
    String summary() {
        int files = 0;
        long records = 0;
        for (DataResult d : now.dataOrEmpty()) {
            for (DataResult.DataFile f : d.files()) {
                files++;
                records += f.records() == null ? 0 : f.records();
            }
        }
        return files + " files, " + records + " records";
    }
}
