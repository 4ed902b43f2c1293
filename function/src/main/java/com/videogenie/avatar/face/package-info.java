/** Face analysis of the source photo: detection and the 468-point mesh, through ONNX models. */
package com.videogenie.avatar.face;
