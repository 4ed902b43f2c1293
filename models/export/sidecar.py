"""Saving a TorchScript export with the .sha256 sidecar the renderer checks it against (NeuralModels)."""
import hashlib
import os


def save(module, path, verbose=False):
    """Saves a scripted or traced module at `path` and writes `<path>.sha256` beside it."""
    module.save(path)
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    with open(path + ".sha256", "w") as f:
        f.write(digest + "  " + os.path.basename(path) + "\n")
    if verbose:
        print(path, digest)


def write_standins(usage, networks):
    """The stand-in scripts' command line: `SCRIPT OUT_FOLDER`; builds each (file, factory) in order
    after seeding torch with 0 (so the weights are the same every run), scripts it and saves it."""
    import sys

    import torch

    if len(sys.argv) != 2:
        sys.exit(usage)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    for file, factory in networks:
        save(torch.jit.script(factory().eval()), os.path.join(out, file))
