package com.videogenie.avatar.storage;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.options.ListContainerOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3-compatible server (s3proxy over an in-memory blob store) on a free loopback port, with
 * signature checking on, for the lifetime of a test class.
 */
public final class TestS3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret-key";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    public TestS3Server() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public S3Settings settings() {
        return S3Settings.forEndpoint(endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    public void createBucket(String name) {
        context.getBlobStore().createContainerInLocation(null, name);
    }

    /** Keys in the bucket, straight from the blob store rather than through the code under test. */
    public List<String> keys(String bucket) {
        return context.getBlobStore().list(bucket, ListContainerOptions.Builder.recursive())
                .stream().map(m -> m.getName()).sorted().toList();
    }

    public byte[] bytes(String bucket, String key) throws IOException {
        try (var in = context.getBlobStore().getBlob(bucket, key).getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    public void put(String bucket, String key, byte[] bytes) {
        var store = context.getBlobStore();
        store.putBlob(bucket, store.blobBuilder(key).payload(bytes).contentLength(bytes.length).build());
    }

    public void delete(String bucket, String key) {
        context.getBlobStore().removeBlob(bucket, key);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
