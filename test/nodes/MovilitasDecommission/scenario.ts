import { join } from 'node:path';

import nock from 'nock';

import { MovilitasApi } from '../../../credentials/MovilitasApi.credentials';
import { MovilitasDecommission } from '../../../nodes/MovilitasDecommission/MovilitasDecommission.node';
import {
	executeWorkflow,
	HarnessCredentialsHelper,
	packageNodeType,
	type HarnessCredential,
	type WorkflowResult,
} from '../../harness';
import credentialFixtures from './fixtures/credentials.json';

export const PRODUCTION = 'https://api.movilitas.cloud';
export const ACCEPTANCE = 'https://api-acc.movilitas.cloud';
export const AUTH_PATH = '/v1/api_auth';
export const DECOMMISSION_PATH = '/v1/manufacturer/v2/api/serials/decommission';
export const NODE = 'Movilitas Decommission';

type CredentialKind = keyof typeof credentialFixtures;

/** A fresh copy of a credential fixture, optionally with other data. */
export function credential(
	kind: CredentialKind = 'dynamic',
	data: Record<string, string> = {},
): HarnessCredential {
	const fixture = credentialFixtures[kind];
	return { ...fixture, data: { ...fixture.data, ...data } };
}

/** Every secret of a credential fixture, to search output and errors for. */
export function secretsOf(kind: CredentialKind): string[] {
	const { apiSecret, staticToken, channelSecretKey } = credentialFixtures[kind].data;
	return [apiSecret, staticToken, channelSecretKey].filter((value) => value !== '');
}

export function credentialsHelper(...credentials: HarnessCredential[]): HarnessCredentialsHelper {
	return new HarnessCredentialsHelper({ movilitasApi: new MovilitasApi() }, credentials);
}

/** Runs `<name>.workflow.json` beside the tests with the real node and credential. */
export async function runScenario(
	workflowFile: string,
	helper: HarnessCredentialsHelper = credentialsHelper(credential()),
): Promise<WorkflowResult> {
	return await executeWorkflow({
		workflow: join(__dirname, workflowFile),
		nodeTypes: { [packageNodeType('movilitasDecommission')]: new MovilitasDecommission() },
		credentialTypes: { movilitasApi: new MovilitasApi() },
		credentialsHelper: helper,
	});
}

/** The Authentication API answering with a token, `times` times. */
export function authReplies(base: string, tokens: string[]): nock.Scope {
	const scope = nock(base);
	for (const token of tokens) {
		scope
			.post(AUTH_PATH, { api_key: 'key-4f1a9c', api_secret: 'secret-7d2e8b61' })
			.reply(200, { success: true, message: 'Authentication successful', token });
	}
	return scope;
}

/** A success answer for the serials of a request body, listed in reverse order. */
export function decommissioned(_uri: string, body: nock.Body) {
	const serials = (body as { serials: string[] }).serials;
	return {
		success: true,
		message: 'Serials decommissioned',
		data: [...serials]
			.reverse()
			.map((serial) => ({ serial_number: serial, status: 'Decommissioned' })),
	};
}

/**
 * Movilitas in production accepting `times` decommission requests (after one token request),
 * answering each with success; returns the request bodies as they arrive.
 */
export function acceptDecommissions(times: number): Array<Record<string, unknown>> {
	authReplies(PRODUCTION, ['jwt-1']);
	const bodies: Array<Record<string, unknown>> = [];
	nock(PRODUCTION)
		.post(DECOMMISSION_PATH, (body: Record<string, unknown>) => bodies.push(body) > 0)
		.times(times)
		.reply(200, decommissioned);
	return bodies;
}

/** Everything a run exposes to a user: output items and the error with its description. */
export function visibleText(result: WorkflowResult): string {
	return JSON.stringify({
		output: result.output(NODE),
		error: result.error,
		message: result.error?.message,
		description: result.error?.description,
		nodeError: result.nodeError(NODE),
	});
}

export function setupNock(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
	afterAll(() => nock.enableNetConnect());
}
