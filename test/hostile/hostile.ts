/**
 * Helpers for the hostile tests: a workflow built in memory (a manual trigger with pinned items
 * feeding the node), run in n8n-core's engine, and a nock stand-in for Movilitas that records
 * every request it gets, headers included.
 */
import nock from 'nock';

import { MovilitasApi } from '../../credentials/MovilitasApi.credentials';
import { MovilitasDecommission } from '../../nodes/MovilitasDecommission/MovilitasDecommission.node';
import { executeWorkflow, packageNodeType, type WorkflowResult } from '../harness';
import {
	AUTH_PATH,
	credential,
	credentialsHelper,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
} from '../nodes/MovilitasDecommission/scenario';

export { AUTH_PATH, credential, credentialsHelper, DECOMMISSION_PATH, NODE, PRODUCTION };

export const GTIN = '09506000134352';

export interface NodeSettings {
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	retryOnFail?: boolean;
}

/** A workflow: Start (manual trigger, pinned items) → Movilitas Decommission. */
export function workflow(
	parameters: Record<string, unknown>,
	items: Array<Record<string, unknown>>,
	settings: NodeSettings = {},
) {
	return {
		name: 'hostile',
		nodes: [
			{
				parameters: {},
				id: 'h0000000-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0] as [number, number],
			},
			{
				parameters: {
					productCode: GTIN,
					reason: 'destroy',
					sendToMarket: false,
					marketId: '',
					...parameters,
				},
				id: 'h0000000-0000-4000-8000-000000000002',
				name: NODE,
				type: packageNodeType('movilitasDecommission'),
				typeVersion: 1,
				position: [240, 0] as [number, number],
				credentials: { movilitasApi: { id: 'movilitas-credential-1', name: 'Movilitas API' } },
				...settings,
			},
		],
		connections: {
			Start: { main: [[{ node: NODE, type: 'main' as const, index: 0 }]] },
		},
		settings: { executionOrder: 'v1' as const },
		pinData: { Start: items.map((json) => ({ json })) },
	};
}

export async function run(
	wf: ReturnType<typeof workflow>,
	helper = credentialsHelper(credential()),
): Promise<WorkflowResult> {
	return await executeWorkflow({
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		workflow: wf as any,
		nodeTypes: { [packageNodeType('movilitasDecommission')]: new MovilitasDecommission() },
		credentialTypes: { movilitasApi: new MovilitasApi() },
		credentialsHelper: helper,
	});
}

export interface Seen {
	host: string;
	path: string;
	body: Record<string, unknown>;
	headers: Record<string, unknown>;
}

/** The token call answering with the given tokens in turn. */
export function tokens(...values: string[]): void {
	const scope = nock(PRODUCTION);
	for (const token of values) scope.post(AUTH_PATH).reply(200, { success: true, token });
}

type Reply = (
	body: { serials: string[]; [key: string]: unknown },
	headers: Record<string, unknown>,
	n: number,
) => [number, unknown, Record<string, string>?] | Error;

/**
 * The decommission endpoint answering each request with `reply`; returns the requests it saw.
 * An Error from reply becomes a connection error with that error's code.
 */
export function movilitas(reply: Reply, times = 1, host = PRODUCTION): Seen[] {
	const seen: Seen[] = [];
	nock(host)
		.post(DECOMMISSION_PATH)
		.times(times)
		.reply(function (uri, body, callback) {
			const headers = this.req.headers as Record<string, unknown>;
			seen.push({ host, path: uri, body: body as Record<string, unknown>, headers });
			const answer = reply(body as { serials: string[] }, headers, seen.length);
			if (answer instanceof Error) callback(answer, [0, '']);
			else callback(null, answer as [number, nock.Body, Record<string, string>]);
		});
	return seen;
}

/** Success for every serial of the body. */
export function ok(body: { serials: string[] }): [number, unknown] {
	return [
		200,
		{
			success: true,
			data: body.serials.map((serial) => ({ serial_number: serial, status: 'Decommissioned' })),
		},
	];
}

export function statuses(result: WorkflowResult, output = 0): Array<[unknown, unknown, unknown]> {
	return result
		.output(NODE, output)
		.map((item) => [item.json.serial_number, item.json.status, item.json.attempts]);
}

export function visible(result: WorkflowResult): string {
	return JSON.stringify({
		output: result.output(NODE),
		output1: result.output(NODE, 1),
		error: result.error,
		message: result.error?.message,
		description: result.error?.description,
		nodeError: result.nodeError(NODE),
	});
}

export function setupNock(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());
}
