package dev.rollbackshell.shell;

import dev.rollbackshell.backup.BaselineRecorder;
import dev.rollbackshell.check.Baselines;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plan's core into the shell: the baseline {@code backup create} records. */
@Configuration
public class PlanConfig {

    /** Runs the active plan's checks on the project and writes {@code baseline.json} into the backup being made. */
    @Bean
    public BaselineRecorder baselineRecorder(Workspace ws, Console console) {
        return new Baselines(ws.project(), () -> ws.plan().plan(), console::info);
    }
}
