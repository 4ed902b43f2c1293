#!/usr/bin/env python3
"""Exports GFPGAN v1.4 as the TorchScript file the renderer loads (gfpgan.pt).

Run it where PyTorch and a checkout of TencentARC/GFPGAN (with basicsr installed) are available:

    python3 export_gfpgan.py --repo GFPGAN --checkpoint GFPGANv1.4.pth --out neural/

It builds GFPGANv1Clean as GFPGANer does for v1.4 (out_size 512, num_style_feat 512, channel_multiplier
2, decoder_load_path None, fix_decoder False, num_mlp 8, input_is_latent True, different_w True, narrow
1, sft_half True), loads the checkpoint's params_ema, and traces forward(face [B,3,512,512] RGB in
[-1,1]) -> the restored face (the first output only) with randomize_noise=False, so the StyleGAN2 noise
is the stored one and the renderer's output is deterministic. Writes a .sha256 sidecar and checks the
trace against the eager module at batch sizes 1 and 3. Mount the folder as AVATAR_NEURAL_DIR.

Licence: the README says Apache-2.0, but LICENSE includes NVIDIA's non-commercial terms for the
StyleGAN2-derived code; commercial use is unclear, so the renderer asks for AVATAR_ALLOW_NONCOMMERCIAL.
"""
import argparse
import os
import sys

import torch
from torch import nn

from sidecar import save


class RestoredFace(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, face):
        return self.net(face, return_rgb=False, randomize_noise=False)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    sys.path.insert(0, args.repo)
    from gfpgan.archs.gfpganv1_clean_arch import GFPGANv1Clean

    net = GFPGANv1Clean(out_size=512, num_style_feat=512, channel_multiplier=2, decoder_load_path=None,
                        fix_decoder=False, num_mlp=8, input_is_latent=True, different_w=True, narrow=1,
                        sft_half=True)
    state = torch.load(args.checkpoint, map_location="cpu")
    net.load_state_dict(state["params_ema"] if "params_ema" in state else state["params"], strict=True)
    module = RestoredFace(net.eval())
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(0)
    with torch.no_grad():
        traced = torch.jit.trace(module, torch.rand(2, 3, 512, 512) * 2 - 1, strict=False)
        for batch in (1, 3):
            x = torch.rand(batch, 3, 512, 512) * 2 - 1
            assert torch.allclose(module(x), traced(x), atol=1e-3), "export differs at batch %d" % batch
    save(traced, os.path.join(args.out, "gfpgan.pt"), verbose=True)


if __name__ == "__main__":
    main()
