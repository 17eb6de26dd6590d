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
 * Replaces every secret in a text with asterisks, then shortens it: masking first, so that a
 * secret cut in half by the shortening cannot leak its beginning. The longest secrets go first,
 * so a secret that contains another is masked whole. A short secret is masked where it stands
 * as a word of its own, so that a channel key "miss" does not turn "Decommissioned" into
 * nonsense.
 */
export function mask(text: string, secrets: readonly string[], maxLength = Infinity): string {
	let clean = text;
	const longestFirst = [...new Set(secrets)].filter((secret) => secret !== '');
	longestFirst.sort((a, b) => b.length - a.length);
	for (const secret of longestFirst) {
		if (secret.length >= SHORT_SECRET) {
			clean = clean.split(secret).join('***');
		} else {
			const alone = new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(secret)}(?![A-Za-z0-9])`, 'g');
			clean = clean.replace(alone, '***');
		}
	}
	return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}
