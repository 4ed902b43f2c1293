#!/usr/bin/env python3
"""Writes small stand-in networks with the exact signatures of the Wav2Lip, Diff2Lip and MuseTalk exports.

The real exports (export_lipsync.py) need the official checkpoints, which cannot be had here; these
take and give the same tensors (models/neural.properties), with random but fixed weights (seed 0),
and use every input (the audio changes the output, the masked half is filled in, the timestep
matters), so the Java loader, the mel windows, the crops, the DDIM loop, batching and paste-back can
be proven on them. Their output is noise-like, not a mouth.

    wav2lip.pt   forward(mel [B,1,80,16], face [B,6,96,96]) -> [B,3,96,96] in (0,1)
    diff2lip.pt  forward(x [N,3,128,128], t int64 [N], cond_img, mask [N,1,128,128], ref_img, mel [N,80,16])
                 -> [N,6,128,128] (noise estimate, variance)

    musetalk_whisper.pt      forward(mel [B,80,3000]) -> hidden states [B,1500,5,384]
    musetalk_vae_encoder.pt  forward(image [B,3,256,256] in [-1,1]) -> latents [B,4,32,32]
    musetalk_unet.pt         forward(latents [B,8,32,32], audio [B,50,384]) -> latents [B,4,32,32]
    musetalk_vae_decoder.pt  forward(latents [B,4,32,32]) -> image [B,3,256,256] in (-1,1)

Each file gets a .sha256 sidecar, as the real export scripts write.

Usage: python3 lipsync_standins.py OUT_FOLDER   (Debian: apt-get install python3-torch)
"""
import math
import torch
import torch.nn.functional as F
from torch import nn

import sidecar


class AudioEncoder(nn.Module):
    """A mel chunk [B,1,80,16] to one feature vector per frame."""

    def __init__(self, features: int):
        super().__init__()
        self.conv = nn.Conv2d(1, features, 3, stride=2, padding=1)

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        return F.adaptive_avg_pool2d(torch.relu(self.conv(mel)), 1)


class StandInWav2Lip(nn.Module):
    def __init__(self):
        super().__init__()
        self.audio = AudioEncoder(16)
        self.face = nn.Conv2d(6, 16, 3, padding=1)
        self.out = nn.Conv2d(16, 3, 3, padding=1)

    def forward(self, mel: torch.Tensor, face: torch.Tensor) -> torch.Tensor:
        h = torch.relu(self.face(face) + 4.0 * self.audio(mel))
        return torch.sigmoid(3.0 * self.out(h))


class StandInDiff2Lip(nn.Module):
    def __init__(self):
        super().__init__()
        self.audio = AudioEncoder(16)
        self.time = nn.Linear(16, 16)
        self.inp = nn.Conv2d(9, 16, 3, padding=1)
        self.out = nn.Conv2d(16, 6, 3, padding=1)

    def forward(self, x: torch.Tensor, t: torch.Tensor, cond_img: torch.Tensor, mask: torch.Tensor,
                ref_img: torch.Tensor, mel: torch.Tensor) -> torch.Tensor:
        # As TFGModel: the sample only where the mask hides the face, the condition elsewhere.
        x = x * mask + (1.0 - mask) * cond_img
        half = 8
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
        args = t.float().view(-1, 1) * freqs.view(1, -1)
        emb = self.time(torch.cat([torch.cos(args), torch.sin(args)], dim=1)).view(-1, 16, 1, 1)
        h = torch.relu(self.inp(torch.cat([x, cond_img, ref_img], dim=1)) + emb + 4.0 * self.audio(mel.unsqueeze(1)))
        out = self.out(h)
        # A noise estimate of the right scale: the sample's own noise part plus a learned-looking residue.
        eps = 0.8 * x + 0.3 * torch.tanh(out[:, 0:3])
        return torch.cat([eps, out[:, 3:6]], dim=1)


class StandInWhisperEncoder(nn.Module):
    """Two convolutions to 1500 steps of 384, as whisper's stem, then 4 residual layers; every state returned."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(80, 64, 3, padding=1)
        self.conv2 = nn.Conv1d(64, 384, 3, stride=2, padding=1)
        self.layers = nn.ModuleList([nn.Linear(384, 384) for _ in range(4)])

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        h = F.gelu(self.conv2(F.gelu(self.conv1(mel)))).permute(0, 2, 1)
        states = [h]
        for layer in self.layers:
            h = h + torch.tanh(layer(h))
            states.append(h)
        return torch.stack(states, dim=2)


class StandInVaeEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(
            nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(8, 8, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(8, 4, 3, stride=2, padding=1))

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return 0.18215 * self.down(image)


class StandInUnet(nn.Module):
    def __init__(self):
        super().__init__()
        self.inp = nn.Conv2d(8, 16, 3, padding=1)
        self.audio = nn.Linear(384, 16)
        self.out = nn.Conv2d(16, 4, 3, padding=1)

    def forward(self, latents: torch.Tensor, audio: torch.Tensor) -> torch.Tensor:
        a = self.audio(audio).mean(dim=1).view(-1, 16, 1, 1)
        return self.out(F.silu(self.inp(latents) + 4.0 * a))


class StandInVaeDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 3, 3, padding=1)

    def forward(self, latents: torch.Tensor) -> torch.Tensor:
        x = F.interpolate(latents / 0.18215, scale_factor=8.0, mode="bilinear", align_corners=False)
        return torch.tanh(self.conv(x))


def main():
    sidecar.write_standins(__doc__, [
        ("wav2lip.pt", StandInWav2Lip),
        ("diff2lip.pt", StandInDiff2Lip),
        ("musetalk_whisper.pt", StandInWhisperEncoder),
        ("musetalk_vae_encoder.pt", StandInVaeEncoder),
        ("musetalk_unet.pt", StandInUnet),
        ("musetalk_vae_decoder.pt", StandInVaeDecoder),
    ])


if __name__ == "__main__":
    main()
