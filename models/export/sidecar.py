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
