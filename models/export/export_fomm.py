#!/usr/bin/env python3
"""Exports the official First Order Motion Model (vox-256) as the two TorchScript files the renderer loads.

Run it where PyTorch, a checkout of the upstream repository (AliaksandrSiarohin/first-order-model) and
the official checkpoint (vox-cpk.pth.tar or vox-adv-cpk.pth.tar) are available:

    python3 export_fomm.py --repo first-order-model --checkpoint vox-adv-cpk.pth.tar --out fomm/

It writes fomm_kp_detector.pt and fomm_generator.pt with the signatures in models/neural.properties
(the same as fomm_standins.py), each with a .sha256 sidecar the renderer checks, then checks that the
exports give the same outputs as the eager modules at batch sizes 1 and 3. Mount the folder as
AVATAR_NEURAL_DIR. Licence: the code is MIT since 2023-06; the weights (trained on VoxCeleb) carry no
licence of their own, so commercial use is unclear and the renderer asks for AVATAR_ALLOW_NONCOMMERCIAL.
"""
import argparse
import os
import sys

import torch
import yaml
from torch import nn

from sidecar import save


class KeypointsAsTensors(nn.Module):
    """The detector's dict output as the (value, jacobian) pair the renderer reads."""

    def __init__(self, detector):
        super().__init__()
        self.detector = detector

    def forward(self, image):
        kp = self.detector(image)
        return kp["value"], kp["jacobian"]


class PredictionOnly(nn.Module):
    """The generator driven by keypoint tensors, returning only the predicted frame."""

    def __init__(self, generator):
        super().__init__()
        self.generator = generator

    def forward(self, source, kp_driving_value, kp_driving_jacobian, kp_source_value, kp_source_jacobian):
        out = self.generator(source,
                             kp_driving={"value": kp_driving_value, "jacobian": kp_driving_jacobian},
                             kp_source={"value": kp_source_value, "jacobian": kp_source_jacobian})
        return out["prediction"]


def load(repo, checkpoint):
    sys.path.insert(0, repo)
    from modules.generator import OcclusionAwareGenerator
    from modules.keypoint_detector import KPDetector

    with open(os.path.join(repo, "config", "vox-256.yaml")) as f:
        config = yaml.safe_load(f)
    params = config["model_params"]
    generator = OcclusionAwareGenerator(**params["generator_params"], **params["common_params"])
    detector = KPDetector(**params["kp_detector_params"], **params["common_params"])
    state = torch.load(checkpoint, map_location="cpu")
    generator.load_state_dict(state["generator"])
    detector.load_state_dict(state["kp_detector"])
    return detector.eval(), generator.eval()



def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    detector, generator = load(args.repo, args.checkpoint)
    kp_module = KeypointsAsTensors(detector)
    gen_module = PredictionOnly(generator)
    torch.manual_seed(0)
    with torch.no_grad():
        # Traced at batch 2 so the batch dimension is not frozen to 1; checked again at 1 and 3.
        image = torch.rand(2, 3, 256, 256)
        kp_traced = torch.jit.trace(kp_module, image)
        value, jacobian = kp_module(image)
        gen_traced = torch.jit.trace(gen_module, (image, value, jacobian, value.flip(0), jacobian.flip(0)))
        for batch in (1, 3):
            x = torch.rand(batch, 3, 256, 256)
            v, j = kp_module(x)
            tv, tj = kp_traced(x)
            assert torch.allclose(v, tv, atol=1e-5) and torch.allclose(j, tj, atol=1e-5), "kp export differs"
            p = gen_module(x, v, j, v.flip(0), j.flip(0))
            tp = gen_traced(x, v, j, v.flip(0), j.flip(0))
            assert torch.allclose(p, tp, atol=1e-4), "generator export differs at batch %d" % batch
    save(kp_traced, os.path.join(args.out, "fomm_kp_detector.pt"), verbose=True)
    save(gen_traced, os.path.join(args.out, "fomm_generator.pt"), verbose=True)


if __name__ == "__main__":
    main()
