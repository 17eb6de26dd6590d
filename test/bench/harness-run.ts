/**
 * The node alone over N input items of one serial each, in n8n-core's WorkflowExecute (the test
 * harness) against the sandbox: the smallest process to profile with `node --cpu-prof`.
 * Prints one JSON line: { items, ms, nodeMs, requests, output }.
 *
 *   node --cpu-prof .tools/test/bench/harness-run.js 100000
 */
import { performance } from 'node:perf_hooks';

import { MovilitasApi } from '../../credentials/MovilitasApi.credentials';
import { MovilitasDecommission } from '../../nodes/MovilitasDecommission/MovilitasDecommission.node';
import {
	executeWorkflow,
	HarnessCredentialsHelper,
	packageNodeType,
	type HarnessCredential,
} from '../harness';
import { DEFAULT_PRODUCT_EU, startSandbox } from '../sandbox/server';
import { benchCredential, serialsOf } from './workflows';

async function main() {
	const items = Number(process.argv[2] ?? 100_000);
	const sandbox = await startSandbox({ port: 0 });
	try {
		const credential = benchCredential(sandbox);
		const helper = new HarnessCredentialsHelper({ movilitasApi: new MovilitasApi() }, [
			credential as HarnessCredential,
		]);
		const workflow = {
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
					name: 'Measured',
					type: packageNodeType('movilitasDecommission'),
					typeVersion: 1,
					position: [200, 0] as [number, number],
					credentials: { movilitasApi: { id: credential.id, name: credential.name } },
					parameters: {
						productCode: DEFAULT_PRODUCT_EU,
						productCodeSchema: 'GTIN',
						reason: 'destroy',
						sendToMarket: false,
						marketId: '',
						serialsSource: 'field',
						serialsField: 'serial',
						serialsSeparator: 'none',
						options: { batchSize: 1000 },
					},
				},
			],
			connections: { Start: { main: [[{ node: 'Measured', type: 'main' as const, index: 0 }]] } },
			pinData: {
				Start: serialsOf({ prefix: 'H', serials: items }).map((serial) => ({ json: { serial } })),
			},
		};
		const started = performance.now();
		const result = await executeWorkflow({
			workflow,
			nodeTypes: { [packageNodeType('movilitasDecommission')]: new MovilitasDecommission() },
			credentialTypes: { movilitasApi: new MovilitasApi() },
			credentialsHelper: helper,
		});
		const ms = performance.now() - started;
		if (result.error) throw result.error;
		const nodeMs = result.run.data.resultData.runData.Measured?.[0]?.executionTime;
		const output = result.output('Measured').length;
		console.log(
			JSON.stringify({ items, ms, nodeMs, requests: sandbox.state.decommissionCalls, output }),
		);
	} finally {
		await sandbox.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
