package dev.rollbackshell.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.backup.Changes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules that widen the files candidate: what was deleted together comes back together. */
class CandidateRulesTest {

    private static final Changes CHANGES = new Changes(List.of("src/new.py"), List.of("src/x.py"), List.of(
            "src/pkg/__init__.py", "src/pkg/a.py", "src/pkg/sub/b.py", "src/other.py", "src/m.py", "src/m.pyi", "src/s.pyi",
            "src/s.py"));

    @Test
    void aDeletedPackageComesBackWholeAndAModuleWithItsStubEitherWay() {
        Map<String, String> t = Suggester.deletedTogether(Set.of("src/pkg/__init__.py", "src/m.py", "src/s.pyi"), CHANGES);
        assertThat(t.keySet()).containsExactlyInAnyOrder("src/pkg/a.py", "src/pkg/sub/b.py", "src/m.pyi", "src/s.py");
        assertThat(t.get("src/pkg/a.py")).contains("deleted with the package src/pkg/");
        assertThat(t.get("src/m.pyi")).isEqualTo("it was deleted together with src/m.py");
    }

    @Test
    void onlyDeletedFilesWidenTheCandidateAndAnUnrelatedDeletionStaysOut() {
        assertThat(Suggester.deletedTogether(Set.of("src/x.py"), CHANGES)).isEmpty();
        assertThat(Suggester.deletedTogether(Set.of("src/pkg/a.py"), CHANGES)).isEmpty();
        assertThat(Suggester.deletedTogether(Set.of("src/pkg/__init__.py"), CHANGES)).doesNotContainKey("src/other.py");
    }
}
