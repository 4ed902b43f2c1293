#!/usr/bin/env python3
"""Independent reference of Wav2Lip's, Diff2Lip's and MuseTalk's audio features, crops, networks and paste-back.

Written from the facts in NEURAL.md (sections 2, 3 and 5) and MuseTalk's audio_processor.py with numpy
and torch only, sharing no code with
the Java side: the mel spectrogram from first principles (pre-emphasis, centred STFT with numpy's FFT,
Slaney mel filters built here, decibels, normalisation), each reference's mel chunk per frame, the
OpenCV-style bilinear crop, the network input layout, the DDIM loop, and the renderer's documented
feathered paste-back. It reads a folder the Java test wrote:

    config.txt       "MODEL FPS STEPS" (MODEL wav2lip, diff2lip or musetalk; STEPS for diff2lip)
    speech.f32       the speech, 16 kHz mono float32 little-endian
    frames.txt       per frame "INDEX X1 Y1 X2 Y2": its index in the video and its face box
    frame_NNN.ppm    those frames
    noise.f32        diff2lip: the job's noise [3,128,128] float32
and writes mel.f32 (the whole spectrogram [80,T] float32), chunks.txt (the reference's first mel
column for frames 0, 1, ... until it runs out of sound), schedule.txt (diff2lip: the kept steps for
1-100 steps, one line each), and out_NNN.ppm; for musetalk instead of the mel files: whisper_mel.f32
(the first segment's log-mel [80,3000]) and features.f32 (each listed frame's [50,384] audio input).

Usage: python3 lipsync_reference.py FOLDER NETWORK.pt   (musetalk: the folder holding its four exports)
"""
import math
import os
import sys

import numpy as np
import torch

from ppm import read_ppm, write_ppm

SR = 16000
N_FFT = 800
HOP = 200
BANDS = 80
COLUMNS = 16


