package dev.rollbackshell.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The data files one data check found: each parsed or not, with its record count. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataResult(String id, String glob, String format, List<DataFile> files) {

    public DataResult {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** One data file: project-relative path, whether it parsed, its records, the parse error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataFile(String path, boolean parsed, Integer records, String error) {
    }
}
