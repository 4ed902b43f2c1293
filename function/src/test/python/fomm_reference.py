#!/usr/bin/env python3
"""Independent reference of the First Order Motion Model's pre- and post-processing, for the parity test.

Written from models/NEURAL facts (the demo's crop and resize, normalize_kp with adapt_movement_scale,
rint to uint8) and from the renderer's documented paste-back, with numpy and torch only, sharing no
code with the Java side. It reads a folder the Java test wrote:

    crop.txt             "left top side" of the square face crop, in frame pixels
    source.ppm           the portrait frame the face comes from
    driving_NNN.ppm      driving frames, same size; the output is pasted onto each
and writes out_NNN.ppm and keypoints.txt (per driving frame: the relative keypoints, 10 x (x y), then
the relative Jacobians, 10 x (a b c d), one frame per line).

Usage: python3 fomm_reference.py FOLDER KP_DETECTOR.pt GENERATOR.pt
"""
import glob
import os
import sys

import numpy as np
import torch

from ppm import read_ppm, write_ppm

SIZE = 256
FEATHER_INNER = 0.75  # mask radius (of the crop's half side) inside which the network's face is kept whole


def mirror(index, n):
    """scipy.ndimage 'mirror' boundary: d c b | a b c d | c b a."""
    if n == 1:
        return np.zeros_like(index)
    period = 2 * (n - 1)
    index = np.abs(index) % period
    return np.where(index > n - 1, period - index, index)


def gaussian_1d(image, sigma, axis):
    if sigma <= 0:
        return image
    radius = int(4.0 * sigma + 0.5)
    taps = np.arange(-radius, radius + 1)
    weights = np.exp(-0.5 * (taps / sigma) ** 2)
    weights /= weights.sum()
    n = image.shape[axis]
    out = np.zeros_like(image)
    for tap, weight in zip(taps, weights):
        out += weight * np.take(image, mirror(np.arange(n) + tap, n), axis=axis)
    return out


def resize(image, out_h, out_w):
    """skimage.transform.resize with anti-aliasing: Gaussian of sigma (scale-1)/2 per axis, then bilinear."""
    h, w = image.shape[:2]
    sy, sx = h / out_h, w / out_w
    image = gaussian_1d(image, max(0.0, (sy - 1) / 2), 0)
    image = gaussian_1d(image, max(0.0, (sx - 1) / 2), 1)
    y = (np.arange(out_h) + 0.5) * sy - 0.5
    x = (np.arange(out_w) + 0.5) * sx - 0.5
    y0 = np.floor(y).astype(int)
    x0 = np.floor(x).astype(int)
    fy = (y - y0)[:, None, None]
    fx = (x - x0)[None, :, None]
    ya, yb = mirror(y0, h), mirror(y0 + 1, h)
    xa, xb = mirror(x0, w), mirror(x0 + 1, w)
    top = image[ya][:, xa] * (1 - fx) + image[ya][:, xb] * fx
    bottom = image[yb][:, xa] * (1 - fx) + image[yb][:, xb] * fx
    return top * (1 - fy) + bottom * fy


def crop_tensor(frame, left, top, side):
    face = frame[top:top + side, left:left + side].astype(np.float64) / 255.0
    face = resize(face, SIZE, SIZE)
    return torch.from_numpy(face.astype(np.float32)).permute(2, 0, 1).unsqueeze(0)


def hull_area(points):
    """Area of the convex hull (monotone chain), as adapt_movement_scale takes it."""
    pts = sorted(map(tuple, points))

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    area = 0.0
    for i in range(len(hull)):
        x1, y1 = hull[i]
        x2, y2 = hull[(i + 1) % len(hull)]
        area += x1 * y2 - x2 * y1
    return abs(area) / 2


def feather(side):
    centre = (np.arange(side) + 0.5) / side * 2 - 1
    r = np.sqrt(centre[:, None] ** 2 + centre[None, :] ** 2)
    t = np.clip((1 - r) / (1 - FEATHER_INNER), 0, 1)
    return (t * t * (3 - 2 * t))[:, :, None]


def main():
    folder, kp_path, gen_path = sys.argv[1:4]
    detector = torch.jit.load(kp_path)
    generator = torch.jit.load(gen_path)
    left, top, side = map(int, open(os.path.join(folder, "crop.txt")).read().split())
    source = crop_tensor(read_ppm(os.path.join(folder, "source.ppm")), left, top, side)
    drives = sorted(glob.glob(os.path.join(folder, "driving_*.ppm")))
    mask = feather(side)
    lines = []
    with torch.no_grad():
        kp_source, jac_source = detector(source)
        kp_init = jac_init = None
        scale = 1.0
        for index, path in enumerate(drives):
            frame = read_ppm(path)
            kp_d, jac_d = detector(crop_tensor(frame, left, top, side))
            if kp_init is None:
                kp_init, jac_init = kp_d, jac_d
                scale = np.sqrt(hull_area(kp_source[0].double().numpy())) / np.sqrt(hull_area(kp_init[0].double().numpy()))
            value = (kp_d - kp_init) * scale + kp_source
            jacobian = torch.matmul(torch.matmul(jac_d, torch.inverse(jac_init)), jac_source)
            prediction = generator(source, value, jacobian, kp_source, jac_source)
            face = resize(prediction[0].permute(1, 2, 0).double().numpy(), side, side) * 255.0
            out = frame.astype(np.float64)
            region = out[top:top + side, left:left + side]
            out[top:top + side, left:left + side] = mask * face + (1 - mask) * region
            write_ppm(os.path.join(folder, "out_%03d.ppm" % index), np.clip(np.rint(out), 0, 255))
            lines.append(" ".join("%.7g" % v for v in list(value[0].flatten()) + list(jacobian[0].flatten())))
    with open(os.path.join(folder, "keypoints.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
