/**
 * Where inputs come from and videos go beyond the local disk: S3-compatible object storage (AWS S3,
 * MinIO) and the output targets a render publishes its video to only once it is complete.
 */
package com.videogenie.avatar.storage;
