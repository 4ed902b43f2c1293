package com.videogenie.avatar.http;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads for the service's background work, which must never keep the JVM alive. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
