package dev.rollbackshell.backup;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.List;

/**
 * What differs between a backup and the project now, as project-relative paths (sorted):
 * files added since the backup, modified, and deleted. JSON: {@code {added, modified, deleted}}.
 */
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE) // isEmpty() is no field
public record Changes(List<String> added, List<String> modified, List<String> deleted) {

    public Changes {
        added = List.copyOf(added);
        modified = List.copyOf(modified);
        deleted = List.copyOf(deleted);
    }

    public static Changes none() {
        return new Changes(List.of(), List.of(), List.of());
    }

    @com.fasterxml.jackson.annotation.JsonIgnore // not a field of the JSON document {added, modified, deleted}
    public boolean isEmpty() {
        return added.isEmpty() && modified.isEmpty() && deleted.isEmpty();
    }

    public int count() {
        return added.size() + modified.size() + deleted.size();
    }

    /** Every changed path, added, modified and deleted together, sorted. */
    public List<String> all() {
        List<String> all = new ArrayList<>(added);
        all.addAll(modified);
        all.addAll(deleted);
        all.sort(null);
        return all;
    }
}
