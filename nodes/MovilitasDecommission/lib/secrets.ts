import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Credential fields whose values must never appear in output items, errors or logs. */
export const SECRET_FIELDS = [
	'apiKey',
	'apiSecret',
	'staticToken',
	'accessToken',
	'channelSecretKey',
] as const;

/** Below this length a secret is masked only where it stands alone, not inside other words. */
const SHORT_SECRET = 8;

/** The secret values of a credential. */
export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	return SECRET_FIELDS.map((key) => credentials[key]).filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text with every place a long secret stands replaced by asterisks. The places are found in
 * the text as given and masked together, so that a secret that contains another, or two secrets
 * that overlap, are masked whole: masked one after the other, the second could no longer be found
 * and its end would show.
 */
function maskLong(text: string, secrets: readonly string[]): string {
	const places: Array<[number, number]> = [];
	for (const secret of secrets) {
		for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
			places.push([at, at + secret.length]);
		}
	}
	if (places.length === 0) return text;
	places.sort((a, b) => a[0] - b[0]);
	let clean = '';
	let kept = 0;
	let [start, end] = places[0];
	for (const [from, to] of places) {
		if (from > end) {
			clean += `${text.slice(kept, start)}***`;
			kept = end;
			start = from;
		}
		end = Math.max(end, to);
	}
	return `${clean}${text.slice(kept, start)}***${text.slice(end)}`;
}

/**
 * Replaces every secret in a text with asterisks, then shortens it: masking first, so that a
 * secret cut in half by the shortening cannot leak its beginning. A short secret is masked where
 * it stands as a word of its own, so that a channel key "miss" does not turn "Decommissioned"
 * into nonsense; short secrets are masked after the long ones, longest first.
 */
export function mask(text: string, secrets: readonly string[], maxLength = Infinity): string {
	const distinct = [...new Set(secrets)].filter((secret) => secret !== '');
	let clean = maskLong(
		text,
		distinct.filter((secret) => secret.length >= SHORT_SECRET),
	);
	const short = distinct.filter((secret) => secret.length < SHORT_SECRET);
	short.sort((a, b) => b.length - a.length);
	for (const secret of short) {
		const alone = new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(secret)}(?![A-Za-z0-9])`, 'g');
		clean = clean.replace(alone, '***');
	}
	return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}
