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
}
