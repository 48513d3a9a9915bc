package dev.rollbackshell.remote;

import dev.rollbackshell.check.CommandRunner;
import dev.rollbackshell.check.ProcessResult;
import dev.rollbackshell.project.Names;
import dev.rollbackshell.project.RollbackException;
import java.io.File;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.SystemReader;

/**
 * Which remote a command talks to, how it authenticates and how its failures read.
 * A name is looked up in the repository's git config ({@code git remote -v}); a URL or a
 * path to a repository is taken as it is. Credentials are the user's own: https asks
 * git's credential helpers ({@code git credential fill}, never a prompt), ssh runs the
 * user's {@code ssh} (agent, {@code ~/.ssh/config}, known hosts). Nothing is ever asked
 * for or stored here.
 */
final class Remotes {

    static final String DEFAULT = "origin";

    /** A remote: its name (or the URL itself, when given one) and where it points. */
    record Target(String name, String url, boolean configured) {

        /** What JGit is told: the config's name (so its settings apply), or the URL. */
        String spec() {
            return configured ? name : url;
        }

        String describe() {
            return configured ? name + " (" + url + ")" : url;
        }

        /** A name for the remote-tracking refs of this remote. */
        String refName() {
            return configured ? name : "url-" + Integer.toHexString(url.hashCode());
        }
    }

    private Remotes() {
    }

    static {
        useTheUsersSsh();
    }

    /** The remote named (default {@code origin}), or a refusal (exit 2) that names those there are. */
    static Target resolve(Repository repo, Path projectRoot, String nameOrUrl) {
        String want = nameOrUrl == null || nameOrUrl.isBlank() ? DEFAULT : nameOrUrl.strip();
        List<String> names = new ArrayList<>(repo.getRemoteNames());
        names.sort(null);
        if (names.contains(want)) {
            String url = repo.getConfig().getString("remote", want, "url");
            if (url == null) {
                throw RollbackException.badInput("the git remote " + want + " has no URL; set one with"
                        + " 'git remote set-url " + want + " URL'");
            }
            return new Target(want, url, true);
        }
        if (want.contains("://") || want.matches("[\\w.-]+@[\\w.-]+:.*")) {
            return new Target(want, want, false);
        }
        Path local = projectRoot.resolve(want).normalize();
        if (Files.isDirectory(local)) {
            return new Target(local.toString(), local.toString(), false);
        }
        String known = names.isEmpty() ? "; this repository has no remotes: add one with 'git remote add "
                + DEFAULT + " URL', or give a URL or the path of a repository"
                : Names.didYouMean(want, names) + "; the remotes here: " + String.join(", ", names)
                        + " ('git remote -v'); or give a URL or the path of a repository";
        throw RollbackException.badInput("no git remote " + want + known);
    }

