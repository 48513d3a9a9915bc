package dev.rollbackshell.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobsTest {

    final Globs runbook = new Globs(List.of("**/*.pyc", "**/__pycache__"));

    @Test
    void theRunbooksPatternsMatchAtAnyDepthAndInsideMatchingFolders() {
        assertThat(runbook.matches("src/a.pyc")).isTrue();
        assertThat(runbook.matches("src/pkg/deep/b.pyc")).isTrue();
        assertThat(runbook.matches("src/pkg/__pycache__")).isTrue();
        assertThat(runbook.matches("src/pkg/__pycache__/mod.cpython-311.opt-1.pyc")).isTrue();
        assertThat(runbook.matches("src/pkg/__pycache__/notes.txt")).isTrue();
        assertThat(runbook.matches("top.pyc")).isTrue();
        assertThat(runbook.matches("src/a.py")).isFalse();
        assertThat(runbook.matches("src/pyc")).isFalse();
        assertThat(runbook.matches("src/__pycache__x/a.py")).isFalse();
        assertThat(runbook.matchesItself("src/pkg/__pycache__/notes.txt")).isFalse();
    }

    @Test
    void aPatternWithoutSlashMatchesNamesAnywhere() {
        Globs g = new Globs(List.of("*.log", ".DS_Store"));
        assertThat(g.matches("data/logs/system.log")).isTrue();
        assertThat(g.matches("src/.DS_Store")).isTrue();
        assertThat(g.matches("src/log.py")).isFalse();
        assertThat(new Globs(List.of()).matches("src/a.pyc")).isFalse();
    }
}
