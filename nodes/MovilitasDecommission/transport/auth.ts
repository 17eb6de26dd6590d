import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { AUTH_PATH, resolveBaseUrl } from './environment';
import { apiMessage, describeKeys, extractToken } from './token';

/**
 * Messages of the authentication failures raised in this process. n8n wraps a failing
 * preAuthentication in a NodeApiError that keeps the message and description but drops the
 * original error, so the node recognises a credential failure by its message.
 */
const raisedMessages = new Set<string>();

export function isAuthFailure(message: unknown): boolean {
	return typeof message === 'string' && raisedMessages.has(message);
}

/** Raised by the credential's preAuthentication when no token can be had. */
export class MovilitasAuthError extends UserError {
	constructor(message: string, description?: string) {
		super(message, { description });
		this.name = 'MovilitasAuthError';
		if (raisedMessages.size > 100) raisedMessages.clear();
		raisedMessages.add(message);
	}
}

interface FullResponse {
	statusCode: number;
	body: unknown;
}

/**
 * Exchanges the API key and secret for a token at the Authentication API. Static tokens need
 * no exchange: an empty answer tells n8n there is nothing to store.
 */
export async function fetchAccessToken(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	if (credentials.tokenType === 'static') return {};

	const resolved = resolveBaseUrl(credentials);
	if ('problem' in resolved) throw new MovilitasAuthError(resolved.problem);
	const apiKey = String(credentials.apiKey ?? '').trim();
	const apiSecret = String(credentials.apiSecret ?? '');
	if (apiKey === '' || apiSecret === '') {
		throw new MovilitasAuthError(
			'The Movilitas API credential has no API key or API secret',
			'A dynamic token needs both: create them on the Movilitas Tenant Dashboard under API keys.',
		);
	}

	let response: FullResponse;
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
		})) as FullResponse;
	} catch (error) {
		const code = (error as { code?: string }).code ?? 'a network error';
		// The code stays out of the message: n8n would replace such a message with a generic one.
		throw new MovilitasAuthError(
			`Could not reach the Movilitas Authentication API at ${resolved.baseUrl}`,
			`Network error ${code}. Check the environment or Base URL of the Movilitas API credential and the network.`,
		);
	}

	const { statusCode, body } = response;
	const said = apiMessage(body);
	const refused =
		statusCode === 400 ||
		statusCode === 401 ||
		statusCode === 403 ||
		(body !== null && typeof body === 'object' && (body as IDataObject).success === false);
	if (refused) {
		throw new MovilitasAuthError(
			`Invalid API key or secret: the Movilitas Authentication API refused them (HTTP ${statusCode}${said ? `, "${said}"` : ''})`,
			'Check the API key and API secret of the Movilitas API credential (Tenant Dashboard → API keys).',
		);
	}
	if (statusCode < 200 || statusCode >= 300) {
		throw new MovilitasAuthError(
			`The Movilitas Authentication API answered HTTP ${statusCode}${said ? ` ("${said}")` : ''}`,
			'The API key and secret were not checked. Try again later.',
		);
	}
	const token = extractToken(body);
	if (token === undefined) {
		throw new MovilitasAuthError(
			`The Movilitas Authentication API answered HTTP ${statusCode} without a token (it sent ${describeKeys(body)})`,
			'Expected the token in one of: token, access_token, accessToken, data.token, data.access_token.',
		);
	}
	return { accessToken: token };
}
