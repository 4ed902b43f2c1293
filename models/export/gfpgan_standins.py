#!/usr/bin/env python3
"""Writes a small stand-in network with the exact signature of the GFPGAN v1.4 export.

    gfpgan.pt  forward(face [B,3,512,512] RGB in [-1,1]) -> face [B,3,512,512]

The real export (export_gfpgan.py) needs the official checkpoint. This one returns its input with a
fixed, image-dependent texture added (random but fixed weights, seed 0), so a face that comes back
where it was taken from shows the alignment and its inverse are right, and the texture shows the paste.
Writes a .sha256 sidecar, as the real export script does.

Usage: python3 gfpgan_standins.py OUT_FOLDER   (Debian: apt-get install python3-torch)
"""
import torch
from torch import nn

import sidecar


class StandInGfpgan(nn.Module):
    def __init__(self):
        super().__init__()
        self.texture = nn.Conv2d(3, 3, 5, padding=2)

    def forward(self, face: torch.Tensor) -> torch.Tensor:
        return face + 0.15 * torch.tanh(4.0 * self.texture(face))


def main():
    sidecar.write_standins(__doc__, [
        ("gfpgan.pt", StandInGfpgan),
    ])


if __name__ == "__main__":
    main()
