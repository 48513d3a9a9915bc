package dev.rollbackshell.shell;

import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.jline.PromptProvider;

/** The REPL prompt: the project folder and the selected backup, {@code athena [20261126_101500]> }. */
@Configuration
public class PromptConfig {

    @Bean
    public PromptProvider rollbackPrompt(Workspace workspace) {
        return () -> {
            String selected;
            try {
                workspace.session().watch(); // what the session was when the REPL opened: a change later is told
                selected = workspace.session().load().selectedBackup();
            } catch (RuntimeException e) {
                selected = null;
            }
            AttributedStringBuilder b = new AttributedStringBuilder()
                    .append(workspace.project().root().getFileName().toString(),
                            AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN).bold());
            b.append(" [", AttributedStyle.DEFAULT);
            b.append(selected == null ? "no backup selected" : selected,
                    AttributedStyle.DEFAULT.foreground(selected == null ? AttributedStyle.YELLOW : AttributedStyle.GREEN));
            b.append("]> ", AttributedStyle.DEFAULT);
            return b.toAttributedString();
        };
    }
}
