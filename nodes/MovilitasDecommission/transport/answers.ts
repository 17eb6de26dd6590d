import { isRecord, readPath } from '../lib/readPath';
import { mask } from '../lib/secrets';

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

/** How much of a text from Movilitas goes into a message, after its secrets are masked. */
const MAX_TEXT = 300;

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
	if (!isRecord(body)) {
		return body === undefined || body === '' ? 'an empty body' : `a ${typeof body} body`;
	}
	const keys: string[] = [];
	for (const [key, value] of Object.entries(body)) {
		if (isRecord(value)) keys.push(...Object.keys(value).map((inner) => `${key}.${inner}`));
		else keys.push(key);
	}
	return keys.length ? `keys ${keys.join(', ')}` : 'an empty object';
}

/** Any text from Movilitas, made safe to show: secrets masked first, then shortened. */
export function safeText(text: string, secrets: readonly string[]): string {
	return mask(text.trim(), secrets, MAX_TEXT);
}

/** The API's own `message`, if it gave one, with secrets masked. */
export function apiMessage(body: unknown, secrets: readonly string[]): string | undefined {
	if (!isRecord(body)) {
		return typeof body === 'string' && body.trim() !== '' ? safeText(body, secrets) : undefined;
	}
	const nested = body.error;
	const candidates = [
		body.message,
		isRecord(nested) ? nested.message : undefined,
		body.msg,
		body.detail,
	];
	const found = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
	return found === undefined ? undefined : safeText(String(found), secrets);
}

/**
 * Calls `visit` for each per-serial entry of an answer (`data: [{ serial_number, status }]`),
 * in order, without building a list: an answer lists up to a batch size of serials.
 */
export function forEachSerialEntry(
	body: unknown,
	visit: (serial: string, status: unknown) => void,
): void {
	const data = isRecord(body) ? body.data : undefined;
	if (!Array.isArray(data)) return;
	for (const entry of data) {
		if (isRecord(entry) && typeof entry.serial_number === 'string') {
			visit(entry.serial_number, entry.status);
		}
	}
}

/** An answer's per-serial entries, if it has any. */
export function serialEntries(body: unknown): Array<{ serial: string; status: unknown }> {
	const entries: Array<{ serial: string; status: unknown }> = [];
	forEachSerialEntry(body, (serial, status) => entries.push({ serial, status }));
	return entries;
}
