package com.videogenie.avatar.storage;

import java.util.Optional;

/**
 * A small record an adapter keeps beside a job's video (as {@code <video><suffix>}, a file or an
 * object), so that it outlives the process: any pod that later sees the job can read it. Used for
 * callbacks still owed when a pod stops.
 */
public interface JobNote {
    /** Writes the note whole, replacing an earlier one; a reader never sees half of it. */
    void write(byte[] bytes);

    /** The note, or empty when there is none. */
    Optional<byte[]> read();

    /** Removes the note; nothing happens when there is none. */
    void delete();

    /** Where the note is, for logs and to tell two notes apart. */
    String location();
}
