/**
 * The neural runtime: TorchScript exports on DJL's PyTorch engine (CPU natives from the Maven
 * repository, CUDA where the GPU build puts them), the manifest of the networks with their licences,
 * where a user mounts the exports, and the device they run on. The backends that use it live beside
 * the CPU renderer under {@code render/}.
 */
package com.videogenie.avatar.neural;
