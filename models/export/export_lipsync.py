#!/usr/bin/env python3
"""Exports the official Wav2Lip or Diff2Lip weights as the TorchScript file the renderer loads.

Run it where PyTorch, a checkout of the upstream repository and its checkpoint are available:

    python3 export_lipsync.py wav2lip  --repo Wav2Lip  --checkpoint wav2lip_gan.pth --out neural/
    python3 export_lipsync.py diff2lip --repo diff2lip --checkpoint checkpoint.pt   --out neural/

It writes wav2lip.pt or diff2lip.pt with the signature in models/neural.properties (the same as
lipsync_standins.py), with a .sha256 sidecar the renderer checks, after checking that the export gives
the eager module's outputs at batch sizes 1 and 3. Mount the folder as AVATAR_NEURAL_DIR.

Licences: Wav2Lip's README limits its weights to non-commercial use; Diff2Lip's are CC BY-NC 4.0. The
renderer loads either only with AVATAR_ALLOW_NONCOMMERCIAL=true.

Diff2Lip is built with the flags of the repository's scripts/inference.sh (128 channels, attention at
32,16,8, learned sigma, scale-shift norm off, audio as style, reference frame on) in float32: the
renderer runs the DDIM loop itself, so only the denoiser is exported.
"""
import argparse
import os
import sys

import torch
from torch import nn

from sidecar import save


class Wav2LipExport(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, mel, face):
        return self.model(mel, face)


class Diff2LipExport(nn.Module):
    """TFGModel with the renderer's tensors: mel chunks [N,80,16] become the [N,1,80,16] it reads."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x, t, cond_img, mask, ref_img, mel):
        return self.model(x, t, cond_img=cond_img, mask=mask, ref_img=ref_img, indiv_mels=mel.unsqueeze(1))


def load_wav2lip(repo, checkpoint):
    sys.path.insert(0, repo)
    from models import Wav2Lip

    state = torch.load(checkpoint, map_location="cpu")["state_dict"]
    model = Wav2Lip()
    model.load_state_dict({k.replace("module.", "", 1): v for k, v in state.items()})
    example = (torch.rand(2, 1, 80, 16) * 8 - 4, torch.rand(2, 6, 96, 96))
    return Wav2LipExport(model.eval()), example, lambda b: (torch.rand(b, 1, 80, 16) * 8 - 4, torch.rand(b, 6, 96, 96))


def load_diff2lip(repo, checkpoint):
    sys.path.insert(0, os.path.join(repo, "guided-diffusion"))
    from guided_diffusion.script_util import tfg_create_model_and_diffusion, tfg_model_and_diffusion_defaults

    options = tfg_model_and_diffusion_defaults()
    options.update(attention_resolutions="32,16,8", class_cond=False, learn_sigma=True, num_channels=128,
                   num_head_channels=64, num_res_blocks=2, resblock_updown=True, use_fp16=False,
                   use_scale_shift_norm=False, predict_xstart=False, diffusion_steps=1000, noise_schedule="linear",
                   rescale_timesteps=False, image_size=128, face_hide_percentage=0.5, use_ref=True, use_audio=True,
                   audio_as_style=True, nframes=5, nrefer=1)
    model, _ = tfg_create_model_and_diffusion(**{k: options[k] for k in tfg_model_and_diffusion_defaults()})
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))

    def inputs(b):
        mask = torch.zeros(b, 1, 128, 128)
        mask[:, :, 64:, :] = 1
        image = torch.rand(b, 3, 128, 128) * 2 - 1
        return (torch.randn(b, 3, 128, 128), torch.full((b,), 960, dtype=torch.long), image, mask, image.flip(0),
                torch.rand(b, 80, 16) * 8 - 4)

    return Diff2LipExport(model.eval()), inputs(2), inputs



def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", choices=["wav2lip", "diff2lip"])
    parser.add_argument("--repo", required=True)
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    loader = load_wav2lip if args.model == "wav2lip" else load_diff2lip
    module, example, inputs = loader(args.repo, args.checkpoint)
    torch.manual_seed(0)
    with torch.no_grad():
        # Traced at batch 2 so the batch dimension is not frozen to 1; checked again at 1 and 3.
        traced = torch.jit.trace(module, example)
        for batch in (1, 3):
            x = inputs(batch)
            assert torch.allclose(module(*x), traced(*x), atol=1e-4), "export differs at batch %d" % batch
    save(traced, os.path.join(args.out, args.model + ".pt"), verbose=True)


if __name__ == "__main__":
    main()
