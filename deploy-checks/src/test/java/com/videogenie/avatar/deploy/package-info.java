/**
 * Checks of the delivery files that no build runs here: the Dockerfile, terraform/ and ci/, each read
 * with a real parser and checked against knative/, the scripts and the README they must agree with.
 */
package com.videogenie.avatar.deploy;
