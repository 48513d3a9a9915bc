package dev.rollbackshell.shell.render;

import dev.rollbackshell.history.FileHistory;
import dev.rollbackshell.project.Printable;
import dev.rollbackshell.remote.RemoteBackups;
import java.time.Instant;

/** Text for people of {@code backup push|fetch|list --remote|log}. */
public final class RemoteRender {

    private RemoteRender() {
    }

    public static String pushed(RemoteBackups.PushReport r) {
        StringBuilder out = new StringBuilder();
        long sent = r.backups().stream().filter(b -> b.status() == RemoteBackups.Sent.PUSHED).count();
        out.append("pushed to ").append(r.remote()).append(r.remote().equals(r.url()) ? "" : " (" + r.url() + ")")
                .append(": ").append(Sizes.plural(sent, "backup", "backups")).append(" sent, ")
                .append(r.backups().size() - sent).append(" already there; ")
                .append(Sizes.plural(r.objects(), "git object", "git objects")).append(" sent\n");
        Table t = Table.of("BACKUP", "COMMIT", "").indent("  ");
        for (RemoteBackups.PushedBackup b : r.backups()) {
            t.row(b.id(), b.commit().substring(0, 10),
                    b.status() == RemoteBackups.Sent.PUSHED ? "pushed" : "already there");
        }
        out.append(t.render());
        if (!r.branches().isEmpty()) {
            out.append("  safety branches: ").append(String.join(", ", r.branches())).append('\n');
        }
        return out.append("on another machine: 'backup fetch ").append(r.remote().equals(r.url()) ? r.url() : r.remote())
                .append("' brings them back\n").toString();
    }

    public static String fetched(RemoteBackups.FetchReport r) {
        StringBuilder out = new StringBuilder();
        out.append("fetched from ").append(r.remote()).append(r.remote().equals(r.url()) ? "" : " (" + r.url() + ")")
                .append(": ").append(Sizes.plural(r.fetched().size(), "backup", "backups"));
        if (!r.alreadyHere().isEmpty()) {
            out.append(", ").append(r.alreadyHere().size()).append(" already here");
        }
        if (!r.refused().isEmpty()) {
            out.append(", ").append(r.refused().size()).append(" REFUSED");
        }
        out.append('\n');
        if (!r.fetched().isEmpty()) {
            Table t = Table.of("BACKUP", ">FILES", ">WRITTEN", ">LINKED", ">SIZE").indent("  ");
            for (RemoteBackups.FetchedBackup b : r.fetched()) {
                t.row(b.id(), Sizes.count(b.files()), Sizes.count(b.written()), Sizes.count(b.linked()),
                        Sizes.bytes(b.bytes()));
            }
            out.append(t.render());
            out.append("  every file checked against its manifest; LINKED: hard links to the same content in a"
                    + " backup already here\n");
        }
        for (RemoteBackups.Refused f : r.refused()) {
            out.append("REFUSED ").append(f.id()).append(": ")
                    .append(Sizes.plural(f.problems().size(), "file does", "files do"))
                    .append(" not match its manifest; nothing of it was kept\n");
            f.problems().stream().limit(20).forEach(p -> out.append("  ").append(Printable.name(p)).append('\n'));
            if (f.problems().size() > 20) {
                out.append("  ... and ").append(f.problems().size() - 20).append(" more\n");
            }
        }
        for (String s : r.skipped()) {
            out.append("skipped ").append(Printable.name(s)).append('\n');
        }
        if (r.fetched().isEmpty() && r.refused().isEmpty() && r.skipped().isEmpty()) {
            out.append(r.alreadyHere().isEmpty() ? "the remote holds no backups ('backup push' sends them)\n"
                    : "nothing new: every backup of the remote is here\n");
        }
        return out.toString();
    }

    public static String remoteList(RemoteBackups.RemoteListing l, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append(l.remote()).append(l.remote().equals(l.url()) ? "" : " (" + l.url() + ")").append(" holds ")
                .append(Sizes.plural(l.backups().size(), "backup", "backups")).append('\n');
        if (l.backups().isEmpty()) {
            return out.append("push one with 'backup push ").append(l.remote()).append("'\n").toString();
        }
        Table t = Table.of("ID", "PHASE", "AGE", ">FILES", "COMMIT", "HERE").indent("  ");
        for (RemoteBackups.RemoteBackup b : l.backups()) {
            t.row(b.id(), b.phase() == null ? "-" : b.phase(), b.createdAt() == null ? "-" : Ages.ago(b.createdAt(), now),
                    b.files() == null ? "-" : Sizes.count(b.files()), b.commit().substring(0, 10),
                    b.here() ? "yes" : "no ('backup fetch' brings it)");
        }
        return out.append(t.render()).toString();
    }

    public static String log(FileHistory.Log log) {
        StringBuilder out = new StringBuilder();
        long versions = log.versions().stream().filter(v -> v.source() != FileHistory.Source.PROJECT).count();
        out.append(Printable.name(log.path())).append(": ").append(Sizes.plural(versions, "version", "versions"))
                .append(" in the backups and git, ").append(Sizes.plural(log.distinct(), "distinct content",
                        "distinct contents")).append(", newest first\n");
        Table t = Table.of("", "SOURCE", "ID", "DATE", ">SIZE", "SHA-256", "CONTENT", "NOTE").indent("  ");
        for (FileHistory.Version v : log.versions()) {
            String content = v.deleted() ? "deleted" : "v" + v.version();
            if (v.current() && v.source() != FileHistory.Source.PROJECT) {
                content += " = current";
            } else if (v.source() == FileHistory.Source.PROJECT && !v.deleted()) {
                content += " current";
            }
            t.row(v.source() == FileHistory.Source.PROJECT ? ">" : v.current() ? "=" : "", v.source().json(), v.id(),
                    v.date() == null ? "-" : Ages.stamp(v.date()), v.size() == null ? "-" : Sizes.bytes(v.size()),
                    v.sha256() == null ? "-" : v.sha256().substring(0, 12), content,
                    v.note() == null ? "" : short50(v.note()));
        }
        out.append(t.render());
        return out.append("> the file now; = the same content.  Restore a version with 'restore file ")
                .append(Printable.name(log.path())).append(" --from ID' (a backup) or '--git COMMIT'\n").toString();
    }

    /** "tool, fetched from origin" and the like, for the MADE BY column: MADE BY, then where {@code backup fetch} brought it from ({@code remote}, null for a backup made here). */
    public static String madeBy(String madeBy, String remote) {
        return remote == null ? madeBy : madeBy + ", fetched from " + remote;
    }

    private static String short50(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() <= 50 ? line : line.substring(0, 49) + "…";
    }
}
