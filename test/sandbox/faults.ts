import { createHash } from 'node:crypto';

import type { AfterProcessing, FaultTrigger } from './fault-types';
import type { Route, SandboxOptions, SandboxSettings } from './types';

export type FaultDecision =
	| { kind: 'none' }
	| { kind: 'redirect'; status: number; location: string }
	| { kind: 'rateLimit'; retryAfterSeconds: number }
	| { kind: 'fail503'; html: boolean; afterProcessing: boolean; retryAfterSeconds?: number }
	| { kind: 'serverError'; status: number; html: boolean; afterProcessing: boolean }
	| { kind: 'drop'; afterProcessing: boolean }
	| { kind: 'slow'; delayMs: number; afterProcessing: boolean };

/** Faults whose `next` counter is kept between requests. */
const COUNTED = [
	'redirects',
	'fail429',
	'fail503',
	'serverErrors',
	'dropConnections',
	'slowAnswers',
	'partialFailure',
] as const;
type Counted = (typeof COUNTED)[number];

/** mulberry32: tiny, seedable, and good enough to make "share" faults repeatable across runs. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Identifies a request body across resends (same bytes, same key). */
export function bodyKey(rawBody: string): string {
	return createHash('sha1').update(rawBody).digest('hex');
}

/**
 * Runtime counters of the fault settings. Faults are checked in a fixed order (FAULT_ORDER) so a
 * test that combines them knows which one answers, and draws from one seeded PRNG in that order.
 */
export class FaultRuntime {
	private random: () => number = Math.random;

	private left = new Map<Counted, number>();

	private windowStart = 0;

	private windowCount = 0;

	/** Bodies the decommission handler already applied (for honestAfterProcessing). */
	private readonly applied = new Set<string>();

	constructor(settings: SandboxSettings) {
		this.reset(settings);
	}

	reset(settings: SandboxSettings): void {
		this.random = seededRandom(settings.seed);
		for (const name of COUNTED) this.left.set(name, settings[name]?.next ?? 0);
		this.windowStart = 0;
		this.windowCount = 0;
		this.applied.clear();
	}

	/** Re-arms only the faults the patch touched, so configure() mid-test keeps other counters. */
	onConfigure(patch: SandboxOptions, settings: SandboxSettings): void {
		if ('seed' in patch) this.random = seededRandom(settings.seed);
		for (const name of COUNTED) {
			if (name in patch) this.left.set(name, settings[name]?.next ?? 0);
		}
		if ('rateLimit' in patch) {
			this.windowStart = 0;
			this.windowCount = 0;
		}
	}

	markApplied(key: string): void {
		this.applied.add(key);
	}

	wasApplied(key: string): boolean {
		return this.applied.has(key);
	}

	/** Whether a request gets a `success: false` answer with per-serial results. */
	partialFailure(settings: SandboxSettings): boolean {
		return this.hits('partialFailure', settings.partialFailure);
	}

	/** A whole number from the range, drawn from the fault PRNG. */
	pick(range: number | [number, number]): number {
		if (typeof range === 'number') return range;
		const [min, max] = range;
		return min + Math.floor(this.random() * (max - min + 1));
	}

	decide(settings: SandboxSettings, route: Route, key: string, nowMs = Date.now()): FaultDecision {
		// A processed body is never again claimed unprocessed: a client that trusts 429/503/3xx
		// could otherwise only report its serials as not done, which would then be false.
		const honest = settings.honestAfterProcessing && this.applied.has(key);
		const { redirects, rateLimit, fail429, fail503, serverErrors } = settings;
		const redirectRoute = redirects?.route ?? 'decommission';
		if (
			!honest &&
			redirects &&
			(redirectRoute === 'both' || redirectRoute === route) &&
			this.hits('redirects', redirects)
		) {
			const statuses = redirects.statuses ?? [301, 302, 307, 308];
			const status = statuses[Math.floor(this.random() * statuses.length)];
			return { kind: 'redirect', status, location: redirects.location };
		}
		const faulty = route === 'decommission' || (route === 'auth' && settings.faultsOnAuth);
		if (!faulty) return { kind: 'none' };
		if (rateLimit && !honest) {
			if (this.windowCount === 0 || nowMs - this.windowStart >= rateLimit.windowMs) {
				this.windowStart = nowMs;
				this.windowCount = 0;
			}
			this.windowCount += 1;
			if (this.windowCount > rateLimit.limit) {
				return { kind: 'rateLimit', retryAfterSeconds: rateLimit.retryAfterSeconds };
			}
		}
		if (fail429 && !honest && this.hits('fail429', fail429)) {
			return { kind: 'rateLimit', retryAfterSeconds: this.pick(fail429.retryAfterSeconds ?? 0) };
		}
		if (fail503 && !honest && this.hits('fail503', fail503)) {
			const retry = fail503.retryAfterSeconds;
			return {
				kind: 'fail503',
				html: fail503.html === true,
				afterProcessing: this.after(fail503.afterProcessing),
				retryAfterSeconds: retry === undefined ? undefined : this.pick(retry),
			};
		}
		if (serverErrors && this.hits('serverErrors', serverErrors)) {
			const statuses = serverErrors.statuses ?? [500, 502, 504];
			return {
				kind: 'serverError',
				status: statuses[Math.floor(this.random() * statuses.length)],
				html: serverErrors.html === true,
				afterProcessing: this.after(serverErrors.afterProcessing),
			};
		}
		const { dropConnections, slowAnswers } = settings;
		if (dropConnections && this.hits('dropConnections', dropConnections)) {
			return { kind: 'drop', afterProcessing: this.after(dropConnections.afterProcessing) };
		}
		if (slowAnswers && this.hits('slowAnswers', slowAnswers)) {
			return {
				kind: 'slow',
				delayMs: slowAnswers.delayMs,
				afterProcessing: this.after(slowAnswers.afterProcessing),
			};
		}
		return { kind: 'none' };
	}

	private hits(name: Counted, fault: FaultTrigger | null): boolean {
		if (!fault) return false;
		const left = this.left.get(name) ?? 0;
		if (left > 0) {
			this.left.set(name, left - 1);
			return true;
		}
		return fault.share !== undefined && fault.share > 0 && this.random() < fault.share;
	}

	private after(setting: AfterProcessing | undefined): boolean {
		if (typeof setting === 'number') return this.random() < setting;
		return setting === true;
	}
}
