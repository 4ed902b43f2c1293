#!/usr/bin/env python3
"""Exports MuseTalk 1.5 as the four TorchScript files the renderer loads.

Run it where PyTorch, diffusers and transformers are installed, with MuseTalk's weights laid out as its
README's "Download weights" leaves them (models/musetalkV15/unet.pth and musetalk.json,
models/sd-vae/, models/whisper/):

    python3 export_musetalk.py --models MuseTalk/models --out neural/

It writes, each with a .sha256 sidecar the renderer checks, with the signatures in
models/neural.properties (the same as lipsync_standins.py):

    musetalk_whisper.pt      whisper-tiny's encoder: mel [B,80,3000] -> all 5 hidden states [B,1500,5,384]
    musetalk_vae_encoder.pt  sd-vae-ft-mse encoder: image [B,3,256,256] in [-1,1] -> mean latents x 0.18215
    musetalk_unet.pt         MuseTalk's UNet at timestep 0: (latents [B,8,32,32], audio [B,50,384]) -> [B,4,32,32]
    musetalk_vae_decoder.pt  sd-vae-ft-mse decoder: latents [B,4,32,32] (x 1/0.18215 inside) -> image [B,3,256,256]

The renderer computes whisper's log-mel, the per-frame feature windows and the position encoding
itself, so they are not in the exports. The VAE encoder returns the posterior's mean where MuseTalk
samples it: the renderer is deterministic. Each trace is checked against its eager module at batch
sizes 1 and 3. Licences: MuseTalk's weights may be used for any purpose (its README); whisper-tiny and
sd-vae-ft-mse are MIT.
"""
import argparse
import json
import os

import torch
from torch import nn

from sidecar import save


class WhisperStates(nn.Module):
    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder

    def forward(self, mel):
        states = self.encoder(mel, output_hidden_states=True).hidden_states
        return torch.stack(states, dim=2)


class VaeEncoder(nn.Module):
    def __init__(self, vae):
        super().__init__()
        self.vae = vae
        self.scaling = float(vae.config.scaling_factor)

    def forward(self, image):
        return self.vae.encode(image).latent_dist.mean * self.scaling


class VaeDecoder(nn.Module):
    def __init__(self, vae):
        super().__init__()
        self.vae = vae
        self.scaling = float(vae.config.scaling_factor)

    def forward(self, latents):
        return self.vae.decode(latents / self.scaling).sample


class UnetAtZero(nn.Module):
    def __init__(self, unet):
        super().__init__()
        self.unet = unet

    def forward(self, latents, audio):
        timestep = torch.zeros(latents.shape[0], dtype=torch.long, device=latents.device)
        return self.unet(latents, timestep, encoder_hidden_states=audio).sample



def export(module, make, path):
    with torch.no_grad():
        traced = torch.jit.trace(module, make(2), strict=False)
        for batch in (1, 3):
            x = make(batch)
            assert torch.allclose(module(*x), traced(*x), atol=1e-3), "%s differs at batch %d" % (path, batch)
    save(traced, path, verbose=True)


def main():
    from diffusers import AutoencoderKL, UNet2DConditionModel
    from transformers import WhisperModel

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", required=True, help="MuseTalk's models/ folder")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(0)

    whisper = WhisperModel.from_pretrained(os.path.join(args.models, "whisper")).encoder.eval()
    vae = AutoencoderKL.from_pretrained(os.path.join(args.models, "sd-vae")).eval()
    with open(os.path.join(args.models, "musetalkV15", "musetalk.json")) as f:
        unet = UNet2DConditionModel(**json.load(f))
    unet.load_state_dict(torch.load(os.path.join(args.models, "musetalkV15", "unet.pth"), map_location="cpu"))
    unet.eval()

    export(WhisperStates(whisper), lambda b: (torch.rand(b, 80, 3000) * 2 - 1,),
           os.path.join(args.out, "musetalk_whisper.pt"))
    export(VaeEncoder(vae), lambda b: (torch.rand(b, 3, 256, 256) * 2 - 1,),
           os.path.join(args.out, "musetalk_vae_encoder.pt"))
    export(UnetAtZero(unet), lambda b: (torch.randn(b, 8, 32, 32), torch.randn(b, 50, 384)),
           os.path.join(args.out, "musetalk_unet.pt"))
    export(VaeDecoder(vae), lambda b: (torch.randn(b, 4, 32, 32),), os.path.join(args.out, "musetalk_vae_decoder.pt"))


if __name__ == "__main__":
    main()
