/**
 * The fault suite's scenarios: sandbox faults (test/sandbox/fault-types.ts) and node options.
 * Shares are drawn from the scenario's seed; Retry-After stays at 0-1 s to keep runs fast.
 */
import type { SandboxOptions } from '../sandbox/server';

export interface Scenario {
	name: string;
	/** Sandbox faults; `location` of redirects is filled in with the recorder's URL. */
	faults: (foreign: string) => SandboxOptions;
	/** The node's Request Timeout (seconds). */
	requestTimeout: number;
}

const QUICK = [0, 1] as [number, number];

export const SCENARIOS: Scenario[] = [
	{ name: 'no faults', faults: () => ({}), requestTimeout: 30 },
	{
		name: '429 storm, Retry-After 0-1 s',
		faults: () => ({ fail429: { share: 0.35, retryAfterSeconds: QUICK } }),
		requestTimeout: 30,
	},
	{
		name: '503 before processing',
		faults: () => ({ fail503: { share: 0.3, retryAfterSeconds: QUICK } }),
		requestTimeout: 30,
	},
	{
		name: '503 after processing',
		faults: () => ({ fail503: { share: 0.3, afterProcessing: true, retryAfterSeconds: QUICK } }),
		requestTimeout: 30,
	},
	{
		name: '500/502/504 before processing',
		faults: () => ({ serverErrors: { share: 0.25 } }),
		requestTimeout: 30,
	},
	{
		name: '500/502/504 after processing',
		faults: () => ({ serverErrors: { share: 0.25, afterProcessing: true, html: true } }),
		requestTimeout: 30,
	},
	{
		name: 'connection dropped before processing',
		faults: () => ({ dropConnections: { share: 0.25 } }),
		requestTimeout: 30,
	},
	{
		name: 'connection dropped after processing',
		faults: () => ({ dropConnections: { share: 0.25, afterProcessing: true } }),
		requestTimeout: 30,
	},
	{
		name: 'answers slower than the timeout (1 s)',
		faults: () => ({ slowAnswers: { share: 0.2, delayMs: 1500, afterProcessing: 0.5 } }),
		requestTimeout: 1,
	},
	{
		name: 'token expires every 3 requests',
		faults: () => ({ expireTokenAfterRequests: 3 }),
		requestTimeout: 30,
	},
	{
		name: 'success:false with per-serial data',
		faults: () => ({
			partialFailure: { share: 0.4, refuseShare: 0.3, listTwice: true, nonTextStatus: true },
		}),
		requestTimeout: 30,
	},
	{
		name: 'redirects of the decommission call',
		faults: (location) => ({ redirects: { share: 0.2, route: 'decommission', location } }),
		requestTimeout: 30,
	},
	{
		name: 'redirects of the token call',
		faults: (location) => ({
			redirects: { share: 0.5, route: 'auth', location },
			expireTokenAfterRequests: 4,
		}),
		requestTimeout: 30,
	},
	{
		name: 'all of them at once',
		faults: (location) => ({
			fail429: { share: 0.1, retryAfterSeconds: QUICK },
			fail503: { share: 0.1, afterProcessing: 0.5, retryAfterSeconds: QUICK },
			serverErrors: { share: 0.05, afterProcessing: 0.5 },
			dropConnections: { share: 0.05, afterProcessing: 0.5 },
			slowAnswers: { share: 0.05, delayMs: 1500, afterProcessing: 0.5 },
			partialFailure: { share: 0.15, listTwice: true, nonTextStatus: true },
			redirects: { share: 0.04, route: 'both', location },
			expireTokenAfterRequests: 5,
		}),
		requestTimeout: 1,
	},
];
