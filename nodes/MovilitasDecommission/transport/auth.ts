import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { isRecord } from '../lib/readPath';
import { mask, secretsOf } from '../lib/secrets';
import { apiMessage, describeKeys, extractToken } from './answers';
import { AUTH_PATH, redirectTarget, resolveBaseUrl } from './environment';

/**
 * Messages of the authentication failures raised in this process. Works around n8n
 * (n8n-core 2.8, `httpRequestWithAuthentication`): it wraps an error thrown by a credential's
 * preAuthentication in a NodeApiError that keeps the message and description but drops the
 * error itself (no `cause`), so the node can only recognise a credential failure by its
 * message. test/unit/auth-wrapping.test.ts fails when n8n stops dropping it: then this
 * registry can go, and the node can look for the error in the cause chain instead.
 */
const raisedMessages = new Set<string>();

export function isAuthFailure(message: unknown): boolean {
	return typeof message === 'string' && raisedMessages.has(message);
}

/** An error of the credential (no node context there), remembered so the node knows it. */
export function authError(message: string, description?: string): UserError {
	if (raisedMessages.size > 100) raisedMessages.clear();
	raisedMessages.add(message);
	return new UserError(message, { description });
}

interface FullResponse {
	statusCode: number;
	headers?: IDataObject;
	body: unknown;
}

function checkAnswer(
	response: FullResponse,
	baseUrl: string,
	secrets: string[],
): UserError | string {
	const { statusCode, body } = response;
	const apiText = apiMessage(body, secrets);
	if (statusCode >= 300 && statusCode < 400) {
		const target = redirectTarget(response.headers?.location, baseUrl);
		return authError(
			`The Movilitas Authentication API answered HTTP ${statusCode}, a redirect to ${target}: not followed`,
			'The API key and secret were sent to the configured host only, never to the redirect target. Check the environment or Base URL of the Movilitas API credential.',
		);
	}
	const refused =
		statusCode === 400 ||
		statusCode === 401 ||
		statusCode === 403 ||
		(isRecord(body) && body.success === false);
	if (refused) {
		return authError(
			`Invalid API key or secret: the Movilitas Authentication API refused them (HTTP ${statusCode}${apiText ? `, "${apiText}"` : ''})`,
			'Check the API key and API secret of the Movilitas API credential (Tenant Dashboard → API keys).',
		);
	}
	if (statusCode < 200 || statusCode >= 300) {
		return authError(
			`The Movilitas Authentication API answered HTTP ${statusCode}${apiText ? ` ("${apiText}")` : ''}`,
			'The API key and secret were not checked. Try again later.',
		);
	}
	const token = extractToken(body);
	if (token === undefined) {
		return authError(
			`The Movilitas Authentication API answered HTTP ${statusCode} without a token (it sent ${mask(describeKeys(body), secrets)})`,
			'Expected the token in one of: token, access_token, accessToken, data.token, data.access_token.',
		);
	}
	return token;
}

/**
 * Exchanges the API key and secret for a token at the Authentication API. Static tokens need
 * no exchange: an empty answer tells n8n there is nothing to store.
 */
export async function fetchAccessToken(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	if (credentials.authentication === 'static') return {};

	const resolved = resolveBaseUrl(credentials);
	if (!resolved.ok) throw authError(resolved.problem);
	const apiKey = String(credentials.apiKey ?? '').trim();
	const apiSecret = String(credentials.apiSecret ?? '');
	if (apiKey === '' || apiSecret === '') {
		throw authError(
			'The Movilitas API credential has no API key or API secret',
			'A dynamic token needs both: create them on the Movilitas Tenant Dashboard under API keys.',
		);
	}

	let response: FullResponse | undefined;
	let networkCode = 'a network error';
	try {
		response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${resolved.baseUrl}${AUTH_PATH}`,
			headers: { 'Content-Type': 'application/json' },
			body: { api_key: apiKey, api_secret: apiSecret },
			json: true,
			returnFullResponse: true,
			// Every answer is inspected here, so that a refused secret is reported in plain words
			// and never surfaces as a 401 that n8n would answer with yet another refresh.
			ignoreHttpStatusErrors: true,
			// A redirect would carry the API key and secret to another host.
			disableFollowRedirect: true,
		})) as FullResponse;
	} catch (error) {
		networkCode = (error as { code?: string }).code ?? networkCode;
	}
	if (!response) {
		// The code stays out of the message: n8n would replace such a message with a generic one.
		throw authError(
			`Could not reach the Movilitas Authentication API at ${resolved.baseUrl}`,
			`Network error ${networkCode}. Check the environment or Base URL of the Movilitas API credential and the network.`,
		);
	}
	const token = checkAnswer(response, resolved.baseUrl, secretsOf(credentials));
	if (typeof token !== 'string') throw token;
	return { accessToken: token };
}
