package dev.rollbackshell.check;

/**
 * Where long-running work says what it is doing (the shell prints it on stderr, so stdout
 * keeps only results).
 */
@FunctionalInterface
public interface Progress {

    Progress NONE = message -> {
    };

    void say(String message);
}
