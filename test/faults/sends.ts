/** What the sandbox received, against the retry policy and the "never resend unknown" rule. */
import { serialKey, type RecordedRequest, type SandboxLedger } from '../sandbox/server';
import type { Findings } from './findings';

/** A request body goes out at most once, plus 3 retries on 429/503, plus 1 token refresh. */
export const MAX_SENDS = 5;

/** Late enough that the client's timer must have fired before the answer left the sandbox. */
export const TIMEOUT_MARGIN_MS = 300;

interface Body {
	product_code?: unknown;
	serials?: unknown;
}

function keysOf(request: RecordedRequest): string[] {
	const body = request.body as Body | null;
	if (!body || typeof body !== 'object' || !Array.isArray(body.serials)) return [];
	return [...new Set(body.serials.map((s) => serialKey(String(body.product_code), String(s))))];
}

/** Why a client cannot know whether the request was processed, if it cannot. */
export function unknownCause(request: RecordedRequest, timeoutMs: number): string | undefined {
	if ((request.durationMs ?? 0) >= timeoutMs + TIMEOUT_MARGIN_MS)
		return 'answered after the timeout';
	if (request.dropped) return 'connection dropped';
	if (request.status >= 500 && request.status !== 503) return `HTTP ${request.status}`;
	return undefined;
}

/**
 * Checks resends against the policy, and returns the serials whose last request left its
 * outcome unknown, with the cause: the output must call those serials Unknown.
 */
export function checkSends(
	findings: Findings,
	requests: readonly RecordedRequest[],
	ledger: SandboxLedger,
	timeoutMs: number,
): Map<string, string> {
	const firstUnknown = new Map<string, string>();
	const lastUnknown = new Map<string, string>();
	const resent = new Set<string>();
	for (const request of requests) {
		if (request.route !== 'decommission') continue;
		const cause = unknownCause(request, timeoutMs);
		for (const key of keysOf(request)) {
			const before = firstUnknown.get(key);
			if (before && !resent.has(key)) {
				resent.add(key);
				findings.add('duplicated', `resent after its request ${before}`, key);
			}
			if (cause) {
				if (!firstUnknown.has(key)) firstUnknown.set(key, cause);
				lastUnknown.set(key, cause);
			} else lastUnknown.delete(key);
		}
	}
	// A resent serial is counted once, above, not again for what the output says about it.
	for (const key of resent) lastUnknown.delete(key);
	for (const [key, count] of ledger.received) {
		if (count > MAX_SENDS) {
			findings.add(
				'duplicated',
				`a serial reached the sandbox more than ${MAX_SENDS} times`,
				`${key} ×${count}`,
			);
		}
	}
	for (const [body, count] of ledger.bodies) {
		if (count > MAX_SENDS) {
			findings.add(
				'duplicated',
				`a request body was sent more than ${MAX_SENDS} times`,
				`${body.slice(0, 60)}… ×${count}`,
			);
		}
	}
	return lastUnknown;
}
