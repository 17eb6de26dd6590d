/**
 * The Authentication API's token field is not documented: these are the places a token has
 * been seen or could plausibly stand, in the order they are tried.
 */
export const TOKEN_PATHS = [
	'token',
	'access_token',
	'accessToken',
	'data.token',
	'data.access_token',
];

function readPath(body: unknown, path: string): unknown {
	let value: unknown = body;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** The first non-empty string token found in an authentication answer, if any. */
export function extractToken(body: unknown): string | undefined {
	for (const path of TOKEN_PATHS) {
		const value = readPath(body, path);
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return undefined;
}

/** Keys (one level of nesting) present in an answer, to say what came back without values. */
export function describeKeys(body: unknown): string {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return body === undefined || body === '' ? 'an empty body' : `a ${typeof body} body`;
	}
	const keys: string[] = [];
	for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
			keys.push(...Object.keys(value as object).map((inner) => `${key}.${inner}`));
		} else {
			keys.push(key);
		}
	}
	return keys.length ? `keys ${keys.join(', ')}` : 'an empty object';
}

/** A short, secret-free rendering of the API's own `message`, if it gave one. */
export function apiMessage(body: unknown): string | undefined {
	if (body === null || typeof body !== 'object') {
		return typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 300) : undefined;
	}
	const record = body as Record<string, unknown>;
	const nested = record.error;
	const candidates = [
		record.message,
		nested !== null && typeof nested === 'object'
			? (nested as Record<string, unknown>).message
			: undefined,
		record.msg,
		record.detail,
	];
	const found = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
	return found === undefined ? undefined : String(found).trim().slice(0, 300);
}
