package com.videogenie.avatar.storage;

import com.videogenie.avatar.EnvironmentValues;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How {@code s3://} URLs reach their storage. Credentials come from the AWS default provider chain
 * (environment, system properties, profile, web identity, container or instance role) unless given.
 *
 * @param endpoint           an S3-compatible endpoint such as MinIO ({@code AVATAR_S3_ENDPOINT}); null for AWS
 * @param region             {@code AVATAR_S3_REGION}, else {@code AWS_REGION}, else us-east-1
 * @param pathStyle          bucket in the path rather than the host name ({@code AVATAR_S3_PATH_STYLE};
 *                           default true when an endpoint is set, as MinIO needs)
 * @param presignExpiry      how long download links stay valid ({@code AVATAR_S3_PRESIGN_SECONDS}, default 3600)
 * @param multipartThreshold files larger than this upload in parts ({@code AVATAR_S3_MULTIPART_MB}, default 64)
 * @param partSize           size of each part ({@code AVATAR_S3_PART_MB}, default 16; S3 needs at least 5)
 * @param credentials        null for the default provider chain
 */
public record S3Settings(URI endpoint, String region, boolean pathStyle, Duration presignExpiry,
                         long multipartThreshold, long partSize, AwsCredentialsProvider credentials) {
    private static final long MB = 1L << 20;

    public S3Settings {
        if (partSize < 5 * MB || multipartThreshold < partSize) {
            throw new IllegalArgumentException("parts must be at least 5 MB and the multipart threshold at least one part");
        }
        if (presignExpiry.isNegative() || presignExpiry.isZero() || presignExpiry.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("presigned links may last from 1 second to 7 days");
        }
    }

    public static S3Settings fromEnvironment(Map<String, String> env) {
        String endpoint = env.get("AVATAR_S3_ENDPOINT");
        boolean custom = endpoint != null && !endpoint.isBlank();
        String region = first(env.get("AVATAR_S3_REGION"), env.get("AWS_REGION"), "us-east-1");
        String pathStyle = env.get("AVATAR_S3_PATH_STYLE");
        try {
            return new S3Settings(custom ? URI.create(endpoint.strip()) : null, region,
                    pathStyle == null || pathStyle.isBlank() ? custom : Boolean.parseBoolean(pathStyle.strip()),
                    Duration.ofSeconds(EnvironmentValues.number(env, "AVATAR_S3_PRESIGN_SECONDS", 3600)),
                    EnvironmentValues.number(env, "AVATAR_S3_MULTIPART_MB", 64) * MB,
                    EnvironmentValues.number(env, "AVATAR_S3_PART_MB", 16) * MB, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid AVATAR_S3_* setting: " + e.getMessage(), e);
        }
    }

    /** For an S3-compatible server with fixed credentials (tests, MinIO). */
    public static S3Settings forEndpoint(URI endpoint, AwsCredentialsProvider credentials) {
        return new S3Settings(endpoint, "us-east-1", true, Duration.ofHours(1), 64 * MB, 16 * MB, credentials);
    }

    public S3Settings withMultipart(long threshold, long part) {
        return new S3Settings(endpoint, region, pathStyle, presignExpiry, threshold, part, credentials);
    }

    public S3Settings withPresignExpiry(Duration expiry) {
        return new S3Settings(endpoint, region, pathStyle, expiry, multipartThreshold, partSize, credentials);
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

}
