package com.videogenie.avatar.http;

import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.options.ListContainerOptions;

/** A real S3-compatible server (s3proxy, in-memory) on a free loopback port, signatures checked. */
final class TestS3Server implements AutoCloseable {
    static final String ACCESS_KEY = "http-test-access";
    static final String SECRET_KEY = "http-test-secret";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    TestS3Server() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    void createBucket(String name) {
        context.getBlobStore().createContainerInLocation(null, name);
    }

    void put(String bucket, String key, byte[] bytes) {
        var store = context.getBlobStore();
        store.putBlob(bucket, store.blobBuilder(key).payload(bytes).contentLength(bytes.length).build());
    }

    List<String> keys(String bucket) {
        return context.getBlobStore().list(bucket, ListContainerOptions.Builder.recursive()).stream()
                .map(m -> m.getName()).sorted().toList();
    }

    byte[] bytes(String bucket, String key) throws java.io.IOException {
        try (var in = context.getBlobStore().getBlob(bucket, key).getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
