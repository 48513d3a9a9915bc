package dev.rollbackshell.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void closeNamesAreProposedFarOnesAreNot() {
        List<String> commands = List.of("diagnose", "suggest", "undo", "verify", "backup list", "restore file");
        assertThat(Names.didYouMean("diagnos", commands)).isEqualTo("; did you mean diagnose?");
        assertThat(Names.didYouMean("udno", commands)).isEqualTo("; did you mean undo?"); // a swap is one slip
        assertThat(Names.didYouMean("backup lsit", commands)).isEqualTo("; did you mean backup list?");
        assertThat(Names.didYouMean("frobnicate", commands)).isEmpty();
        assertThat(Names.didYouMean("src/nonexistent.py", List.of("src/__init__.py", "src/main.py"))).isEmpty();
        assertThat(Names.didYouMean("src/utils/data_loadr.py", List.of("src/utils/data_loader.py")))
                .isEqualTo("; did you mean src/utils/data_loader.py?");
        assertThat(Names.didYouMean("20261126_06505", List.of("20261126_065059"))).contains("20261126_065059");
    }
}
