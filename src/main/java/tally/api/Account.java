package tally.api;

/** The owner of every row; one API key opens one account. */
public record Account(String id, boolean livemode) {}
