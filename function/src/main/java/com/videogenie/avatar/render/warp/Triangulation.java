package com.videogenie.avatar.render.warp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_imgproc.Subdiv2D;
import org.bytedeco.opencv.opencv_imgproc.Vec6fVector;

/** Delaunay triangulation of the rest control points (OpenCV's Subdiv2D), computed once per job. */
final class Triangulation {
    private Triangulation() {
    }

    /** Vertex indices, three per triangle. */
    static int[] delaunay(float[] x, float[] y, int count) {
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            minX = Math.min(minX, x[i]);
            minY = Math.min(minY, y[i]);
            maxX = Math.max(maxX, x[i]);
            maxY = Math.max(maxY, y[i]);
        }
        Map<Long, Integer> index = new HashMap<>();
        int left = (int) Math.floor(minX) - 1;
        int top = (int) Math.floor(minY) - 1;
        try (Rect bounds = new Rect(left, top, (int) Math.ceil(maxX) + 2 - left, (int) Math.ceil(maxY) + 2 - top);
             Subdiv2D subdiv = new Subdiv2D(bounds);
             Vec6fVector triangles = new Vec6fVector()) {
            for (int i = 0; i < count; i++) {
                // Coincident landmarks (closed lips) would merge into one vertex; keep them apart.
                while (index.containsKey(key(x[i], y[i]))) {
                    x[i] += 0.01f;
                }
                index.put(key(x[i], y[i]), i);
                try (Point2f p = new Point2f(x[i], y[i])) {
                    subdiv.insert(p);
                }
            }
            subdiv.getTriangleList(triangles);
            int rows = (int) triangles.size();
            int[] out = new int[rows * 3];
            int n = 0;
            float[] v = new float[6];
            for (int r = 0; r < rows; r++) {
                triangles.get(r).get(v);
                Integer a = index.get(key(v[0], v[1]));
                Integer b = index.get(key(v[2], v[3]));
                Integer c = index.get(key(v[4], v[5]));
                // Triangles touching Subdiv2D's virtual outer vertices are not ours.
                if (a != null && b != null && c != null) {
                    out[n++] = a;
                    out[n++] = b;
                    out[n++] = c;
                }
            }
            return Arrays.copyOf(out, n);
        }
    }

    private static long key(float x, float y) {
        return ((long) Float.floatToIntBits(x) << 32) | (Float.floatToIntBits(y) & 0xFFFFFFFFL);
    }
}
