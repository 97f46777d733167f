package uk.pilotline.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs mongo-java-server for Pilotline's dev and test environments, where no real mongod can be installed.
 *
 * <p>It exists because the stock launcher takes no port and reports wire version 8, which the mongodb driver
 * under mongoose 9 refuses (it needs at least 9). This one reports MongoDB 7.0 (wire version 21).
 *
 * <p>Contract, relied on by server/src/db/local-mongo.ts:
 * <ul>
 *   <li>{@code java -jar pilotline-mongo-server.jar --host 127.0.0.1 --port 27017 --backend memory|h2
 *       [--file path/to/db.mv] [--ignore-stdin-eof]}; {@code --port 0} binds a free port.</li>
 *   <li>Once listening, stdout gets exactly one line {@code PILOTLINE_MONGO_READY <host>:<port>}; logs go to stderr.</li>
 *   <li>A failure to start prints one stderr line {@code PILOTLINE_MONGO_ERROR <CODE> <message>} and exits non-zero
 *       (2 for bad arguments, 1 otherwise).</li>
 *   <li>SIGTERM, SIGINT and EOF on stdin all shut down cleanly; closing the H2 store flushes it to disk.
 *       Watching stdin means the server never outlives a parent that died without signalling it.</li>
 * </ul>
 */
public final class PilotlineMongoServer {

    static final String READY_PREFIX = "PILOTLINE_MONGO_READY ";
    static final String ERROR_PREFIX = "PILOTLINE_MONGO_ERROR ";

    private static final String USAGE = "usage: java -jar pilotline-mongo-server.jar --backend memory|h2"
            + " [--host 127.0.0.1] [--port 27017] [--file path/to/db.mv] [--ignore-stdin-eof]";

