import { httpStatus, oneOf, share, whole } from './checks';
import { validateFaults } from './fault-config';
import {
	ERROR_SHAPES,
	ERROR_TYPES,
	MARKETS,
	RESPONSE_ORDERS,
	TOKEN_FIELDS,
	type SandboxErrorType,
	type SandboxOptions,
	type SandboxSettings,
} from './types';

export const AUTH_PATH = '/v1/api_auth';
export const DECOMMISSION_PATH = '/v1/manufacturer/v2/api/serials/decommission';

export const DEFAULT_API_KEY = 'sandbox-key';
export const DEFAULT_API_SECRET = 'sandbox-secret-123';
export const DEFAULT_STATIC_TOKEN = 'sandbox-static-token';
export const DEFAULT_CHANNEL_KEY = 'sandbox-channel';
/** Both carry valid GS1 check digits, unlike the vendor's sample 01234567891234. */
export const DEFAULT_PRODUCT_EU = '09506000134352';
export const DEFAULT_PRODUCT_US = '05012345678900';

export const DEFAULT_ERROR_STATUS: Record<SandboxErrorType, number> = {
	NoTokenError: 401,
	InvalidTokenError: 401,
	ChannelError: 403,
	ValidationError: 400,
	ProductError: 404,
	SerialNotFoundError: 404,
	SerialStateError: 409,
	RateLimitError: 429,
	ServiceUnavailableError: 503,
	NotFoundError: 404,
};

export function defaultSettings(): SandboxSettings {
	return {
		port: 0,
		apiKeys: [{ apiKey: DEFAULT_API_KEY, apiSecret: DEFAULT_API_SECRET }],
		tokenField: 'token',
		tokenLifetimeSeconds: 86400,
		authFailureStatus: 401,
		staticTokens: [DEFAULT_STATIC_TOKEN],
		revokedTokens: [],
		channelKeys: [DEFAULT_CHANNEL_KEY],
		requireJsonContentType: true,
		products: [
			{ productCode: DEFAULT_PRODUCT_EU, marketId: 'EU' },
			{ productCode: DEFAULT_PRODUCT_US, marketId: 'US' },
		],
		anySerialCommissioned: true,
		marketMismatch: 'error',
		maxSerialsPerRequest: null,
		strictSerials: false,
		rejectUnknownFields: false,
		responseOrder: 'reverse',
		alreadyDecommissioned: 'status',
		alreadyDecommissionedStatus: 'Decommissioned',
		unknownSerial: 'status',
		unknownSerialStatus: 'Not found',
		omitSerials: [],
		omitShare: 0,
		omitProcessed: true,
		errorShape: 'error',
		errorStatus: { ...DEFAULT_ERROR_STATUS },
		tokenErrorInOkBody: false,
		latencyMs: 0,
		rateLimit: null,
		fail503: null,
		dropConnections: null,
		fail429: null,
		serverErrors: null,
		slowAnswers: null,
		partialFailure: null,
		redirects: null,
		expireTokenAfterRequests: null,
		faultsOnAuth: false,
		honestAfterProcessing: false,
		echoSecrets: false,
		seed: 1,
	};
}

const KNOWN_KEYS = new Set<string>([...Object.keys(defaultSettings()), 'onRequest']);

/** Returns new settings; throws on unknown keys or bad values so a typo in a config file is loud. */
export function applyOptions(base: SandboxSettings, patch: SandboxOptions): SandboxSettings {
	const next: SandboxSettings = { ...base, errorStatus: { ...base.errorStatus } };
	for (const [key, value] of Object.entries(patch)) {
		if (!KNOWN_KEYS.has(key)) throw new Error(`Unknown sandbox setting "${key}"`);
		if (value === undefined) continue;
		if (key === 'errorStatus') {
			for (const [type, status] of Object.entries(value as Record<string, unknown>)) {
				if (!(ERROR_TYPES as readonly string[]).includes(type)) {
					throw new Error(`Unknown error type "${type}" in errorStatus`);
				}
				next.errorStatus[type as SandboxErrorType] = httpStatus(`errorStatus.${type}`, status);
			}
			continue;
		}
		(next as unknown as Record<string, unknown>)[key] = value;
	}
	validate(next);
	return next;
}

function validate(s: SandboxSettings): void {
	oneOf('tokenField', s.tokenField, TOKEN_FIELDS);
	oneOf('errorShape', s.errorShape, ERROR_SHAPES);
	oneOf('responseOrder', s.responseOrder, RESPONSE_ORDERS);
	oneOf('alreadyDecommissioned', s.alreadyDecommissioned, ['status', 'error']);
	oneOf('unknownSerial', s.unknownSerial, ['status', 'error']);
	oneOf('marketMismatch', s.marketMismatch, ['error', 'ignore']);
	httpStatus('authFailureStatus', s.authFailureStatus);
	whole('port', s.port);
	whole('tokenLifetimeSeconds', s.tokenLifetimeSeconds);
	whole('latencyMs', s.latencyMs);
	if (!Number.isFinite(s.seed)) throw new Error('seed must be a number');
	share('omitShare', s.omitShare);
	if (s.maxSerialsPerRequest !== null) whole('maxSerialsPerRequest', s.maxSerialsPerRequest, 1);
	if (s.expireTokenAfterRequests !== null) {
		whole('expireTokenAfterRequests', s.expireTokenAfterRequests);
	}
	for (const list of ['staticTokens', 'revokedTokens', 'channelKeys', 'omitSerials'] as const) {
		if (!Array.isArray(s[list]) || s[list].some((v) => typeof v !== 'string')) {
			throw new Error(`${list} must be an array of strings`);
		}
	}
	if (!Array.isArray(s.apiKeys)) throw new Error('apiKeys must be an array');
	for (const k of s.apiKeys) {
		if (typeof k?.apiKey !== 'string' || typeof k.apiSecret !== 'string') {
			throw new Error('apiKeys entries need string apiKey and apiSecret');
		}
	}
	if (!Array.isArray(s.products)) throw new Error('products must be an array');
	for (const p of s.products) {
		if (typeof p?.productCode !== 'string') throw new Error('products entries need productCode');
		if (p.marketId !== undefined) oneOf('products[].marketId', p.marketId, MARKETS);
	}
	if (s.rateLimit) {
		whole('rateLimit.limit', s.rateLimit.limit);
		whole('rateLimit.windowMs', s.rateLimit.windowMs, 1);
		whole('rateLimit.retryAfterSeconds', s.rateLimit.retryAfterSeconds);
	}
	validateFaults(s);
}
