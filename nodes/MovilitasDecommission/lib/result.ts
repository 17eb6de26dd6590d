/**
 * The one way every module of the node says "this worked" or "this failed": a value on
 * success, and on failure whatever the caller needs to report it.
 */
export type Result<T, F = Problem> = ({ ok: true } & T) | ({ ok: false } & F);

/** A failure told in words: what is wrong, and optionally what to do about it. */
export interface Problem {
	problem: string;
	hint?: string;
}

/** A checked value, e.g. a normalised GTIN or a list of serials. */
export type Checked<T> = Result<{ value: T }>;
