/**
 * Settings of the sandbox's faults. Each fault hits the next N requests (`next`) and/or a share
 * of them drawn from the PRNG seeded by `seed` (`share`), so a failing run can be replayed.
 * Faults are checked in the order of FAULT_ORDER; the first that hits answers the request.
 */

export interface FaultTrigger {
	/** Share of requests hit, drawn from the seeded PRNG (0..1). */
	share?: number;
	/** The next N requests are hit (before any share is drawn). */
	next?: number;
}

/**
 * When a fault that can come before or after processing hits: false (default) before the
 * request is applied, true after it, or a number = seeded share of hits that come after.
 */
export type AfterProcessing = boolean | number;

export interface RateLimitFault {
	limit: number;
	windowMs: number;
	retryAfterSeconds: number;
}

/** 429 storms independent of any window: a share of requests is refused with Retry-After. */
export interface Fail429Fault extends FaultTrigger {
	/** Seconds, or [min, max] whole seconds drawn per answer; default 0. */
	retryAfterSeconds?: number | [number, number];
}

export interface Fail503Fault extends FaultTrigger {
	/** Answer with an HTML page, as a gateway would, instead of JSON. */
	html?: boolean;
	/** After processing, a 503 is a lie by HTTP's rules: the case a resend meets done serials. */
	afterProcessing?: AfterProcessing;
	/** Sends Retry-After with the 503 (seconds, or [min, max]); none by default. */
	retryAfterSeconds?: number | [number, number];
}

export interface DropFault extends FaultTrigger {
	/** Apply the request to the store first, then drop: the ambiguous "did it happen?" case. */
	afterProcessing?: AfterProcessing;
}

/** 5xx other than 503, e.g. a gateway that timed out while Movilitas carried on. */
export interface ServerErrorFault extends FaultTrigger {
	/** Status drawn per answer from this list; default [500, 502, 504]. */
	statuses?: number[];
	afterProcessing?: AfterProcessing;
	html?: boolean;
}

/** An answer that comes after `delayMs`, to exceed a client's request timeout. */
export interface SlowFault extends FaultTrigger {
	delayMs: number;
	/** true: apply at once and answer late; false (default): wait, then apply and answer. */
	afterProcessing?: AfterProcessing;
}

/**
 * A `success: false` answer that still lists per-serial results: some serials decommissioned,
 * the others refused (left Commissioned in the store).
 */
export interface PartialFailureFault extends FaultTrigger {
	/** Share of the request's fresh serials that are refused (at least one); default 0.5. */
	refuseShare?: number;
	/** Status text of a refused serial; default 'Refused: serial is locked'. */
	refusedStatus?: string;
	/** HTTP status of the answer; default 200. */
	httpStatus?: number;
	/**
	 * One refused serial is listed twice: first as 'Decommissioned', then with its refusal, so a
	 * client that trusts the first entry claims a decommission that did not happen.
	 */
	listTwice?: boolean;
	/** One decommissioned serial carries a status that is not text (null, a number, an object). */
	nonTextStatus?: boolean;
}

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

/** A 3xx whose Location points at another server (e.g. startRecorder()). */
export interface RedirectFault extends FaultTrigger {
	/** Which calls are redirected; default 'decommission'. */
	route?: 'auth' | 'decommission' | 'both';
	/** Status drawn per answer from this list; default [301, 302, 307, 308]. */
	statuses?: number[];
	/** Origin the Location points to; the request path and a query are appended. */
	location: string;
}

export const FAULT_ORDER = [
	'redirects',
	'rateLimit',
	'fail429',
	'fail503',
	'serverErrors',
	'dropConnections',
	'slowAnswers',
] as const;
