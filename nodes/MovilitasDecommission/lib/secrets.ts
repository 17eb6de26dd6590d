import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Credential fields whose values must never appear in output items, errors or logs. */
export const SECRET_FIELDS = [
	'apiKey',
	'apiSecret',
	'staticToken',
	'accessToken',
	'channelSecretKey',
] as const;

/** The secret values of a credential (empty and very short values cannot be told apart). */
export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	return SECRET_FIELDS.map((key) => credentials[key]).filter(
		(value): value is string => typeof value === 'string' && value.length >= 4,
	);
}

/**
 * Replaces every secret in a text with asterisks, then shortens it: masking first, so that a
 * secret cut in half by the shortening cannot leak its beginning.
 */
export function mask(text: string, secrets: readonly string[], maxLength = Infinity): string {
	let clean = text;
	for (const secret of secrets) {
		if (secret.length >= 4) clean = clean.split(secret).join('***');
	}
	return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}
