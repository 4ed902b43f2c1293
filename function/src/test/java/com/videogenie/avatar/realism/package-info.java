/**
 * The realism benchmark: renders the shared inputs and compares face-mesh tracks of our videos with
 * those of real speakers and of a peer renderer. Prints figures, asserts nothing; run it with
 * {@code scripts/benchmark-realism.sh}.
 */
package com.videogenie.avatar.realism;
