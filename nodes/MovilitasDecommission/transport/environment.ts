import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Hosts published by Movilitas for each environment of the credential. */
export const ENVIRONMENT_URLS = {
	production: 'https://api.movilitas.cloud',
	acceptance: 'https://api-acc.movilitas.cloud',
} as const;

export const AUTH_PATH = '/v1/api_auth';
export const DECOMMISSION_PATH = '/v1/manufacturer/v2/api/serials/decommission';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** https anywhere, plain http only on loopback (the sandbox and tests). */
export function isSecureUrl(url: URL): boolean {
	return (
		url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
	);
}

/**
 * Resolves the base URL of the credential's environment, refusing a custom URL that would
 * send the API secret or token in clear text: plain http is only accepted on loopback,
 * where the sandbox and tests run. Returns a message instead of throwing so that the
 * credential (no node context) and the node can each raise their own kind of error.
 */
export function resolveBaseUrl(
	credentials: ICredentialDataDecryptedObject,
): { baseUrl: string } | { problem: string } {
	const environment = (credentials.environment as string | undefined) ?? 'production';
	if (environment === 'production' || environment === 'acceptance') {
		return { baseUrl: ENVIRONMENT_URLS[environment] };
	}
	if (environment !== 'custom') {
		return { problem: `Unknown environment "${environment}" in the Movilitas API credential` };
	}
	const raw = String(credentials.baseUrl ?? '').trim();
	if (raw === '') {
		return { problem: 'The Movilitas API credential uses a custom environment without a Base URL' };
	}
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return { problem: `The custom Base URL "${raw}" of the Movilitas API credential is not a URL` };
	}
	if (!isSecureUrl(url)) {
		return {
			problem: `The custom Base URL "${raw}" must use https (plain http is only allowed for localhost, 127.0.0.1 and ::1)`,
		};
	}
	if (url.search || url.hash) {
		return { problem: `The custom Base URL "${raw}" must not contain a query or fragment` };
	}
	return { baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
