import type { SandboxOptions, SandboxSettings } from './types';

export type FaultDecision =
	| { kind: 'none' }
	| { kind: 'rateLimit'; retryAfterSeconds: number }
	| { kind: 'fail503'; html: boolean }
	| { kind: 'drop'; afterProcessing: boolean };

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

/**
 * Runtime counters of the fault settings. Faults are checked in a fixed order (rate limit, 503,
 * drop) so a test that combines them knows which one answers.
 */
export class FaultRuntime {
	private random: () => number = Math.random;

	private fail503Left = 0;

	private dropLeft = 0;

	private windowStart = 0;

	private windowCount = 0;

	constructor(settings: SandboxSettings) {
		this.reset(settings);
	}

	reset(settings: SandboxSettings): void {
		this.random = seededRandom(settings.seed);
		this.fail503Left = settings.fail503?.next ?? 0;
		this.dropLeft = settings.dropConnections?.next ?? 0;
		this.windowStart = 0;
		this.windowCount = 0;
	}

	/** Re-arms only the faults the patch touched, so configure() mid-test keeps other counters. */
	onConfigure(patch: SandboxOptions, settings: SandboxSettings): void {
		if ('seed' in patch) this.random = seededRandom(settings.seed);
		if ('fail503' in patch) this.fail503Left = settings.fail503?.next ?? 0;
		if ('dropConnections' in patch) this.dropLeft = settings.dropConnections?.next ?? 0;
		if ('rateLimit' in patch) {
			this.windowStart = 0;
			this.windowCount = 0;
		}
	}

	decide(settings: SandboxSettings, nowMs = Date.now()): FaultDecision {
		const { rateLimit, fail503, dropConnections } = settings;
		if (rateLimit) {
			if (this.windowCount === 0 || nowMs - this.windowStart >= rateLimit.windowMs) {
				this.windowStart = nowMs;
				this.windowCount = 0;
			}
			this.windowCount += 1;
			if (this.windowCount > rateLimit.limit) {
				return { kind: 'rateLimit', retryAfterSeconds: rateLimit.retryAfterSeconds };
			}
		}
		if (fail503) {
			if (this.fail503Left > 0) {
				this.fail503Left -= 1;
				return { kind: 'fail503', html: fail503.html === true };
			}
			if (fail503.share && this.random() < fail503.share) {
				return { kind: 'fail503', html: fail503.html === true };
			}
		}
		if (dropConnections) {
			const afterProcessing = dropConnections.afterProcessing === true;
			if (this.dropLeft > 0) {
				this.dropLeft -= 1;
				return { kind: 'drop', afterProcessing };
			}
			if (dropConnections.share && this.random() < dropConnections.share) {
				return { kind: 'drop', afterProcessing };
			}
		}
		return { kind: 'none' };
	}
}
