import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import nock from 'nock';
import type { IDataObject, INode, INodeParameters, IWorkflowBase } from 'n8n-workflow';

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
	const { apiKey, apiSecret, staticToken, channelSecretKey } = credentialFixtures[kind].data;
	return [apiKey, apiSecret, staticToken, channelSecretKey].filter((value) => value !== '');
}

export function credentialsHelper(...credentials: HarnessCredential[]): HarnessCredentialsHelper {
	return new HarnessCredentialsHelper({ movilitasApi: new MovilitasApi() }, credentials);
}

/** Variations of a scenario's workflow, so one fixture can serve a table of cases. */
export interface ScenarioChanges {
	/** Merged over the Movilitas node's parameters (its `options` are merged too). */
	parameters?: INodeParameters;
	/** Replace the items pinned on the Start node. */
	items?: IDataObject[];
	/** Node settings of the Movilitas node, such as onError. */
	node?: Partial<INode>;
}

type WorkflowJson = Pick<IWorkflowBase, 'nodes' | 'connections' | 'settings' | 'pinData'>;

function changedWorkflow(workflowFile: string, changes: ScenarioChanges): WorkflowJson {
	const json = JSON.parse(readFileSync(join(__dirname, workflowFile), 'utf8')) as WorkflowJson;
	const node = json.nodes.find((entry) => entry.name === NODE);
	if (!node) throw new Error(`${workflowFile} has no node named ${NODE}`);
	const options = {
		...(node.parameters.options as INodeParameters),
		...(changes.parameters?.options as INodeParameters | undefined),
	};
	node.parameters = { ...node.parameters, ...changes.parameters, options };
	Object.assign(node, changes.node);
	if (changes.items)
		json.pinData = { ...json.pinData, Start: changes.items.map((item) => ({ json: item })) };
	return json;
}

/**
 * Runs `<name>.workflow.json` beside the tests with the real node and credential, optionally
 * with other parameters, input items or node settings.
 */
export async function runScenario(
	workflowFile: string,
	helper: HarnessCredentialsHelper = credentialsHelper(credential()),
	changes: ScenarioChanges = {},
): Promise<WorkflowResult> {
	return await executeWorkflow({
		workflow: changedWorkflow(workflowFile, changes),
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

/**
 * Advice to send serials again ("try again", "resend", "send … again"), except the node's
 * statement that it never resends: for an unknown outcome that advice could decommission twice.
 */
export const RESEND_ADVICE = /try again|(?<!never )resends?\b|send (?:\w+ )?again/i;

export interface Arrival {
	n: number;
	at: number;
	token: string;
	serials: string[];
}
export type Answer = [number, unknown, Record<string, string>?];

/**
 * Movilitas in production answering each decommission with what `answer` decides (it may
 * wait; undefined means success for every serial); records when each request arrived, with
 * which token and serials, and how many were in flight at most.
 */
export function recordingMovilitas(answer: (arrival: Arrival) => Promise<Answer | undefined>) {
	const arrivals: Arrival[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	nock(PRODUCTION)
		.post(DECOMMISSION_PATH)
		.times(100)
		.reply(async function (uri, body) {
			const arrival: Arrival = {
				n: arrivals.length + 1,
				at: Date.now(),
				token: String(this.req.headers['x-access-token']),
				serials: (body as { serials: string[] }).serials,
			};
			arrivals.push(arrival);
			maxInFlight = Math.max(maxInFlight, ++inFlight);
			try {
				return (await answer(arrival)) ?? [200, decommissioned(uri, body)];
			} finally {
				inFlight--;
			}
		});
	return {
		arrivals,
		maxInFlight: () => maxInFlight,
		done: () => nock.cleanAll(),
	};
}
