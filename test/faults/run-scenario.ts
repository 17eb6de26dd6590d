/** Runs one scenario through n8n's engine against a fresh sandbox and reconciles the ledger. */
import { performance } from 'node:perf_hooks';

import { MovilitasApi } from '../../credentials/MovilitasApi.credentials';
import { MovilitasDecommission } from '../../nodes/MovilitasDecommission/MovilitasDecommission.node';
import { executeWorkflow, HarnessCredentialsHelper, packageNodeType } from '../harness';
import { startRecorder, startSandbox } from '../sandbox/server';
import { buildInputs, intendedItems, type FaultItem } from './inputs';
import { reconcile, type Reconciliation } from './reconcile';
import type { Scenario } from './scenarios';

/** Made up for the suite, so any 10 characters of them in an output are a leak. */
export const SECRETS = {
	apiKey: 'fk-Q7v9Lx2mWpZ3',
	apiSecret: 'fs-8Hq3Zt6NcYr0Vb',
	channelKey: 'fc-5Jd1Rb7TgKe4Mn',
};

const NODE = 'Movilitas Decommission';
export const BATCH_SIZE = 500;

export interface ScenarioResult extends Reconciliation {
	name: string;
	seed: number;
	seconds: number;
}

function workflow(items: FaultItem[], requestTimeout: number) {
	return {
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: {},
			},
			{
				id: 'decommission',
				name: NODE,
				type: packageNodeType('movilitasDecommission'),
				typeVersion: 1,
				position: [240, 0] as [number, number],
				credentials: { movilitasApi: { id: 'faults', name: 'Fault suite' } },
				// Continue On Fail: every serial must come back as an item, whatever happened.
				onError: 'continueRegularOutput' as const,
				parameters: {
					productCode: '={{ $json.gtin }}',
					productCodeSchema: 'GTIN',
					reason: '={{ $json.reason }}',
					sendToMarket: '={{ $json.toMarket }}',
					marketId: '={{ $json.market }}',
					serialsSource: 'field',
					serialsField: 'serials',
					serialsSeparator: 'none',
					options: {
						batchSize: BATCH_SIZE,
						requestTimeout,
						requestsInFlight: 1,
						includeSettings: true,
					},
				},
			},
		],
		connections: { Start: { main: [[{ node: NODE, type: 'main' as const, index: 0 }]] } },
		pinData: { Start: items.map((json) => ({ json: { ...json } })) },
	};
}

export async function runScenario(
	scenario: Scenario,
	seed: number,
	serials: number,
): Promise<ScenarioResult> {
	const items = buildInputs(seed, serials);
	const recorder = await startRecorder();
	const sandbox = await startSandbox({
		seed,
		apiKeys: [{ apiKey: SECRETS.apiKey, apiSecret: SECRETS.apiSecret }],
		channelKeys: [SECRETS.channelKey],
		strictSerials: true,
		responseOrder: 'shuffle',
		alreadyDecommissionedStatus: 'Already decommissioned',
		honestAfterProcessing: true,
		echoSecrets: true,
		...scenario.faults(recorder.url),
	});
	const started = performance.now();
	try {
		const helper = new HarnessCredentialsHelper({ movilitasApi: new MovilitasApi() }, [
			{
				id: 'faults',
				name: 'Fault suite',
				type: 'movilitasApi',
				data: {
					environment: 'custom',
					baseUrl: sandbox.url,
					authentication: 'dynamic',
					apiKey: SECRETS.apiKey,
					apiSecret: SECRETS.apiSecret,
					staticToken: '',
					channelSecretKey: SECRETS.channelKey,
					accessToken: '',
				},
			},
		]);
		const result = await executeWorkflow({
			workflow: workflow(items, scenario.requestTimeout),
			nodeTypes: { [packageNodeType('movilitasDecommission')]: new MovilitasDecommission() },
			credentialTypes: { movilitasApi: new MovilitasApi() },
			credentialsHelper: helper,
		});
		// Late (slow) requests are applied after the node gave up on them: wait for them.
		await sandbox.settle();
		const seconds = (performance.now() - started) / 1000;
		const error = result.error;
		const nodeError = result.nodeError(NODE);
		const errorTexts = [
			error?.message,
			error?.description,
			nodeError?.message,
			nodeError?.description,
		].filter((text): text is string => typeof text === 'string' && text !== '');
		const reconciliation = reconcile({
			intended: intendedItems(items),
			output: result.output(NODE).map(({ json, pairedItem }) => ({ json, pairedItem })),
			errorTexts,
			ledger: sandbox.state.ledger(),
			requests: sandbox.state.requests,
			foreign: recorder.requests,
			secrets: [...Object.values(SECRETS), ...sandbox.state.tokensIssued],
			timeoutMs: scenario.requestTimeout * 1000,
		});
		if (error) reconciliation.findings.add('lost', 'the run failed', error.message);
		return { name: scenario.name, seed, seconds, ...reconciliation };
	} finally {
		await Promise.all([sandbox.stop(), recorder.stop()]);
	}
}
