package com.videogenie.avatar.storage;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Reads and writes objects in S3-compatible storage (AWS SDK v2). Uploads above the multipart
 * threshold go in parts, and an upload that fails part-way is aborted, so nothing half-written
 * stays behind. Thread-safe; one per process.
 */
public final class S3ObjectStore implements AutoCloseable {
    private final S3Settings settings;
    private final S3Client client;
    private final S3Presigner presigner;

    public S3ObjectStore(S3Settings settings) {
        this.settings = settings;
        var credentials = settings.credentials() != null ? settings.credentials()
                : DefaultCredentialsProvider.builder().build();
        S3Configuration style = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(style)
                // MinIO and other S3-compatible servers do not all accept the newer default checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        var presign = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(style);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
            presign.endpointOverride(settings.endpoint());
        }
        this.client = builder.build();
        this.presigner = presign.build();
    }

    /** Downloads an object into {@code target}, refusing one larger than {@code maxBytes}. */
    public void download(S3Location from, Path target, long maxBytes, String what) {
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(from.bucket()).key(from.key()));
             OutputStream out = Files.newOutputStream(target)) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                in.abort();
                throw new AvatarException(ErrorCode.INPUT_TOO_LARGE, what + ": " + from + " is larger than the "
                        + (maxBytes >> 20) + " MB accepted.");
            }
            in.transferTo(out);
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": no such object: " + from, e);
        } catch (S3Exception e) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": cannot read " + from + " (HTTP "
                    + e.statusCode() + ", " + e.awsErrorDetails().errorCode() + ").", e);
        } catch (SdkException | IOException e) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": cannot read " + from + ": " + e.getMessage(), e);
        }
    }

    /** Uploads a finished file; the object appears only once the upload is complete. */
    public void upload(Path file, S3Location to, String contentType) {
        try {
            long size = Files.size(file);
            if (size <= settings.multipartThreshold()) {
                client.putObject(b -> b.bucket(to.bucket()).key(to.key()).contentType(contentType),
                        RequestBody.fromFile(file));
            } else {
                uploadInParts(file, to, contentType);
            }
        } catch (S3Exception e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot write " + to + " (HTTP " + e.statusCode()
                    + ", " + e.awsErrorDetails().errorCode() + ").", e);
        } catch (SdkException | IOException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot write " + to + ": " + e.getMessage(), e);
        }
    }

    private void uploadInParts(Path file, S3Location to, String contentType) throws IOException {
        String uploadId = client.createMultipartUpload(b -> b.bucket(to.bucket()).key(to.key())
                .contentType(contentType)).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[(int) settings.partSize()];
            for (int number = 1; ; number++) {
                int n = in.readNBytes(buffer, 0, buffer.length);
                if (n == 0) {
                    break;
                }
                int partNumber = number;
                String etag = client.uploadPart(b -> b.bucket(to.bucket()).key(to.key()).uploadId(uploadId)
                        .partNumber(partNumber), RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, n))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            client.completeMultipartUpload(b -> b.bucket(to.bucket()).key(to.key()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(to.bucket()).key(to.key()).uploadId(uploadId));
            } catch (SdkException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    /** Fails fast, before a render, when the output bucket is missing or not ours to use. */
    public void checkBucket(S3Location location, String what) {
        try {
            client.headBucket(b -> b.bucket(location.bucket()));
        } catch (S3Exception e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, what + ": bucket " + location.bucket()
                    + (e.statusCode() == 404 ? " does not exist." : " is not accessible (HTTP " + e.statusCode() + ")."), e);
        } catch (SdkException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, what + ": cannot reach the storage for "
                    + location + ": " + e.getMessage(), e);
        }
    }

    /** Stores a small object in one request. */
    public void put(byte[] bytes, S3Location to, String contentType) {
        try {
            client.putObject(b -> b.bucket(to.bucket()).key(to.key()).contentType(contentType), RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot write " + to + " (HTTP " + e.statusCode()
                    + ", " + e.awsErrorDetails().errorCode() + ").", e);
        } catch (SdkException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot write " + to + ": " + e.getMessage(), e);
        }
    }

    /** A small object's bytes, or null when it (or its bucket) does not exist or is larger than {@code maxBytes}. */
    public byte[] readIfPresent(S3Location location, long maxBytes) {
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(location.bucket())
                .key(location.key()))) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                in.abort();
                return null;
            }
            return in.readAllBytes();
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot read " + location + " (HTTP "
                    + e.statusCode() + ", " + e.awsErrorDetails().errorCode() + ").", e);
        } catch (SdkException | IOException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /** Whether the object exists. */
    public boolean exists(S3Location location) {
        try {
            client.headObject(b -> b.bucket(location.bucket()).key(location.key()));
            return true;
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot look up " + location + " (HTTP "
                    + e.statusCode() + ").", e);
        } catch (SdkException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot look up " + location + ": " + e.getMessage(), e);
        }
    }

    /** Removes an object (nothing happens when there is none); used to take back a failed job's objects. */
    public void delete(S3Location location) {
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(location.key()));
        } catch (SdkException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot delete " + location + ": " + e.getMessage(), e);
        }
    }

    /** A time-limited HTTPS (or the endpoint's scheme) GET link to the object. */
    public URI presign(S3Location location) {
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(settings.presignExpiry())
                .getObjectRequest(g -> g.bucket(location.bucket()).key(location.key()))).url().toString());
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }
}
