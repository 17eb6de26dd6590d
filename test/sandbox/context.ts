import type { FaultRuntime } from './faults';
import type { SerialStore } from './store';
import type { TokenService } from './tokens';
import type { RecordedRequest, SandboxSettings } from './types';

/** Everything a handler may read or change; settings is replaced as a whole by configure(). */
export interface SandboxContext {
	settings: SandboxSettings;
	readonly tokens: TokenService;
	readonly store: SerialStore;
	readonly faults: FaultRuntime;
	readonly requests: RecordedRequest[];
	/** Separate from the fault PRNG so response shaping never shifts which requests fail. */
	shapeRandom: () => number;
	readonly activity: Activity;
}

/** Counts requests being handled, so a test can wait for late (slow) ones to be applied. */
export class Activity {
	private inFlight = 0;

	private waiters: Array<() => void> = [];

	begin(): void {
		this.inFlight++;
	}

	end(): void {
		this.inFlight--;
		if (this.inFlight > 0) return;
		const waiters = this.waiters;
		this.waiters = [];
		for (const resolve of waiters) resolve();
	}

	idle(): Promise<void> {
		if (this.inFlight === 0) return Promise.resolve();
		return new Promise((resolve) => this.waiters.push(resolve));
	}
}
