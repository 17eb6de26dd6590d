import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Workflow, type INode, type INodeProperties } from 'n8n-workflow';

import { MovilitasApi } from '../../credentials/MovilitasApi.credentials';
import { MovilitasDecommission } from '../../nodes/MovilitasDecommission/MovilitasDecommission.node';
import { HarnessNodeTypes, packageNodeType } from '../harness';

const credentialType = new MovilitasApi();
const nodeType = new MovilitasDecommission();
const node: INode = {
	id: '1',
	name: 'Movilitas Decommission',
	type: packageNodeType('movilitasDecommission'),
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const workflow = new Workflow({
	nodes: [node],
	connections: {},
	active: false,
	nodeTypes: new HarnessNodeTypes({ [node.type]: nodeType }),
});

/** Resolves a credential expression the way n8n does for authenticate and test requests. */
function resolve(value: unknown, credentials: Record<string, string>): unknown {
	return workflow.expression.getSimpleParameterValue(
		node,
		value as string,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
}

const dynamic = {
	environment: 'production',
	authentication: 'dynamic',
	apiKey: 'k',
	apiSecret: 's',
	staticToken: '',
	channelSecretKey: 'ch',
	accessToken: 'jwt',
};
const staticToken = {
	...dynamic,
	environment: 'acceptance',
	authentication: 'static',
	staticToken: 'st',
	accessToken: '',
};

describe('Movilitas API credential', () => {
	it('keeps the field names saved credentials depend on', () => {
		expect(credentialType.name).toBe('movilitasApi');
		expect(credentialType.properties.map((p) => p.name)).toEqual([
			'environment',
			'baseUrl',
			'authentication',
			'apiKey',
			'apiSecret',
			'staticToken',
			'channelSecretKey',
			'accessToken',
		]);
		const values = (name: string) =>
			(
				credentialType.properties.find((p) => p.name === name)?.options as Array<{ value: string }>
			).map((o) => o.value);
		expect(values('environment')).toEqual(['production', 'acceptance', 'custom']);
		expect(values('authentication')).toEqual(['dynamic', 'static']);
	});

	it('keeps secrets in password fields and the token in a hidden expirable field', () => {
		const byName = (name: string) =>
			credentialType.properties.find((p) => p.name === name) as INodeProperties;
		for (const name of ['apiKey', 'apiSecret', 'staticToken', 'channelSecretKey']) {
			expect(byName(name).typeOptions?.password).toBe(true);
		}
		expect(byName('accessToken')).toMatchObject({
			type: 'hidden',
			typeOptions: { expirable: true },
		});
	});

	it.each([
		['dynamic', dynamic, 'jwt'],
		['static', staticToken, 'st'],
	])(
		'authenticates a %s token with x-access-token and x-channel-key',
		async (_, credentials, token) => {
			const options = await credentialType.authenticate(credentials, {
				url: 'https://api.movilitas.cloud/v1/manufacturer/v2/api/serials/decommission',
				headers: { 'Content-Type': 'application/json' },
			});
			expect(options.headers).toEqual({
				'Content-Type': 'application/json',
				'x-access-token': token,
				'x-channel-key': 'ch',
			});
		},
	);

	it.each([
		['http://gateway.example.com/v1/api_auth', undefined, 'gateway.example.com'],
		['/v1/api_auth', 'http://gateway.internal:8080', 'gateway.internal:8080'],
	])(
		'refuses to put the token on %s (base %s): plain http off loopback',
		async (url, baseURL, host) => {
			await expect(credentialType.authenticate(dynamic, { url, baseURL })).rejects.toThrow(
				`Refusing to send the Movilitas token over plain http to ${host}`,
			);
		},
	);

	it('accepts plain http on loopback, for the sandbox', async () => {
		const options = await credentialType.authenticate(dynamic, {
			url: '/v1/api_auth',
			baseURL: 'http://127.0.0.1:8787',
		});
		expect(options.headers?.['x-access-token']).toBe('jwt');
	});

	it.each([
		['dynamic in production', dynamic, 'https://api.movilitas.cloud', '/v1/api_auth', 'POST'],
		[
			'static in acceptance',
			staticToken,
			'https://api-acc.movilitas.cloud',
			'/v1/manufacturer/v2/api/packaging_order/details?order_id=n8n-credential-test',
			'GET',
		],
		[
			'dynamic in a custom environment',
			{ ...dynamic, environment: 'custom', baseUrl: 'http://127.0.0.1:8787/' },
			'http://127.0.0.1:8787',
			'/v1/api_auth',
			'POST',
		],
	])(
		'tests a %s credential with a request that sends no decommission',
		(_, credentials, baseURL, url, method) => {
			const { request } = credentialType.test;
			expect(resolve(request.baseURL, credentials)).toBe(baseURL);
			expect(resolve(request.url, credentials)).toBe(url);
			expect(resolve(request.method, credentials)).toBe(method);
		},
	);

	it('masks the API key and secret where a tokenless answer uses them as keys', async () => {
		const apiKey = 'KEY-0123456789';
		const apiSecret = 'SECRET-"9876\\543210';
		const httpRequest = jest.fn().mockResolvedValue({
			statusCode: 200,
			body: { [apiKey]: { [apiSecret]: 'expired' } },
		});
		const call = credentialType.preAuthentication.call(
			{ helpers: { httpRequest } },
			{ ...dynamic, apiKey, apiSecret },
		);
		await expect(call).rejects.toThrow('without a token (it sent keys ***.***)');
	});

	it('asks nothing of the Authentication API for a static token', async () => {
		const httpRequest = jest.fn();
		const output = await credentialType.preAuthentication.call(
			{ helpers: { httpRequest } },
			staticToken,
		);
		expect(output).toEqual({});
		expect(httpRequest).not.toHaveBeenCalled();
	});
});

describe('Movilitas Decommission node description', () => {
	const { description } = nodeType;

	it('keeps the names saved workflows depend on', () => {
		expect(description.name).toBe('movilitasDecommission');
		expect(description.properties.map((p) => p.name)).toEqual([
			'notice',
			'serialsSource',
			'productCode',
			'productCodeSchema',
			'reason',
			'sendToMarket',
			'marketId',
			'serials',
			'serialsSeparator',
			'serialsField',
			'serialsSeparator',
			'barcodeField',
			'options',
		]);
		const options = description.properties.find((p) => p.name === 'options')
			?.options as INodeProperties[];
		expect(options.map((o) => o.name)).toEqual([
			'batchSize',
			'dryRun',
			'includeSettings',
			'requestTimeout',
			'requestsInFlight',
			'skipCheckDigitValidation',
		]);
		const values = (name: string) =>
			(
				description.properties.find((p) => p.name === name)?.options as Array<{ value: string }>
			).map((o) => o.value);
		expect(values('reason')).toEqual([
			'check_out',
			'destroy',
			'export',
			'free_sample',
			'lock',
			'sample',
		]);
		expect(values('marketId')).toEqual(['CHN', 'EU', 'IDN', '', 'US']);
		expect(values('serialsSource')).toEqual(['field', 'barcode', 'list']);
		expect(values('serialsSeparator')).toEqual([
			'comma',
			'lineBreak',
			'none',
			'semicolon',
			'whitespace',
		]);
		const separators = description.properties.filter((p) => p.name === 'serialsSeparator');
		expect(separators.map((p) => [p.displayOptions?.show?.serialsSource, p.default])).toEqual([
			[['list'], 'lineBreak'],
			[['field'], 'none'],
		]);
		// n8n lists options as given: sorted by name, as its verification asks.
		for (const property of description.properties.filter((p) => p.type === 'options')) {
			const names = (property.options as Array<{ name: string }>).map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	it('is usable as a tool, shows the reason as subtitle and ships its codex and icon', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toContain('$parameter["reason"]');
		expect(description.credentials).toEqual([{ name: 'movilitasApi', required: true }]);
		const folder = join(__dirname, '..', '..', 'nodes', 'MovilitasDecommission');
		const codex = JSON.parse(readFileSync(join(folder, 'MovilitasDecommission.node.json'), 'utf8'));
		expect(codex.node).toBe(packageNodeType('movilitasDecommission'));
		expect(codex.categories.length).toBeGreaterThan(0);
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\//);
		expect(description.icon).toEqual({
			light: 'file:movilitas.svg',
			dark: 'file:movilitas.dark.svg',
		});
		expect(existsSync(join(folder, 'movilitas.svg'))).toBe(true);
		expect(existsSync(join(folder, 'movilitas.dark.svg'))).toBe(true);
	});
});
