/**
 * Turns the request's input URLs into local files for one job: local paths under the file access
 * policy, {@code https:}/{@code http:} downloads behind an address guard, and {@code s3://} objects,
 * all downloaded into a per-job folder that is deleted when the job ends.
 */
package com.videogenie.avatar.input;
