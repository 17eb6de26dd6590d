/**
 * `npm run bench`: speed and memory of the node, measured, never asserted. Runs the node in
 * n8n-core's engine against the sandbox on loopback (bounded: a few runs, then it stops).
 *
 *   npm run bench                 # default sizes
 *   npm run bench -- 50000        # input items for the largest run
 */
import { performance } from 'node:perf_hooks';

import { MovilitasApi } from '../../credentials/MovilitasApi.credentials';
import { MovilitasDecommission } from '../../nodes/MovilitasDecommission/MovilitasDecommission.node';
import { parseSerials } from '../../nodes/MovilitasDecommission/serials';
import {
	executeWorkflow,
	HarnessCredentialsHelper,
	packageNodeType,
	shutdownHarness,
} from '../harness';
import {
	DEFAULT_API_KEY,
	DEFAULT_API_SECRET,
	DEFAULT_CHANNEL_KEY,
	startSandbox,
	type SandboxOptions,
} from '../sandbox/server';

const GTIN = '09506000134352';

function workflow(items: number, batchSize: number) {
	return {
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: {},
			},
			{
				id: '2',
				name: 'Decommission',
				type: packageNodeType('movilitasDecommission'),
				typeVersion: 1,
				position: [200, 0] as [number, number],
				credentials: { movilitasApi: { id: 'bench', name: 'Bench' } },
				parameters: {
					productCode: GTIN,
					reason: 'destroy',
					sendToMarket: false,
					marketId: '',
					serialsSource: 'field',
					serialsField: 'serial',
					options: { batchSize },
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Decommission', type: 'main' as const, index: 0 }]] } },
		pinData: {
			Start: Array.from({ length: items }, (_, i) => ({
				json: { serial: `BENCH${String(i).padStart(10, '0')}` },
			})),
		},
	};
}

async function runOnce(items: number, batchSize: number, sandboxOptions: SandboxOptions = {}) {
	const sandbox = await startSandbox(sandboxOptions);
	try {
		const helper = new HarnessCredentialsHelper({ movilitasApi: new MovilitasApi() }, [
			{
				id: 'bench',
				name: 'Bench',
				type: 'movilitasApi',
				data: {
					environment: 'custom',
					baseUrl: sandbox.url,
					authentication: 'dynamic',
					apiKey: DEFAULT_API_KEY,
					apiSecret: DEFAULT_API_SECRET,
					channelSecretKey: DEFAULT_CHANNEL_KEY,
					accessToken: '',
				},
			},
		]);
		global.gc?.();
		const heapBefore = process.memoryUsage().heapUsed;
		const started = performance.now();
		const result = await executeWorkflow({
			workflow: workflow(items, batchSize),
			nodeTypes: { [packageNodeType('movilitasDecommission')]: new MovilitasDecommission() },
			credentialTypes: { movilitasApi: new MovilitasApi() },
			credentialsHelper: helper,
		});
		const ms = performance.now() - started;
		const heapAfter = process.memoryUsage().heapUsed;
		const output = result.output('Decommission');
		const ok = output.filter((item) => item.json.success === true).length;
		if (result.error) throw result.error;
		return {
			items,
			batchSize,
			latencyMs: sandboxOptions.latencyMs ?? 0,
			requests: sandbox.state.decommissionCalls,
			confirmed: `${ok}/${output.length}`,
			ms: Math.round(ms),
			serialsPerSecond: Math.round((items / ms) * 1000),
			heapDeltaMB: Math.round(((heapAfter - heapBefore) / 2 ** 20) * 10) / 10,
			rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
		};
	} finally {
		await sandbox.stop();
	}
}

function validationThroughput(count: number) {
	const serials = Array.from({ length: count }, (_, i) => `V${String(i).padStart(12, '0')}`);
	const started = performance.now();
	const parsed = parseSerials(serials.join('\n'), 'lineBreak');
	const ms = performance.now() - started;
	if (!parsed.ok) throw new Error(parsed.problem);
	return { serials: count, ms: Math.round(ms), serialsPerSecond: Math.round((count / ms) * 1000) };
}

async function main() {
	const largest = Number(process.argv[2] ?? 20000);
	console.log('Validation of one typed list (parse + GS1 checks):');
	console.table([validationThroughput(100_000)]);
	console.log('Whole node in n8n-core WorkflowExecute against the sandbox on 127.0.0.1:');
	const rows = [];
	rows.push(await runOnce(1000, 1000));
	rows.push(await runOnce(largest, 1000));
	rows.push(await runOnce(largest, 10000));
	rows.push(await runOnce(1000, 100, { latencyMs: 50 }));
	console.table(rows);
	console.log('items = input items of one serial each; requests = decommission requests sent.');
	await shutdownHarness();
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
