package com.videogenie.avatar.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TorchScript export loaded once per process on DJL's PyTorch engine. Jobs open a short-lived
 * {@link Predictor} each (predictors are not shared between threads); the model stays until
 * {@link #close}. It counts the frames and the calls it has run, for the benchmark and the tests.
 */
public final class TorchScriptModel implements AutoCloseable {
    private static final String ENGINE = "PyTorch";

    private final String name;
    private final ZooModel<NDList, NDList> model;
    private final Device device;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong uploadedBytes = new AtomicLong();
    private final AtomicLong uploadNanos = new AtomicLong();
    private final AtomicLong downloadedBytes = new AtomicLong();
    private final AtomicLong downloadNanos = new AtomicLong();

    private TorchScriptModel(String name, ZooModel<NDList, NDList> model, Device device) {
        this.name = name;
        this.model = model;
        this.device = device;
    }

    /** Loads {@code file} onto the device {@code settings} ask for; MODEL_UNAVAILABLE when it cannot. */
    public static TorchScriptModel load(String name, Path file, NeuralSettings settings) {
        Device device = device(settings.device());
        try {
            ZooModel<NDList, NDList> model = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(file)
                    .optEngine(ENGINE)
                    .optDevice(device)
                    .build()
                    .loadModel();
            return new TorchScriptModel(name, model, device);
        } catch (Exception e) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE, "cannot load " + file + " as TorchScript: "
                    + e.getMessage(), e);
        }
    }

    /** CUDA when asked for or, with {@code auto}, when the engine sees a GPU; else the CPU. */
    static Device device(String wanted) {
        if (wanted.equals("cpu")) {
            return Device.cpu();
        }
        int gpus = Engine.getEngine(ENGINE).getGpuCount();
        if (gpus > 0) {
            return Device.gpu();
        }
        if (wanted.equals("cuda")) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                    "AVATAR_DEVICE=cuda, but the PyTorch engine finds no CUDA device (is this the GPU image?)");
        }
        return Device.cpu();
    }

    public String name() {
        return name;
    }

    public Device device() {
        return device;
    }

    /** A predictor for one job; close it when the job ends. */
    public Predictor<NDList, NDList> newPredictor() {
        return model.newPredictor();
    }

    /** Runs one batch of {@code frames} frames through {@code predictor}. */
    public NDList run(Predictor<NDList, NDList> predictor, NDList inputs, int batch) {
        try {
            NDList outputs = predictor.predict(inputs);
            frames.addAndGet(batch);
            calls.incrementAndGet();
            return outputs;
        } catch (TranslateException e) {
            throw new AvatarException(ErrorCode.INTERNAL_ERROR, name + " failed: " + e.getMessage(), e);
        }
    }

    /** Frames run since loading. */
    public long framesRun() {
        return frames.get();
    }

    /** Network calls (batches) since loading. */
    public long callsRun() {
        return calls.get();
    }

    /**
     * {@code values[0..length)} as a float tensor of {@code shape} on {@code manager}'s device, the
     * host-to-device copy timed for the benchmark.
     */
    public NDArray upload(NDManager manager, float[] values, int length, Shape shape) {
        long start = System.nanoTime();
        NDArray array = manager.create(FloatBuffer.wrap(values, 0, length), shape);
        uploadNanos.addAndGet(System.nanoTime() - start);
        uploadedBytes.addAndGet(4L * length);
        return array;
    }

    /** A float tensor's values on the host, the device-to-host copy timed for the benchmark. */
    public float[] download(NDArray array) {
        long start = System.nanoTime();
        float[] values = array.toFloatArray();
        downloadNanos.addAndGet(System.nanoTime() - start);
        downloadedBytes.addAndGet(4L * values.length);
        return values;
    }

    /** Bytes copied host to device and back through {@link #upload} and {@link #download}, and the time taken. */
    public record Transfers(long uploadedBytes, long uploadNanos, long downloadedBytes, long downloadNanos) {
    }

    public Transfers transfers() {
        return new Transfers(uploadedBytes.get(), uploadNanos.get(), downloadedBytes.get(), downloadNanos.get());
    }

    /** A manager for one job's tensors on this model's device; close it when the job ends. */
    public NDManager newManager() {
        return NDManager.newBaseManager(device);
    }

    @Override
    public void close() {
        model.close();
    }
}
