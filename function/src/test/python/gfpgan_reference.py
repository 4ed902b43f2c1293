#!/usr/bin/env python3
"""Independent reference of GFPGAN's alignment and paste-back as facexlib does them (upscale 1, no parsing).

Written from NEURAL.md section 4 with numpy and torch only, sharing no code with the Java side: the
similarity fit to the FFHQ 5-point template (here by solving the linear least-squares system for
a, b, tx, ty), OpenCV-style warps (integer pixel centres, constant borders), the network's input and
output conversions, the 2x2 erosion, the edge width, the second erosion, the Gaussian blur (OpenCV's
sigma for the size, mirrored border) and the blend, rounded (facexlib truncates; the renderer rounds, see GfpganPass). It reads a folder the Java test wrote:

    points.txt      per frame the 5 points in template order: x1 y1 ... x5 y5
    frame_NNN.ppm   the frames
and writes out_NNN.ppm and affine.txt (per frame the frame-to-template matrix a b c d e f).

Usage: python3 gfpgan_reference.py FOLDER GFPGAN.pt
"""
import os
import sys

import numpy as np
import torch

from ppm import read_ppm, write_ppm

TEMPLATE = np.array([[192.98138, 239.94708], [318.90277, 240.19360], [256.63416, 314.01935],
                     [201.26117, 371.41043], [313.08905, 371.15118]])
BORDER_RGB = np.array([132.0, 133.0, 135.0])  # facexlib's (135, 133, 132) is BGR


def similarity(points):
    rows, rhs = [], []
    for (x, y), (u, v) in zip(points, TEMPLATE):
        rows.append([x, -y, 1, 0])
        rhs.append(u)
        rows.append([y, x, 0, 1])
        rhs.append(v)
    a, b, tx, ty = np.linalg.lstsq(np.array(rows), np.array(rhs), rcond=None)[0]
    return np.array([[a, -b, tx], [b, a, ty]])


def warp(image, to_source, width, height, border):
    """dst(u, v) = bilinear src(to_source . (u, v)); neighbours outside the source read `border`."""
    h, w = image.shape[:2]
    u, v = np.meshgrid(np.arange(width), np.arange(height))
    x = to_source[0, 0] * u + to_source[0, 1] * v + to_source[0, 2]
    y = to_source[1, 0] * u + to_source[1, 1] * v + to_source[1, 2]
    x0, y0 = np.floor(x).astype(int), np.floor(y).astype(int)
    fx, fy = (x - x0)[..., None], (y - y0)[..., None]

    def at(xi, yi):
        inside = ((xi >= 0) & (yi >= 0) & (xi < w) & (yi < h))[..., None]
        return np.where(inside, image[np.clip(yi, 0, h - 1), np.clip(xi, 0, w - 1)], border)

    top = (1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)
    bottom = (1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1)
    return (1 - fy) * top + fy * bottom


def erode(mask, side):
    if side <= 1:
        return mask
    before, after = side // 2, side - 1 - side // 2
    h, w = mask.shape
    padded = np.pad(mask, ((before, after), (before, after)), constant_values=np.inf)
    out = np.full_like(mask, np.inf)
    for dy in range(side):
        for dx in range(side):
            out = np.minimum(out, padded[dy:dy + h, dx:dx + w])
    return out


def blur(mask, taps):
    if taps <= 1:
        return mask
    sigma = 0.3 * ((taps - 1) * 0.5 - 1) + 0.8
    r = taps // 2
    kernel = np.exp(-((np.arange(taps) - r) ** 2) / (2 * sigma * sigma))
    kernel /= kernel.sum()
    padded = np.pad(mask, r, mode="reflect")  # numpy's reflect is OpenCV's BORDER_REFLECT_101
    h, w = mask.shape
    rows = sum(kernel[i] * padded[:, i:i + w] for i in range(taps))
    return sum(kernel[i] * rows[i:i + h, :] for i in range(taps))


def main():
    folder, network = sys.argv[1:3]
    net = torch.jit.load(network)
    lines = open(os.path.join(folder, "points.txt")).read().splitlines()
    affines = []
    for k, line in enumerate(lines):
        points = np.array(list(map(float, line.split()))).reshape(5, 2)
        frame = read_ppm(os.path.join(folder, "frame_%03d.ppm" % k)).astype(np.float64)
        h, w = frame.shape[:2]
        forward = similarity(points)
        affines.append(" ".join("%.9g" % v for v in forward.flatten()))
        full = np.vstack([forward, [0, 0, 1]])
        backward = np.linalg.inv(full)[:2]
        aligned = warp(frame, backward, 512, 512, BORDER_RGB)
        x = torch.from_numpy(((aligned / 255.0 - 0.5) / 0.5).astype(np.float32).transpose(2, 0, 1)[None])
        with torch.no_grad():
            y = net(x)[0].clamp(-1, 1)
        restored = np.rint(((y + 1) / 2 * 255).numpy()).transpose(1, 2, 0).astype(np.float64)
        back = warp(restored, forward, w, h, np.zeros(3))
        mask = warp(np.ones((512, 512, 1)), forward, w, h, np.zeros(1))[..., 0]
        mask = erode(mask, 2)
        edge = int(mask.sum() ** 0.5) // 20
        soft = blur(erode(mask, 2 * edge), 2 * edge + 1)[..., None]
        out = soft * (mask[..., None] * back) + (1 - soft) * frame
        write_ppm(os.path.join(folder, "out_%03d.ppm" % k), np.clip(np.floor(out + 0.5), 0, 255))
    with open(os.path.join(folder, "affine.txt"), "w") as f:
        f.write("\n".join(affines) + "\n")


if __name__ == "__main__":
    main()
