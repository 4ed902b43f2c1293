#!/usr/bin/env python3
"""Writes small stand-in networks with the exact signatures of the First Order Motion Model exports.

The real exports (export_fomm.py) cannot be made without the official checkpoint; these have the same
inputs, outputs, shapes and value ranges, random but fixed weights (seed 0), and do the same kind of
work (soft-argmax keypoints with Jacobians; a keypoint-driven warp of the source with grid_sample and a
2x2 inverse), so the Java loader, batching and the pre- and post-processing can be proven on them.

    fomm_kp_detector.pt  forward(image [B,3,256,256] in [0,1]) -> (value [B,10,2] in (-1,1), jacobian [B,10,2,2])
    fomm_generator.pt    forward(source [B,3,256,256], kp_driving_value, kp_driving_jacobian,
                                 kp_source_value, kp_source_jacobian) -> prediction [B,3,256,256] in (0,1)

Each file gets a .sha256 sidecar, as the real export script writes.

Usage: python3 fomm_standins.py OUT_FOLDER   (Debian: apt-get install python3-torch)
"""
import torch
import torch.nn.functional as F
from torch import nn

import sidecar

NUM_KP = 10
SIZE = 256


class StandInKeypointDetector(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 16, 3, padding=1), nn.ReLU())
        self.heatmap = nn.Conv2d(16, NUM_KP, 3, padding=1)
        self.jacobian = nn.Conv2d(16, 4 * NUM_KP, 3, padding=1)
        self.temperature = 0.1

    def forward(self, image: torch.Tensor):
        # The real detector works at scale_factor 0.25 on a 256x256 input.
        x = F.interpolate(image, scale_factor=0.25, mode="bilinear", align_corners=False,
                          recompute_scale_factor=False)
        h = self.features(x)
        # Scaled so that, untrained, the heatmaps still peak and the keypoints spread over the face.
        logits = 20.0 * self.heatmap(h)
        b, k, height, width = logits.shape
        heat = F.softmax(logits.view(b, k, -1) / self.temperature, dim=2).view(b, k, height, width)
        ys = torch.linspace(-1.0, 1.0, height, dtype=image.dtype)
        xs = torch.linspace(-1.0, 1.0, width, dtype=image.dtype)
        grid_y = ys.view(1, 1, height, 1).expand(b, k, height, width)
        grid_x = xs.view(1, 1, 1, width).expand(b, k, height, width)
        value = torch.stack([(heat * grid_x).sum(dim=(2, 3)), (heat * grid_y).sum(dim=(2, 3))], dim=2)
        jac = self.jacobian(h).view(b, k, 4, height, width)
        jac = (jac * heat.unsqueeze(2)).sum(dim=(3, 4)).view(b, k, 2, 2)
        # Near the identity, as trained Jacobians are, so the generator's 2x2 inverse stays well-posed.
        jacobian = torch.eye(2, dtype=image.dtype).view(1, 1, 2, 2) + 0.2 * torch.tanh(jac)
        return value, jacobian


class StandInGenerator(nn.Module):
    def __init__(self):
        super().__init__()
        self.kp_variance = 0.01
        self.num_kp = NUM_KP
        self.refine = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 3, 3, padding=1))

    def forward(self, source: torch.Tensor, kp_driving_value: torch.Tensor, kp_driving_jacobian: torch.Tensor,
                kp_source_value: torch.Tensor, kp_source_jacobian: torch.Tensor):
        b, _, height, width = source.shape
        k = self.num_kp
        ys = torch.linspace(-1.0, 1.0, height, dtype=source.dtype)
        xs = torch.linspace(-1.0, 1.0, width, dtype=source.dtype)
        grid = torch.stack([xs.view(1, width).expand(height, width), ys.view(height, 1).expand(height, width)], dim=2)
        z = grid.view(1, 1, height, width, 2)
        diff = z - kp_driving_value.view(b, k, 1, 1, 2)
        weights = torch.exp(-0.5 * (diff ** 2).sum(dim=4) / self.kp_variance)
        # Sparse motions: J_s . inv(J_d) applied around each driving keypoint, as in FOMM's dense motion.
        transform = torch.matmul(kp_source_jacobian, torch.inverse(kp_driving_jacobian))
        moved = torch.matmul(transform.view(b, k, 1, 1, 2, 2), diff.unsqueeze(-1)).squeeze(-1)
        moved = moved + kp_source_value.view(b, k, 1, 1, 2)
        background = torch.clamp(1.0 - weights.sum(dim=1, keepdim=True), min=0.0)
        total = weights.sum(dim=1) + background.squeeze(1)
        flow = ((weights.unsqueeze(-1) * moved).sum(dim=1) + background.squeeze(1).unsqueeze(-1) * grid.view(1, height, width, 2)) \
            / total.unsqueeze(-1)
        deformed = F.grid_sample(source, flow, mode="bilinear", padding_mode="zeros", align_corners=False)
        logit = torch.log(deformed.clamp(1e-3, 1 - 1e-3) / (1 - deformed.clamp(1e-3, 1 - 1e-3)))
        return torch.sigmoid(logit + 0.02 * self.refine(deformed))


def main():
    sidecar.write_standins(__doc__, [
        ("fomm_kp_detector.pt", StandInKeypointDetector),
        ("fomm_generator.pt", StandInGenerator),
    ])


if __name__ == "__main__":
    main()
