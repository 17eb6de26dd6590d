import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Result } from '../lib/result';

/** Hosts published by Movilitas for each environment of the credential. */
export const ENVIRONMENT_URLS = {
	production: 'https://api.movilitas.cloud',
	acceptance: 'https://api-acc.movilitas.cloud',
} as const;

export const AUTH_PATH = '/v1/api_auth';
export const DECOMMISSION_PATH = '/v1/manufacturer/v2/api/serials/decommission';
/** A read-only request, used to test a static token without decommissioning anything. */
export const PACKAGING_ORDER_DETAILS_PATH = '/v1/manufacturer/v2/api/packaging_order/details';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** https anywhere, plain http only on loopback (the sandbox and tests). */
export function isSecureUrl(url: URL): boolean {
	return (
		url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
	);
}

/**
 * The credential's base URL as an n8n expression, for the credential test request, which n8n
 * builds from expressions: the same hosts as resolveBaseUrl, from the same constants.
 */
export function baseUrlExpression(): string {
	const { production, acceptance } = ENVIRONMENT_URLS;
	return `={{ $credentials.environment === 'acceptance' ? '${acceptance}' : $credentials.environment === 'custom' ? String($credentials.baseUrl).trim().replace(/\\/+$/, '') : '${production}' }}`;
}

/**
 * Resolves the base URL of the credential's environment, refusing a custom URL that would
 * send the API secret or token in clear text: plain http is only accepted on loopback,
 * where the sandbox and tests run. Returns a problem instead of throwing so that the
 * credential (no node context) and the node can each raise their own kind of error.
 */
export function resolveBaseUrl(
	credentials: ICredentialDataDecryptedObject,
): Result<{ baseUrl: string }> {
	const environment = (credentials.environment as string | undefined) ?? 'production';
	if (environment === 'production' || environment === 'acceptance') {
		return { ok: true, baseUrl: ENVIRONMENT_URLS[environment] };
	}
	if (environment !== 'custom') {
		return {
			ok: false,
			problem: `Unknown environment "${environment}" in the Movilitas API credential`,
		};
	}
	const raw = String(credentials.baseUrl ?? '').trim();
	if (raw === '') {
		return {
			ok: false,
			problem: 'The Movilitas API credential uses a custom environment without a Base URL',
		};
	}
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return {
			ok: false,
			problem: `The custom Base URL "${raw}" of the Movilitas API credential is not a URL`,
		};
	}
	if (!isSecureUrl(url)) {
		return {
			ok: false,
			problem: `The custom Base URL "${raw}" must use https (plain http is only allowed for localhost, 127.0.0.1 and ::1)`,
		};
	}
	if (url.search || url.hash || url.username || url.password) {
		return {
			ok: false,
			problem: `The custom Base URL "${raw}" must not contain a query, fragment or user name`,
		};
	}
	return { ok: true, baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The host a redirect points to, never its path or query (which may carry anything). */
export function redirectTarget(location: unknown, from: string): string {
	if (typeof location !== 'string' || location.trim() === '') return 'nowhere (no Location header)';
	try {
		return new URL(String(location), from).host || 'an unnamed host';
	} catch {
		return 'an unreadable location';
	}
}
