package com.videogenie.avatar;

import com.videogenie.avatar.input.FetchSettings;
import com.videogenie.avatar.storage.S3Settings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which remote locations a render may use and where it stages them.
 *
 * @param http         how {@code https:}/{@code http:} inputs are fetched; null refuses them
 * @param s3           how {@code s3://} inputs and outputs reach storage; null refuses them
 * @param workDir      parent of the per-job scratch folders ({@code AVATAR_WORK_DIR}, default
 *                     {@code $TMPDIR/avatar-renderer-work})
 * @param storeResults keep each result beside its video ({@code <video>.result.json}) and answer a
 *                     repeated job id from it (see {@code RenderAvatar.stored}); services do, the CLI does not
 */
public record StorageSettings(FetchSettings http, S3Settings s3, Path workDir, boolean storeResults) {
    /** Local files only: what the CLI and the defaults use. */
    public static final StorageSettings LOCAL_ONLY = new StorageSettings(null, null, null, false);

    public StorageSettings {
        workDir = workDir != null ? workDir.toAbsolutePath().normalize()
                : Path.of(System.getProperty("java.io.tmpdir"), "avatar-renderer-work");
    }

    /** Everything on, for a service: HTTP fetching behind the address guard, S3, and stored results. */
    public static StorageSettings fromEnvironment(Map<String, String> env) {
        String work = env.get("AVATAR_WORK_DIR");
        return new StorageSettings(FetchSettings.fromEnvironment(env), S3Settings.fromEnvironment(env),
                work == null || work.isBlank() ? null : Path.of(work.strip()), true);
    }

    public StorageSettings withHttp(FetchSettings settings) {
        return new StorageSettings(settings, s3, workDir, storeResults);
    }

    public StorageSettings withStoredResults(boolean store) {
        return new StorageSettings(http, s3, workDir, store);
    }
}