def slaney_mel(hz):
    hz = np.asarray(hz, dtype=np.float64)
    linear = hz / (200.0 / 3)
    log = 15.0 + np.log(np.maximum(hz, 1e-10) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(hz >= 1000.0, log, linear)


def slaney_hz(mel):
    mel = np.asarray(mel, dtype=np.float64)
    linear = mel * (200.0 / 3)
    log = 1000.0 * np.exp((np.log(6.4) / 27.0) * (mel - 15.0))
    return np.where(mel >= 15.0, log, linear)


def mel_filters(fmin=55.0, fmax=7600.0):
    bins = np.linspace(0, SR / 2, N_FFT // 2 + 1)
    edges = slaney_hz(np.linspace(slaney_mel(fmin), slaney_mel(fmax), BANDS + 2))
    filters = np.zeros((BANDS, bins.size))
    for m in range(BANDS):
        lo, mid, hi = edges[m], edges[m + 1], edges[m + 2]
        up = (bins - lo) / (mid - lo)
        down = (hi - bins) / (hi - mid)
        filters[m] = np.maximum(0, np.minimum(up, down)) * (2.0 / (hi - lo))
    return filters


def melspectrogram(wav, pad_mode):
    y = np.append(wav[0], wav[1:] - 0.97 * wav[:-1]).astype(np.float64)
    y = np.pad(y, N_FFT // 2, mode=pad_mode)
    frames = 1 + (y.size - N_FFT) // HOP
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)
    spectrum = np.empty((N_FFT // 2 + 1, frames))
    for j in range(frames):
        spectrum[:, j] = np.abs(np.fft.rfft(y[j * HOP: j * HOP + N_FFT] * window))
    db = 20 * np.log10(np.maximum(1e-5, mel_filters() @ spectrum)) - 20
    return np.clip(8 * (db + 100) / 100 - 4, -4, 4)


def chunk_starts(model, fps, total):
    starts = []
    if model == "wav2lip":
        i = 0
        while True:
            start = int(i * (80.0 / fps))
            if start + COLUMNS > total:
                starts.append(total - COLUMNS)
                return starts
            starts.append(start)
            i += 1
    i = 0
    while True:
        start = int(80.0 * (max(i - 1, 0) / float(fps)))
        if start + COLUMNS > total:
            return starts
        starts.append(start)
        i += 1


def spaced(steps, trained=1000):
    for stride in range(1, trained):
        if len(range(0, trained, stride)) == steps:
            return list(range(0, trained, stride))
    if steps == 1:
        return [0]
    frac = (trained - 1) / (steps - 1)
    taken, at = [], 0.0
    for _ in range(steps):
        taken.append(round(at))
        at += frac
    return taken


def bilinear(image, out_h, out_w):
    """OpenCV INTER_LINEAR geometry in floating point: centres aligned, edges clamped."""
    h, w = image.shape[:2]

    def taps(src, dst):
        at = (np.arange(dst) + 0.5) * (src / dst) - 0.5
        left = np.floor(at).astype(int)
        frac = at - left
        frac = np.where(left < 0, 0.0, frac)
        left = np.where(left < 0, 0, left)
        frac = np.where(left >= src - 1, 0.0, frac)
        left = np.where(left >= src - 1, src - 1, left)
        return left, np.minimum(left + 1, src - 1), frac

    y0, y1, fy = taps(h, out_h)
    x0, x1, fx = taps(w, out_w)
    fy = fy[:, None, None]
    fx = fx[None, :, None]
    top = image[y0][:, x0] * (1 - fx) + image[y0][:, x1] * fx
    bottom = image[y1][:, x0] * (1 - fx) + image[y1][:, x1] * fx
    return top * (1 - fy) + bottom * fy


def smoothstep(t):
    t = np.clip(t, 0, 1)
    return t * t * (3 - 2 * t)


def feather(h, w):
    v = (np.arange(h) + 0.5) / h
    u = (np.arange(w) + 0.5) / w
    vertical = smoothstep((v - 0.5) / 0.14) * smoothstep((1 - v) / 0.08)
    horizontal = smoothstep(u / 0.14) * smoothstep((1 - u) / 0.14)
    return (vertical[:, None] * horizontal[None, :])[:, :, None]


def wav2lip(net, crop_rgb, mel):
    face = crop_rgb[:, :, ::-1] / 255.0  # BGR
    masked = face.copy()
    masked[48:] = 0
    x = np.concatenate([masked, face], axis=2).transpose(2, 0, 1)[None].astype(np.float32)
    m = mel[None, None].astype(np.float32)
    with torch.no_grad():
        out = net(torch.from_numpy(m), torch.from_numpy(x))[0].numpy()
    return np.floor(out.transpose(1, 2, 0) * np.float32(255.0))[:, :, ::-1]  # back to RGB


def alphas_cumprod():
    betas = np.linspace(1e-4, 0.02, 1000, dtype=np.float64)
    return np.cumprod(1 - betas)


def diff2lip(net, crop_rgb, mel, noise, steps):
    image = torch.from_numpy((crop_rgb / 127.5 - 1).transpose(2, 0, 1)[None].astype(np.float32))
    mask = torch.zeros(1, 1, 128, 128)
    mask[:, :, 64:] = 1
    cond = image * (1 - mask) + noise * mask
    kept = spaced(steps)
    abar = alphas_cumprod()[kept]
    x = noise.clone()
    mel_t = torch.from_numpy(mel[None].astype(np.float32))
    with torch.no_grad():
        for i in reversed(range(len(kept))):
            eps = net(x, torch.tensor([kept[i]], dtype=torch.long), cond, mask, image, mel_t)[:, :3]
            a = float(abar[i])
            prev = float(abar[i - 1]) if i > 0 else 1.0
            recip, recipm1 = math.sqrt(1 / a), math.sqrt(1 / a - 1)
            scaled = x * recip
            x0 = (scaled - eps * recipm1).clamp(-1, 1)
            eps_implied = (scaled - x0) / recipm1
            x = x0 * math.sqrt(prev) + eps_implied * math.sqrt(1 - prev)
        sample = x * mask + image * (1 - mask)
        out = ((sample + 1) / 2).clamp(0, 1)[0].numpy().transpose(1, 2, 0)
    return np.floor(out * np.float32(255.0))


def whisper_mel(segment):
    """HF WhisperFeatureExtractor: pad to 30 s, centred reflect STFT 400/160, power, slaney mel 0-8 kHz, log10."""
    n = 30 * SR
    x = np.zeros(n)
    x[:min(n, segment.size)] = segment[:n]
    x = np.pad(x, 200, mode="reflect")
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(400) / 400)
    frames = 1 + (x.size - 400) // 160
    power = np.empty((201, frames))
    for t in range(frames):
        power[:, t] = np.abs(np.fft.rfft(x[t * 160: t * 160 + 400] * window)) ** 2
    bins = np.linspace(0, SR / 2, 201)
    edges = slaney_hz(np.linspace(slaney_mel(0.0), slaney_mel(8000.0), 82))
    filters = np.zeros((80, 201))
    for m in range(80):
        lo, mid, hi = edges[m], edges[m + 1], edges[m + 2]
        filters[m] = np.maximum(0, np.minimum((bins - lo) / (mid - lo), (hi - bins) / (hi - mid))) * (2.0 / (hi - lo))
    log = np.log10(np.maximum(1e-10, filters @ power))[:, :-1]
    log = np.maximum(log, log.max() - 8.0)
    return (log + 4.0) / 4.0


def position_encoding(tokens=50, width=384):
    pe = torch.zeros(tokens, width)
    position = torch.arange(0, tokens, dtype=torch.float).unsqueeze(1)
    rate = torch.exp(torch.arange(0, width, 2).float() * (-math.log(10000.0) / width))
    pe[:, 0::2] = torch.sin(position * rate)
    pe[:, 1::2] = torch.cos(position * rate)
    return pe.numpy()


def musetalk(folder, networks, fps, wav, frames):
    whisper = torch.jit.load(os.path.join(networks, "musetalk_whisper.pt"))
    encoder = torch.jit.load(os.path.join(networks, "musetalk_vae_encoder.pt"))
    unet = torch.jit.load(os.path.join(networks, "musetalk_unet.pt"))
    decoder = torch.jit.load(os.path.join(networks, "musetalk_vae_decoder.pt"))
    segments = [wav[i:i + 30 * SR] for i in range(0, wav.size, 30 * SR)]
    states = []
    with torch.no_grad():
        for k, segment in enumerate(segments):
            mel = whisper_mel(segment)
            if k == 0:
                mel.astype("<f4").tofile(os.path.join(folder, "whisper_mel.f32"))
            states.append(whisper(torch.from_numpy(mel[None].astype(np.float32)))[0].numpy())
    feats = np.concatenate(states, axis=0)[: int(math.ceil(wav.size / 320))]  # [T,5,384], to the speech's end
    multiplier = 50 / fps
    pad = math.floor(multiplier)
    padded = np.concatenate([np.zeros((pad * 2, 5, 384)), feats, np.zeros((pad * 3 * 2 + 10, 5, 384))])
    pe = position_encoding()
    chunks = []
    for line in frames:
        index = int(line.split()[0])
        at = math.floor(index * multiplier)
        clip = padded[at: at + 10].reshape(50, 384) + pe
        chunks.append(clip.astype(np.float32))
    np.asarray(chunks, dtype="<f4").tofile(os.path.join(folder, "features.f32"))

    def network(crop_rgb, k):
        x = crop_rgb.transpose(2, 0, 1) / 255.0
        masked = x.copy()
        masked[:, 128:, :] = 0
        images = torch.from_numpy(((np.stack([masked, x]) - 0.5) / 0.5).astype(np.float32))
        with torch.no_grad():
            latents = encoder(images)
            joined = torch.cat([latents[0:1], latents[1:2]], dim=1)
            predicted = unet(joined, torch.from_numpy(chunks[k][None]))
            image = decoder(predicted)[0]
        return np.rint(((image / 2 + 0.5).clamp(0, 1) * 255).numpy()).transpose(1, 2, 0)

    return network


def main():
    folder, network = sys.argv[1:3]
    model, fps, steps = open(os.path.join(folder, "config.txt")).read().split()
    fps, steps = int(fps), int(steps)
    wav = np.fromfile(os.path.join(folder, "speech.f32"), dtype="<f4").astype(np.float64)
    lines = open(os.path.join(folder, "frames.txt")).read().splitlines()
    if model == "musetalk":
        generate = musetalk(folder, network, fps, wav, lines)
        paste(folder, lines, 256, lambda crop, k, index: generate(crop, k))
        return
    mel = melspectrogram(wav, "reflect" if model == "wav2lip" else "constant")
    mel.astype("<f4").tofile(os.path.join(folder, "mel.f32"))
    starts = chunk_starts(model, fps, mel.shape[1])
    with open(os.path.join(folder, "chunks.txt"), "w") as f:
        f.write("\n".join(map(str, starts)) + "\n")
    if model == "diff2lip":
        with open(os.path.join(folder, "schedule.txt"), "w") as f:
            for n in range(1, 101):
                f.write(" ".join(map(str, spaced(n))) + "\n")
    net = torch.jit.load(network)
    noise = None
    if model == "diff2lip":
        noise = torch.from_numpy(np.fromfile(os.path.join(folder, "noise.f32"), dtype="<f4").reshape(1, 3, 128, 128))

    def generate(crop, k, index):
        chunk = mel[:, starts[min(index, len(starts) - 1)]:][:, :COLUMNS]
        return wav2lip(net, crop, chunk) if model == "wav2lip" else diff2lip(net, crop, chunk, noise, steps)

    paste(folder, lines, 96 if model == "wav2lip" else 128, generate)


def paste(folder, lines, size, generate):
    for k, line in enumerate(lines):
        index, x1, y1, x2, y2 = map(int, line.split())
        frame = read_ppm(os.path.join(folder, "frame_%03d.ppm" % k)).astype(np.float64)
        crop = bilinear(frame[y1:y2, x1:x2], size, size)
        face = generate(crop, k, index)
        back = np.clip(np.floor(bilinear(face, y2 - y1, x2 - x1) + 0.5), 0, 255)
        mask = feather(y2 - y1, x2 - x1)
        region = frame[y1:y2, x1:x2]
        frame[y1:y2, x1:x2] = np.floor(mask * back + (1 - mask) * region + 0.5)
        write_ppm(os.path.join(folder, "out_%03d.ppm" % k), np.clip(frame, 0, 255))


if __name__ == "__main__":
    main()
