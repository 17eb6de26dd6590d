import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authError, fetchAccessToken } from '../nodes/MovilitasDecommission/transport/auth';
import {
	AUTH_PATH,
	baseUrlExpression,
	ENVIRONMENT_URLS,
	isSecureUrl,
	PACKAGING_ORDER_DETAILS_PATH,
} from '../nodes/MovilitasDecommission/transport/environment';

export class MovilitasApi implements ICredentialType {
	name = 'movilitasApi';

	displayName = 'Movilitas API';

	icon = { light: 'file:movilitas.svg', dark: 'file:movilitas.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-movilitas/n8n-nodes-movilitas#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: ENVIRONMENT_URLS.production },
				{
					name: 'Acceptance',
					value: 'acceptance',
					description: `${ENVIRONMENT_URLS.acceptance}, the test tenant`,
				},
				{ name: 'Custom', value: 'custom', description: 'A gateway, proxy or the local sandbox' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://gateway.example.com',
			description: 'Must use https; http is accepted only for localhost, 127.0.0.1 and ::1',
			displayOptions: { show: { environment: ['custom'] } },
			required: true,
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Dynamic (API Key and Secret)',
					value: 'dynamic',
					description: 'Exchanged at the Authentication API and refreshed automatically',
				},
				{
					name: 'Static Token',
					value: 'static',
					description: 'Generated on the Tenant Dashboard; does not expire but can be revoked',
				},
			],
			default: 'dynamic',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['dynamic'] } },
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['dynamic'] } },
		},
		{
			displayName: 'Static Token',
			name: 'staticToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['static'] } },
		},
		{
			displayName: 'Channel Key',
			name: 'channelSecretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Key of a shopfloor channel whose source is the Manufacturer V2 API',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await fetchAccessToken.call(this, credentials);
	}

	// A function rather than a generic header map, so that it can refuse to put the token and
	// channel key on a request to a plain-http host off loopback, whoever builds that request
	// (the node checks its base URL itself; the credential test request does not).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const target = String(requestOptions.url ?? '');
		let url: URL | undefined;
		try {
			url = new URL(target, requestOptions.baseURL || undefined);
		} catch {
			url = undefined;
		}
		if (url && !isSecureUrl(url)) {
			throw authError(
				`Refusing to send the Movilitas token over plain http to ${url.host}: use https (plain http is only allowed for localhost, 127.0.0.1 and ::1)`,
			);
		}
		const token =
			credentials.authentication === 'static' ? credentials.staticToken : credentials.accessToken;
		const headers = {
			'x-access-token': String(token ?? ''),
			'x-channel-key': String(credentials.channelSecretKey ?? ''),
		};
		// A value pasted with a line break would make Node refuse to build the request, with an
		// error that names no field: say which field holds it instead.
		for (const [header, field] of [
			['x-access-token', credentials.authentication === 'static' ? 'Static Token' : 'Access Token'],
			['x-channel-key', 'Channel Key'],
		]) {
			if (/[^\t\x20-\x7e]/.test(headers[header as keyof typeof headers])) {
				throw authError(
					`The ${field} of the Movilitas API credential holds a line break or another character an HTTP header cannot carry: remove it`,
				);
			}
		}
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, ...headers },
		};
	}

	// A dynamic token is proven by the Authentication API itself. A static token has no such
	// call, so it is checked with a read-only request for a packaging order that cannot exist:
	// a refused token or channel key answers 401/403 there, never a decommission.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(),
			url: `={{ $credentials.authentication === 'static' ? '${PACKAGING_ORDER_DETAILS_PATH}?order_id=n8n-credential-test' : '${AUTH_PATH}' }}`,
			method:
				"={{ $credentials.authentication === 'static' ? 'GET' : 'POST' }}" as unknown as IHttpRequestMethods,
			// A redirect would carry the API key and secret, or the token, to another host.
			disableFollowRedirect: true,
			body: {
				api_key: '={{ $credentials.apiKey }}',
				api_secret: '={{ $credentials.apiSecret }}',
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Invalid API key or secret (or token refused)' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'Invalid API key or secret (or token refused)' },
			},
			{
				type: 'responseCode',
				properties: { value: 400, message: 'Invalid API key or secret' },
			},
		],
	};
}