    /**
     * A failure to talk to the remote as one line; exit 2 (nothing changed here), or exit 1
     * when what arrived was damaged.
     */
    static RollbackException failure(String verb, Target t, Throwable e) {
        String why = rootMessage(e);
        String lower = why.toLowerCase(Locale.ROOT);
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CorruptObjectException || c instanceof MissingObjectException) {
                return RollbackException.problem("what " + t.describe() + " sent is damaged (" + why
                        + "); nothing was " + verb + "ed; repair or re-push the remote's backups", e);
            }
            if (c instanceof UnknownHostException) {
                return RollbackException.badInput("cannot reach " + t.describe() + ": unknown host " + c.getMessage()
                        + "; check the network and the remote's URL; nothing was " + verb + "ed");
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException
                    || c instanceof SocketTimeoutException) {
                return RollbackException.badInput("cannot reach " + t.describe() + " (" + why
                        + "); check the network and that the server runs; nothing was " + verb + "ed");
            }
            if (c instanceof NoRemoteRepositoryException) {
                return RollbackException.badInput(t.describe() + " is not a git repository one can " + verb
                        + " to (" + why + "); check the URL ('git remote -v')");
            }
        }
        if (lower.contains("connection refused") || lower.contains("unknown host") || lower.contains("timed out")
                || lower.contains("network is unreachable") || lower.contains("could not resolve")) {
            return RollbackException.badInput("cannot reach " + t.describe() + " (" + why
                    + "); check the network and the remote's URL; nothing was " + verb + "ed");
        }
        if (lower.contains("auth") || lower.contains("not authorized") || lower.contains("permission denied")
                || lower.contains("credentials") || lower.matches("(?s).*(?<![\\d:.])40[13](?!\\d).*")) {
            return RollbackException.badInput(t.describe() + " refused the credentials (" + why + "); make 'git "
                    + verb + "' work without a prompt (a credential helper, the ssh agent) and try again;"
                    + " nothing was " + verb + "ed");
        }
        if (lower.contains("corrupt") || lower.contains("missing") || lower.contains("inflat")
                || lower.contains("crc") || lower.contains("zlib") || lower.contains("invalid")) {
            return RollbackException.problem("what " + t.describe() + " sent is damaged (" + why
                    + "); nothing was " + verb + "ed; repair or re-push the remote's backups", e);
        }
        return RollbackException.badInput("git " + verb + " with " + t.describe() + " failed (" + why
                + "); nothing was " + verb + "ed");
    }

    static String rootMessage(Throwable e) {
        String last = null;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                last = c.getMessage();
            }
        }
        String m = last == null ? e.getClass().getSimpleName() : last;
        return m.lines().findFirst().orElse(m).strip();
    }

    /**
     * JGit speaks ssh through an external program when {@code GIT_SSH} names one; without
     * it JGit has no ssh of its own here. So, unless the user chose a program, the
     * system's {@code ssh} is used: the user's agent, keys, config and known hosts.
     */
    private static void useTheUsersSsh() {
        SystemReader current = SystemReader.getInstance();
        if (current.getenv("GIT_SSH") != null || findOnPath("ssh") == null) {
            return;
        }
        String ssh = findOnPath("ssh");
        SystemReader.setInstance(new SystemReader.Delegate(current) {
            @Override
            public String getenv(String variable) {
                return "GIT_SSH".equals(variable) ? ssh : super.getenv(variable);
            }
        });
    }

    private static String findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /**
     * https user name and password from git's credential helpers ({@code git credential
     * fill}, run with prompts switched off): what {@code git push} itself would use. Never
     * asks, never stores.
     */
    static final class GitCredentials extends CredentialsProvider {

        private final Path dir;
        private final Map<String, String[]> cache = new HashMap<>();

        GitCredentials(Path dir) {
            this.dir = dir;
        }

        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public boolean supports(CredentialItem... items) {
            for (CredentialItem i : items) {
                if (!(i instanceof CredentialItem.Username) && !(i instanceof CredentialItem.Password)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
            String[] up = fill(uri);
            if (up == null) {
                return false;
            }
            for (CredentialItem i : items) {
                if (i instanceof CredentialItem.Username u) {
                    u.setValue(up[0]);
                } else if (i instanceof CredentialItem.Password p) {
                    p.setValue(up[1].toCharArray());
                } else {
                    throw new UnsupportedCredentialItem(uri, i.getPromptText());
                }
            }
            return true;
        }

        /** {user, password} from the helpers, or null when they have none. */
        String[] fill(URIish uri) {
            String key = uri.toString();
            if (cache.containsKey(key)) {
                return cache.get(key);
            }
            StringBuilder in = new StringBuilder();
            if (uri.getScheme() != null) {
                in.append("protocol=").append(uri.getScheme()).append('\n');
            }
            if (uri.getHost() != null) {
                in.append("host=").append(uri.getHost()).append(uri.getPort() > 0 ? ":" + uri.getPort() : "").append('\n');
            }
            if (uri.getPath() != null && !uri.getPath().isEmpty()) {
                in.append("path=").append(uri.getPath().replaceFirst("^/", "")).append('\n');
            }
            if (uri.getUser() != null) {
                in.append("username=").append(uri.getUser()).append('\n');
            }
            in.append('\n');
            Map<String, String> env = new HashMap<>();
            env.put("RS_CREDENTIAL_QUERY", in.toString());
            env.put("GIT_TERMINAL_PROMPT", "0");
            env.put("GIT_ASKPASS", "");
            env.put("SSH_ASKPASS", "");
            ProcessResult r = CommandRunner.run(List.of("sh", "-c",
                    "printf '%s' \"$RS_CREDENTIAL_QUERY\" | git credential fill"), dir, env, 30);
            String[] up = null;
            if (r.ok()) {
                String user = null;
                String pass = null;
                for (String line : r.output().split("\n")) {
                    if (line.startsWith("username=")) {
                        user = line.substring(9);
                    } else if (line.startsWith("password=")) {
                        pass = line.substring(9);
                    }
                }
                if (user != null && pass != null) {
                    up = new String[] {user, pass};
                }
            }
            cache.put(key, up);
            return up;
        }
    }
}
