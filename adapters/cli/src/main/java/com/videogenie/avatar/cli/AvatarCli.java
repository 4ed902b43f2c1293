package com.videogenie.avatar.cli;

import com.videogenie.avatar.ErrorCode;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./avatar}: one sub-command per adapter. */
@Command(name = "avatar", mixinStandardHelpOptions = true, version = "avatar-renderer 0.1.0",
        description = "Turns one photo and a speech recording into a lip-synced talking-head MP4.",
        subcommands = {RenderCommand.class, ModelsCommand.class})
public final class AvatarCli {
    /** Exit code for bad input: the message names the problem. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for an internal failure. */
    public static final int EXIT_INTERNAL = 1;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs the command line with the given streams and environment; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new AvatarCli(), new CommandFactory(out, err, env));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> EXIT_INTERNAL);
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("avatar: " + e.getMessage());
            e.getCommandLine().usage(err);
            // Scripts read the last stdout line; a usage error is a bad request like any other.
            out.println(RenderCommand.errorJson(ErrorCode.INVALID_REQUEST, e.getMessage()));
            return EXIT_BAD_INPUT;
        });
        return cli.execute(args);
    }

    /** Hands the streams and environment to sub-commands, so tests run them in-process. */
    private record CommandFactory(PrintStream out, PrintStream err, Map<String, String> env)
            implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RenderCommand.class) {
                return type.cast(new RenderCommand(out, err, env));
            }
            if (type == ModelsCommand.class) {
                return type.cast(new ModelsCommand(out, err, env));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