    /** MongoDB 7.0: the oldest version still supported by the drivers we use, and what production runs. */
    static final MongoVersion MONGO_7_0 = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(7, 0, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 21;
        }
    };

    private PilotlineMongoServer() {
    }

    public static void main(String[] args) {
        quietLogging();

        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args);
        } catch (IllegalArgumentException e) {
            exitWithError("BAD_ARGUMENTS", e.getMessage() + " (" + USAGE + ")", 2);
            return;
        }

        MongoBackend backend = openBackend(options);
        backend.version(MONGO_7_0);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = bind(server, options);

        AtomicBoolean stopped = new AtomicBoolean(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.compareAndSet(false, true)) {
                // shutdownNow also closes the backend, which for H2 commits and closes the MVStore file.
                server.shutdownNow();
            }
        }, "pilotline-mongo-shutdown"));

        System.out.println(READY_PREFIX + formatHostPort(address));
        System.out.flush();

        if (options.ignoreStdinEof) {
            waitForever();
        } else {
            waitForStdinEof(System.in);
            System.exit(0);
        }
    }

    /**
     * Must run before the first logger is created: slf4j-simple reads these properties once.
     * Each default can still be overridden with {@code -D} on the java command line.
     */
    private static void quietLogging() {
        setPropertyUnlessGiven("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // This class warns once per non-unique index it declines to build. Queries stay correct (they scan),
        // and every mongoose model declares such indexes, so the warning would drown everything else.
        setPropertyUnlessGiven("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.backend.AbstractMongoDatabase", "error");
        // Every failed command (e.g. a racing "create" answered with NamespaceExists) is logged here with a stack
        // trace, although the same error and message already go back to the client, whose driver raises them.
        setPropertyUnlessGiven("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler", "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static void setPropertyUnlessGiven(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private static MongoBackend openBackend(LauncherOptions options) {
        if (options.backend == Backend.MEMORY) {
            return new Mongo7MemoryBackend();
        }
        Path dataFile = options.dataFile.toAbsolutePath();
        try {
            Path parent = dataFile.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            exitWithError("DATA_FILE_UNWRITABLE", "cannot create the directory for " + dataFile + ": " + e, 1);
        }
        if (Files.exists(dataFile) && !Files.isWritable(dataFile)) {
            exitWithError("DATA_FILE_UNWRITABLE", "data file is not writable: " + dataFile, 1);
        }
        try {
            return new Mongo7H2Backend(dataFile.toString());
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                exitWithError("DATA_FILE_LOCKED", "data file is in use by another process: " + dataFile, 1);
            }
            if (e.getErrorCode() == DataUtils.ERROR_FILE_CORRUPT) {
                exitWithError("DATA_FILE_CORRUPT", "data file is corrupt: " + dataFile + ": " + e.getMessage(), 1);
            }
            exitWithError("DATA_FILE_UNWRITABLE", "cannot open data file " + dataFile + ": " + e.getMessage(), 1);
        } catch (RuntimeException e) {
            exitWithError("DATA_FILE_UNWRITABLE", "cannot open data file " + dataFile + ": " + e, 1);
        }
        throw new AssertionError("unreachable");
    }

    private static InetSocketAddress bind(MongoServer server, LauncherOptions options) {
        try {
            server.bind(options.host, options.port);
            return server.getLocalAddress();
        } catch (Exception e) {
            // Netty rethrows the checked BindException without declaring it, hence the broad catch.
            server.shutdownNow();
            String where = options.host + ":" + options.port;
            if (isAddressInUse(e)) {
                exitWithError("PORT_IN_USE", "port " + options.port + " is already in use (" + where + ")", 1);
            }
            exitWithError("BIND_FAILED", "cannot listen on " + where + ": " + e, 1);
            throw new AssertionError("unreachable");
        }
    }

    private static boolean isAddressInUse(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof BindException && message.toLowerCase().contains("in use")) {
                return true;
            }
        }
        return false;
    }

    static String formatHostPort(InetSocketAddress address) {
        String host = address.getAddress() instanceof Inet6Address
                ? "[" + address.getHostString() + "]"
                : address.getHostString();
        return host + ":" + address.getPort();
    }

    private static void waitForStdinEof(InputStream stdin) {
        byte[] discard = new byte[256];
        try {
            while (stdin.read(discard) != -1) {
                // Input is ignored: stdin is only a lifeline to the parent process.
            }
        } catch (IOException e) {
            // A broken stdin means the parent is gone just as surely as EOF does.
        }
    }

    private static void waitForever() {
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void exitWithError(String code, String message, int exitStatus) {
        System.err.println(ERROR_PREFIX + code + " " + message.replace('\n', ' '));
        System.err.flush();
        System.exit(exitStatus);
    }

    enum Backend {
        MEMORY, H2
    }

    static final class LauncherOptions {
        String host = "127.0.0.1";
        int port = 27017;
        Backend backend;
        Path dataFile;
        boolean ignoreStdinEof;

        static LauncherOptions parse(String[] args) {
            LauncherOptions options = new LauncherOptions();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--host" -> options.host = valueOf(args, ++i, flag);
                    case "--port" -> options.port = parsePort(valueOf(args, ++i, flag));
                    case "--backend" -> options.backend = parseBackend(valueOf(args, ++i, flag));
                    case "--file" -> options.dataFile = Path.of(valueOf(args, ++i, flag));
                    case "--ignore-stdin-eof" -> options.ignoreStdinEof = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + flag + "'");
                }
            }
            if (options.backend == null) {
                throw new IllegalArgumentException("--backend is required");
            }
            if (options.backend == Backend.H2 && options.dataFile == null) {
                throw new IllegalArgumentException("--backend h2 needs --file");
            }
            if (options.backend == Backend.MEMORY && options.dataFile != null) {
                throw new IllegalArgumentException("--file only applies to --backend h2");
            }
            return options;
        }

        private static String valueOf(String[] args, int index, String flag) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[index];
        }

        private static int parsePort(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // fall through to the same message as an out-of-range port
            }
            throw new IllegalArgumentException("--port must be 0-65535, got '" + text + "'");
        }

        private static Backend parseBackend(String text) {
            return switch (text) {
                case "memory" -> Backend.MEMORY;
                case "h2" -> Backend.H2;
                default -> throw new IllegalArgumentException("--backend must be memory or h2, got '" + text + "'");
            };
        }
    }

    /** The super-call each backend hands to {@link HelloCommand}, since the two backends share no common subclass. */
    @FunctionalInterface
    interface CommandHandler {
        Document handle(Channel channel, String databaseName, String command, Document query);
    }

    /**
     * mongo-java-server answers only the legacy isMaster handshake. Drivers switch to {@code hello} once a server
     * says {@code helloOk}, and modern drivers may send it first, so answer it with the same facts.
     *
     * <p>Deliberately no {@code logicalSessionTimeoutMinutes}: its absence tells drivers that sessions are
     * unsupported, which is true of mongo-java-server, so they send no lsid.
     */
    static final class HelloCommand {
        private HelloCommand() {
        }

        static Document handle(Channel channel, String databaseName, String command, Document query,
                               CommandHandler backend) {
            if (command.equalsIgnoreCase("hello")) {
                Document legacy = backend.handle(channel, databaseName, "ismaster", query);
                Document hello = new Document("isWritablePrimary", Boolean.TRUE);
                legacy.forEach((key, value) -> {
                    if (!key.equals("ismaster")) {
                        hello.put(key, value);
                    }
                });
                return hello;
            }
            Document response = backend.handle(channel, databaseName, command, query);
            if (command.equalsIgnoreCase("ismaster") && isTruthy(query.get("helloOk"))) {
                response.put("helloOk", Boolean.TRUE);
            }
            return response;
        }

        private static boolean isTruthy(Object value) {
            return Boolean.TRUE.equals(value) || (value instanceof Number number && number.doubleValue() != 0);
        }
    }

    static final class Mongo7MemoryBackend extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            return HelloCommand.handle(channel, databaseName, command, query, super::handleCommand);
        }
    }

    static final class Mongo7H2Backend extends H2Backend {
        Mongo7H2Backend(String fileName) {
            super(fileName);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            return HelloCommand.handle(channel, databaseName, command, query, super::handleCommand);
        }
    }
}
