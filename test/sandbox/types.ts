import type { Checked } from './validate';

/**
 * Types of the local Movilitas sandbox (see server.ts for the behaviour).
 *
 * Every field whose real-world answer is unknown (see the API notes) is a setting, so the node can
 * be tested against each plausible answer.
 */

import type {
	DropFault,
	Fail429Fault,
	Fail503Fault,
	PartialFailureFault,
	RateLimitFault,
	RedirectFault,
	ServerErrorFault,
	SlowFault,
} from './fault-types';

export * from './fault-types';

export const TOKEN_FIELDS = [
	'token',
	'access_token',
	'accessToken',
	'data.token',
	'data.access_token',
] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

export const ERROR_SHAPES = ['type', 'name', 'error', 'nested', 'message'] as const;
export type ErrorShape = (typeof ERROR_SHAPES)[number];

export const RESPONSE_ORDERS = ['request', 'reverse', 'shuffle'] as const;
export type ResponseOrder = (typeof RESPONSE_ORDERS)[number];

export const REASONS = ['destroy', 'sample', 'free_sample', 'check_out', 'lock', 'export'] as const;
export type Reason = (typeof REASONS)[number];

export const MARKETS = ['EU', 'US', 'CHN', 'IDN'] as const;
export type MarketId = (typeof MARKETS)[number];

export const ERROR_TYPES = [
	'NoTokenError',
	'InvalidTokenError',
	'ChannelError',
	'ValidationError',
	'ProductError',
	'SerialNotFoundError',
	'SerialStateError',
	'RateLimitError',
	'ServiceUnavailableError',
	'NotFoundError',
] as const;
export type SandboxErrorType = (typeof ERROR_TYPES)[number];

export type SerialStatus = 'Commissioned' | 'Decommissioned';
export type SerialMode = 'status' | 'error';
export type Route = 'auth' | 'decommission' | 'other';

export interface SandboxApiKey {
	apiKey: string;
	apiSecret: string;
}

export interface SandboxProduct {
	productCode: string;
	/** Market given at registration; a request naming another market is refused. */
	marketId?: MarketId;
	/** Serials seeded as Commissioned. */
	serials?: string[];
}

export interface SerialRecord {
	status: SerialStatus;
	reason?: Reason;
	marketId?: MarketId;
	sendToMarket?: boolean;
	decommissionedAt?: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	route: Route;
	/** Lower-cased names; repeated headers joined with ", ". */
	headers: Record<string, string>;
	/** Parsed JSON, or the raw string when the body is not JSON ('' when empty). */
	body: unknown;
	/** 0 while in flight and when the connection was dropped without an answer. */
	status: number;
	dropped: boolean;
	/** Epoch milliseconds when the request arrived. */
	at: number;
	durationMs?: number;
}

/** Fully resolved settings; defaults in config.ts. */
export interface SandboxSettings {
	port: number;
	apiKeys: SandboxApiKey[];
	tokenField: TokenField;
	tokenLifetimeSeconds: number;
	authFailureStatus: number;
	staticTokens: string[];
	revokedTokens: string[];
	channelKeys: string[];
	requireJsonContentType: boolean;
	products: SandboxProduct[];
	anySerialCommissioned: boolean;
	marketMismatch: 'error' | 'ignore';
	maxSerialsPerRequest: number | null;
	strictSerials: boolean;
	rejectUnknownFields: boolean;
	responseOrder: ResponseOrder;
	alreadyDecommissioned: SerialMode;
	alreadyDecommissionedStatus: string;
	unknownSerial: SerialMode;
	unknownSerialStatus: string;
	omitSerials: string[];
	omitShare: number;
	omitProcessed: boolean;
	errorShape: ErrorShape;
	errorStatus: Record<SandboxErrorType, number>;
	tokenErrorInOkBody: boolean;
	latencyMs: number;
	rateLimit: RateLimitFault | null;
	fail503: Fail503Fault | null;
	dropConnections: DropFault | null;
	fail429: Fail429Fault | null;
	serverErrors: ServerErrorFault | null;
	slowAnswers: SlowFault | null;
	partialFailure: PartialFailureFault | null;
	redirects: RedirectFault | null;
	expireTokenAfterRequests: number | null;
	faultsOnAuth: boolean;
	/**
	 * Once a request body was processed, never again claim it was not: no 429, 503 or 3xx for
	 * it, and a used-up token is accepted for it.
	 */
	honestAfterProcessing: boolean;
	/** Put the secrets a request carried into error messages and refused statuses. */
	echoSecrets: boolean;
	seed: number;
	onRequest?: (entry: RecordedRequest) => void;
}

/** What startSandbox and configure accept: any subset; errorStatus is merged per type. */
export type SandboxOptions = Partial<Omit<SandboxSettings, 'errorStatus'>> & {
	errorStatus?: Partial<Record<SandboxErrorType, number>>;
};

export interface SandboxLedger {
	/** How many times each serial arrived in a decommission request, by serialKey. */
	received: Map<string, number>;
	/** How many times each distinct decommission request body arrived, by its JSON text. */
	bodies: Map<string, number>;
	/** The settings each serial arrived with, by serialKey (settingsKey values). */
	settings: Map<string, Set<string>>;
	/** Serials the store holds as Decommissioned, by serialKey, with the settings that did it. */
	decommissioned: Map<string, SerialRecord>;
}

export interface SandboxState {
	readonly requests: RecordedRequest[];
	readonly authCalls: number;
	readonly decommissionCalls: number;
	readonly tokensIssued: string[];
	/** Keyed by serialKey(productCode, serial). */
	readonly serials: ReadonlyMap<string, SerialRecord> & { clear(): void };
	/** Status the sandbox would see now, including serials only implied by anySerialCommissioned. */
	serialStatus(productCode: string, serial: string): SerialStatus | undefined;
	serialRecord(productCode: string, serial: string): SerialRecord | undefined;
	revokeToken(token: string): void;
	/** What reached the decommission route and what the store did with it (see ledger.ts). */
	ledger(): SandboxLedger;
	/** Forgets requests, issued tokens, revocations, token use counts, fault counters, serials. */
	reset(): void;
}

export interface Sandbox {
	url: string;
	port: number;
	state: SandboxState;
	readonly settings: Readonly<SandboxSettings>;
	stop(): Promise<void>;
	/** Resolves once no request is being handled (late answers of slow faults included). */
	settle(): Promise<void>;
	/** Changes settings at runtime; the port cannot change and is ignored. */
	configure(patch: SandboxOptions): void;
	/** A dynamic token as /v1/api_auth would issue it, without an HTTP call. */
	issueToken(apiKey?: string): string;
}

export interface Outcome {
	status: number;
	body: unknown;
	contentType?: string;
	headers?: Record<string, string>;
}

export interface IncomingInfo {
	method: string;
	path: string;
	headers: Record<string, string>;
	rawBody: string;
	/** rawBody parsed once, for every check and the recorded request alike. */
	json: ParsedBody;
	/** bodyKey(rawBody), made once: faults and idempotence look bodies up by it. */
	bodyKey: string;
}

/** JSON.parse of a request body, or why it failed. */
export type ParsedBody = Checked<unknown>;
