package com.videogenie.avatar.http;

/**
 * The typed fields a live session's options are read from: the WebSocket's JSON start message
 * ({@link StrictFields}) or the query of a WebRTC offer ({@link QueryFields}). A field of the wrong
 * type is an {@link IllegalArgumentException} naming it; an absent one gives the default (or null).
 */
interface LiveFields {
    String text(String field);

    int integer(String field, int absent);

    Long longInteger(String field);

    double number(String field, double absent);
}
